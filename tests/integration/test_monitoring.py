"""（十五） monitoring: registered unemployed by township, group and month, from the history."""

from datetime import UTC, date, datetime

from models import GroupClaim, UnemploymentRegistration
from policy.monitoring import SurgeRule
from policy.parameters import Parameter
from services.monitoring import monitor, months_until, through_month
from tests.factories import make_candidate

TOWN = "梅花镇"
JULY, AUGUST = 7, 8


def _registered(session, registered_on, ended_on=None, reason=None, township=TOWN):
    person = make_candidate(session, graduation_date=None)
    session.add(UnemploymentRegistration(
        candidate_id=person.id, township=township, unemployed_since=registered_on,
        registered_on=registered_on, status="confirmed", ended_on=ended_on,
        end_reason=reason if ended_on else None))
    session.flush()
    return person


def _month(result, name, month):
    index = [m.first.month for m in result.months].index(month)
    return result.townships[name][index]


def test_registrations_on_the_first_and_last_day_count_in_their_month(session):
    _registered(session, date(2020, 7, 1))
    _registered(session, date(2020, 7, 31))
    _registered(session, date(2020, 8, 1))
    _registered(session, date(2020, 6, 30))
    result = monitor(session, date(2020, 8, 15), count=3)
    assert [m.label for m in result.months] == ["2020-06", "2020-07", "2020-08"]
    july = _month(result, TOWN, JULY)
    assert (july.new, july.registered) == (2, 3)
    assert _month(result, TOWN, AUGUST).registered == 4


def test_an_exit_on_the_last_day_leaves_the_month_end_count_and_counts_as_that_months_exit(session):
    _registered(session, date(2020, 6, 10), ended_on=date(2020, 7, 31), reason="employed")
    _registered(session, date(2020, 6, 11), ended_on=date(2020, 8, 1), reason="cancelled")
    result = monitor(session, date(2020, 8, 31), count=3)
    june, july, august = result.townships[TOWN]
    assert (june.registered, june.exits) == (2, 0)
    assert (july.exits_employed, july.exits_cancelled, july.registered) == (1, 0, 1)
    assert (august.exits_cancelled, august.registered) == (1, 0)
    # the month-end stock follows from the flows
    assert july.registered == june.registered + july.new - july.exits


def test_pending_and_rejected_registrations_are_not_counted(session):
    person = make_candidate(session)
    session.add_all([
        UnemploymentRegistration(candidate_id=person.id, township=TOWN,
                                 unemployed_since=date(2020, 7, 5), status="pending"),
        UnemploymentRegistration(candidate_id=person.id, township=TOWN,
                                 unemployed_since=date(2020, 7, 5), status="rejected")])
    session.flush()
    assert monitor(session, date(2020, 7, 31), count=1).townships[TOWN][0].new == 0


def test_a_group_verified_after_the_month_end_is_not_counted_in_that_month(session):
    """The month closes at 00:00 of the next month in the district (UTC+8): 16:00 UTC."""
    early = _registered(session, date(2020, 7, 3))
    late = _registered(session, date(2020, 7, 4))
    gone = _registered(session, date(2020, 7, 5))
    early.group_claims.append(GroupClaim(group="hardship", status="verified",
                                         decided_at=datetime(2020, 7, 31, 15, 59, tzinfo=UTC)))
    late.group_claims.append(GroupClaim(group="hardship", status="verified",
                                        decided_at=datetime(2020, 7, 31, 16, 0, tzinfo=UTC)))
    gone.group_claims.append(GroupClaim(
        group="hardship", status="withdrawn", decided_at=datetime(2020, 7, 6, tzinfo=UTC),
        withdrawn_at=datetime(2020, 8, 10, tzinfo=UTC)))
    session.flush()
    result = monitor(session, date(2020, 8, 31), count=2)
    # July: early, and gone (withdrawn only in August); August: early and late
    assert result.groups["hardship"] == [2, 2]
    assert "registered_unemployed" not in result.groups


def test_group_counts_narrow_to_one_township(session):
    person = _registered(session, date(2020, 7, 3), township="吴航街道")
    person.group_claims.append(GroupClaim(group="low_income", status="verified"))
    session.flush()
    assert monitor(session, date(2020, 7, 31), count=1).groups["low_income"] == [1]
    assert monitor(session, date(2020, 7, 31), count=1, township=TOWN).groups["low_income"] == [0]


def _rule(percent=50, min_new=2, months=3):
    return SurgeRule(*(Parameter(v, "bureau", "本区经办规则") for v in (percent, min_new, months)))


def test_a_township_is_flagged_when_new_registrations_reach_the_threshold(session):
    for month in (4, 5, 6):  # two a month: baseline 2, +50 % is 3
        _registered(session, date(2020, month, 2))
        _registered(session, date(2020, month, 3))
    for day in (1, 15, 31):
        _registered(session, date(2020, 7, day))
    _registered(session, date(2020, 7, 1), township="吴航街道")
    result = monitor(session, date(2020, 7, 31), count=1, rule=_rule())
    assert _month(result, TOWN, JULY).surge
    assert not _month(result, "吴航街道", JULY).surge  # from 0 to 1: below the minimum of 2
    assert result.flagged() == [(TOWN, result.months[0], _month(result, TOWN, JULY))]
    stricter = monitor(session, date(2020, 7, 31), count=1, rule=_rule(percent=51))
    assert not _month(stricter, TOWN, JULY).surge


def test_every_township_has_a_row_and_the_district_adds_them_up(session):
    _registered(session, date(2020, 7, 3), township="吴航街道")
    _registered(session, date(2020, 7, 4))
    result = monitor(session, date(2020, 7, 31), count=1)
    assert "潭头镇" in result.townships and result.townships["潭头镇"][0].new == 0
    assert result.district[0].new == 2


def test_the_months_end_with_the_month_holding_the_day():
    assert [m.label for m in months_until(date(2021, 1, 1), 3)] == ["2020-11", "2020-12", "2021-01"]
    assert months_until(date(2020, 2, 10), 1)[0].last == date(2020, 2, 29)


def test_a_month_asked_for_ends_on_its_last_day_but_never_after_today():
    today = date(2020, 8, 15)
    assert through_month("2020-07", today) == date(2020, 7, 31)
    assert through_month("2020-08", today) == today
    for text in ("2020-13", None, "9999-12", "0001-01", "1-1-1", "二〇二〇-07"):
        assert through_month(text, today) == today, text


def test_a_registration_without_a_township_has_a_named_row(session):
    _registered(session, date(2020, 7, 3), township="")
    assert monitor(session, date(2020, 7, 31), count=1).townships["未登记乡镇"][0].new == 1
