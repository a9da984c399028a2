"""Issue 12 items 4 and 13 against the database: settings changed from a date and audited, the
ledger at the value in effect, trainee terms at placement, retention, follow-up of those not kept."""

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from models import AuditEntry, GroupClaim, Placement
from policy.errors import Invalid
from policy.identifiers import make_id_number
from services import followups, policy_settings, reports, retention, unemployment
from services.placement_terms import end_placement
from services.placements import place_candidate
from services.subsidies import subsidy_ledger
from tests.factories import make_candidate, make_employer, make_post, make_program, make_user

START = date(2020, 9, 1)


@pytest.fixture
def bureau(session):
    return make_user(session, role="bureau")


def _trainee_post(session, employer=None, program=None, **overrides):
    program = program or make_program(session, kind="trainee", name="2020年就业见习", target=50)
    return make_post(session, employer or make_employer(session), kind="trainee",
                     program_id=program.id, education_min="associate", slots=20, **overrides)


def test_a_change_takes_effect_from_its_date_and_is_audited_with_who_and_before(session, bureau):
    row = policy_settings.change(session, bureau.id, "public_welfare", "monthly_subsidy_fen", 200000,
                                 date(2021, 1, 1), confirmed=True, note="区人社局2020年12月通知")
    settings = policy_settings.current(session)
    assert settings.value("public_welfare", "monthly_subsidy_fen", date(2020, 12, 31)) == 180000
    assert settings.at("public_welfare", "monthly_subsidy_fen", date(2021, 1, 1)).confirmed
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "set_parameter"))
    assert (entry.actor_id, entry.entity_id, entry.at is not None) == (bureau.id, row.id, True)
    assert entry.detail["before"] == {"value": 180000, "confirmed": False}
    assert entry.detail["after"] == {"value": 200000, "confirmed": True}


@pytest.mark.parametrize("section, name, value, code", [
    ("public_welfare", "monthly_subsidy_fen", 10_000_001, "invalid_parameter"),
    ("public_welfare", "nothing", 1, "unknown_parameter"),
    ("post_listing", "stale_after_days", 10, "parameter_not_editable"),
])
def test_a_change_out_of_bounds_or_of_no_parameter_is_refused_and_nothing_written(
        session, bureau, section, name, value, code):
    with pytest.raises(Invalid) as error:
        policy_settings.change(session, bureau.id, section, name, value, date(2021, 1, 1), True)
    assert error.value.code == code
    assert session.scalar(select(AuditEntry).where(AuditEntry.action == "set_parameter")) is None


@pytest.mark.parametrize("months, ok", [(2, False), (3, True), (12, True), (13, False)])
def test_a_trainee_term_is_set_at_placement_within_three_to_twelve_months(session, bureau, months, ok):
    post = _trainee_post(session)
    person = make_candidate(session)
    if ok:
        placement = place_candidate(session, bureau, post.id, person.id, START, term_months=months)
        assert placement.term_end == {3: date(2020, 11, 30), 12: date(2021, 8, 31)}[months]
    else:
        with pytest.raises(Invalid) as error:
            place_candidate(session, bureau, post.id, person.id, START, term_months=months)
        assert error.value.code == "trainee_term_invalid"


def test_without_a_term_the_programmes_or_else_the_longest_applies(session, bureau):
    longest = place_candidate(session, bureau, _trainee_post(session).id,
                              make_candidate(session).id, START)
    assert longest.term_end == date(2021, 8, 31)
    six = make_program(session, kind="trainee", params={"term_months": 6})
    placed = place_candidate(session, bureau, _trainee_post(session, program=six).id,
                             make_candidate(session).id, START)
    assert placed.term_end == date(2021, 2, 28)


def test_the_term_bounds_in_effect_on_the_start_date_apply(session, bureau):
    policy_settings.change(session, bureau.id, "trainee", "max_term_months", 6, date(2020, 10, 1), True)
    post = _trainee_post(session)
    assert place_candidate(session, bureau, post.id, make_candidate(session).id, START,
                           term_months=12).term_end == date(2021, 8, 31)
    with pytest.raises(Invalid):
        place_candidate(session, bureau, post.id, make_candidate(session).id, date(2020, 10, 1),
                        term_months=12)


def test_a_traineeship_cannot_end_after_its_term(session, bureau):
    placement = place_candidate(session, bureau, _trainee_post(session).id,
                                make_candidate(session).id, START, term_months=3)
    with pytest.raises(Invalid) as error:
        end_placement(session, bureau, placement.id, date(2020, 12, 1), "retained")
    assert error.value.code == "end_after_term"
    assert end_placement(session, bureau, placement.id, date(2020, 11, 30), "retained").retained


def test_the_ledger_pays_the_trainee_subsidy_per_month_at_the_setting_marked_pending(session, bureau):
    placement = place_candidate(session, bureau, _trainee_post(session).id,
                                make_candidate(session).id, START, term_months=3)
    policy_settings.change(session, bureau.id, "trainee", "monthly_subsidy_fen", 150000,
                           date(2020, 11, 1), confirmed=True)
    entries, totals = subsidy_ledger(session, date(2021, 1, 1))
    [entry] = [e for e in entries if e.placement.id == placement.id]
    assert entry.amount.fen == 2 * 180000 + 150000  # Sep, Oct at the default; Nov at the change
    assert [p.status_zh for p in entry.amount.parameters] == ["待确认", "已确认"]
    assert [(t.rule, t.count) for t in totals] == [("trainee_post", 1)]


def test_the_public_welfare_subsidy_uses_the_programmes_own_amount_when_it_has_one(session, bureau):
    program = make_program(session, params={"term_months": 6, "monthly_subsidy_fen": 200000,
                                            "clause": "（六）"})
    post = make_post(session, make_employer(session), kind="public_welfare", program_id=program.id,
                     education_min="none")
    person = make_candidate(session, education="junior_high", graduation_date=None)
    person.group_claims.append(GroupClaim(group="hardship", status="verified"))
    session.flush()
    placement = place_candidate(session, bureau, post.id, person.id, START)
    entries, _ = subsidy_ledger(session, date(2021, 6, 1))
    [entry] = [e for e in entries if e.placement.id == placement.id]
    assert entry.amount.fen == 6 * 200000
    assert entry.amount.parameters[0].confirmed


def test_retention_is_reported_per_programme_and_employer_and_the_not_retained_are_followed(
        session, bureau):
    host = make_employer(session, name="长乐见习基地")
    post = _trainee_post(session, employer=host)
    kept, left, still = (make_candidate(session) for _ in range(3))
    for person in (kept, left, still):
        place_candidate(session, bureau, post.id, person.id, START, term_months=3)
    by_person = {p.candidate_id: p for p in session.scalars(
        select(Placement).where(Placement.post_id == post.id))}
    end_placement(session, bureau, by_person[kept.id].id, date(2020, 11, 30), "retained")
    end_placement(session, bureau, by_person[left.id].id, date(2020, 11, 30), "term_over")

    report = retention.trainee_retention(session)
    [employer] = [r for r in report.employers if r.label == "长乐见习基地"]
    assert (employer.placed, employer.ended, employer.retained, employer.not_retained) == (3, 2, 1, 1)
    assert employer.rate == pytest.approx(0.5)
    [programme] = [r for r in report.programmes if r.label == "2020年就业见习"]
    assert programme.retained == 1

    due = {row.person.id for row in followups.worklist(session, date(2020, 12, 1)).rows}
    assert left.id in due and kept.id not in due and still.id not in due
    # Not before the traineeship ended (a placement counts as ended from its last day).
    assert left.id not in {row.person.id for row in followups.worklist(session, date(2020, 11, 29)).rows}

    book = load_workbook(BytesIO(reports.report_bytes(session, date(2020, 12, 1))))
    rows = list(book["见习留用"].iter_rows(values_only=True))
    assert rows[0] == ("维度", "名称", "见习人数", "已结束", "留用", "未留用", "留用率")
    assert ("见习单位", "长乐见习基地", 3, 2, 1, 1, 0.5) in rows


def test_a_working_age_setting_applies_to_registrations_from_its_date(session, bureau):
    """（九）: the retirement ages are settings: a change from a date decides from that date on."""
    born = date(1960, 9, 15)  # a man, 60 on 2020-09-15
    user = make_user(session)
    make_candidate(session, user=user, birth_date=born, id_number=make_id_number("350182", born, 11))

    def register():
        return unemployment.register(session, user, "首占镇", date(2020, 9, 1), "", date(2020, 9, 15),
                                     able_to_work=True, wants_work=True)

    policy_settings.change(session, bureau.id, "working_age", "retirement_age_male", 63,
                           date(2020, 10, 1), confirmed=True)
    with pytest.raises(Invalid) as error:
        register()
    assert error.value.code == "outside_working_age"
    policy_settings.change(session, bureau.id, "working_age", "retirement_age_male", 63,
                           date(2020, 9, 15), confirmed=True)
    assert register().candidate.user_id == user.id
