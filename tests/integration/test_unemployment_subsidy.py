"""（十） "吸纳登记失业半年以上人员": the duration comes from the registration the bureau confirmed,
the facts are fixed at the hire, and each person earns the one-off subsidy once."""

from datetime import date

import pytest

from models import Placement, UnemploymentRegistration
from policy.errors import Invalid
from services import profiles, unemployment
from services.placement_terms import end_placement
from services.placements import place_candidate
from services.subsidies import subsidy_ledger
from tests.factories import make_candidate, make_employer, make_post, make_user

RULE = "long_term_unemployed_hire"
LATER = date(2020, 12, 31)


@pytest.fixture
def bureau(session):
    return make_user(session, role="bureau")


def _registered(session, bureau, registered_on, declared=None):
    """A seeker who registered online (declaring `declared`) and whom the bureau confirmed
    from `registered_on`."""
    user = make_user(session)
    person = make_candidate(session, user=user, education="high_school", school="", major="",
                            graduation_date=None, birth_date=date(1980, 4, 2))
    registration = unemployment.register(session, user, "吴航街道", declared or registered_on,
                                         "长乐某纺织厂", today=date(2020, 12, 31),
                                         able_to_work=True, wants_work=True)
    unemployment.decide(session, bureau, registration.id, True, date(2020, 12, 31),
                        registered_on=registered_on)
    return user, person


def _hire(session, bureau, person, start):
    post = make_post(session, make_employer(session), education_min="none")
    return place_candidate(session, bureau, post.id, person.id, start)


def _paid(session, placement=None):
    entries, _ = subsidy_ledger(session, LATER)
    return [e.amount for e in entries
            if e.amount.rule == RULE and (placement is None or e.placement.id == placement.id)]


@pytest.mark.parametrize("start, paid", [(date(2020, 8, 31), False), (date(2020, 9, 1), True)])
def test_six_months_of_registration_count_from_the_date_the_bureau_accepted(session, bureau, start, paid):
    _, person = _registered(session, bureau, date(2020, 3, 1))
    _hire(session, bureau, person, start)
    amounts = _paid(session)
    assert [a.fen for a in amounts] == ([180000] if paid else [])


def test_the_bureau_accepts_a_later_date_than_the_seeker_declared(session, bureau):
    _, person = _registered(session, bureau, date(2020, 3, 15), declared=date(2020, 1, 1))
    registration = unemployment.current_registration(session, person.id)
    assert registration.registered_on == date(2020, 3, 15)
    _hire(session, bureau, person, date(2020, 9, 1))  # 5 months after 15 March
    assert _paid(session) == []


def test_editing_the_seekers_own_date_after_confirmation_changes_nothing(session, bureau):
    user, person = _registered(session, bureau, date(2020, 3, 1))
    # The seeker moves their date to August: the registration the bureau confirmed stands.
    profiles.save_step(session, user, profiles.SituationStep(
        False, date(2020, 8, 1), [], False), today=date(2020, 8, 20))
    assert person.unemployed_since == date(2020, 8, 1)
    _hire(session, bureau, person, date(2020, 9, 1))
    assert [a.fen for a in _paid(session)] == [180000]


def test_a_seekers_earlier_date_does_not_make_a_short_registration_long(session, bureau):
    user, person = _registered(session, bureau, date(2020, 6, 1))
    profiles.save_step(session, user, profiles.SituationStep(
        False, date(2019, 1, 1), [], False), today=date(2020, 8, 20))
    _hire(session, bureau, person, date(2020, 9, 1))
    assert _paid(session) == []


def test_the_subsidy_keeps_its_amount_after_the_person_later_found_work(session, bureau):
    user, person = _registered(session, bureau, date(2020, 3, 1))
    placement = _hire(session, bureau, person, date(2020, 9, 1))
    assert placement.hire_facts["registered_unemployed_since"] == "2020-03-01"
    # The hire ended the registration （就业） on its first day.
    registration = session.query(UnemploymentRegistration).filter_by(candidate_id=person.id).one()
    assert (registration.ended_on, registration.end_reason) == (date(2020, 9, 1), "employed")
    end_placement(session, bureau, placement.id, date(2020, 10, 31), "left_for_job")
    profiles.save_step(session, user, profiles.SituationStep(True, None, [], False),
                            today=date(2020, 11, 2))
    amounts = _paid(session, placement)
    assert [a.fen for a in amounts] == [180000]
    assert "登记失业6个月" in amounts[0].explanation_zh and "0 个月" not in amounts[0].explanation_zh


def test_a_second_hire_of_the_same_person_earns_no_second_subsidy(session, bureau):
    _, person = _registered(session, bureau, date(2020, 3, 1))
    first = _hire(session, bureau, person, date(2020, 9, 1))
    second = _hire(session, bureau, person, date(2020, 9, 1))  # the same day: still registered
    assert second.hire_facts["registered_unemployed_since"] == "2020-03-01"
    assert [a.fen for a in _paid(session, first)] == [180000]
    assert _paid(session, second) == []


def test_a_registration_cancelled_before_the_hire_earns_nothing(session, bureau):
    _, person = _registered(session, bureau, date(2020, 1, 1))
    registration = unemployment.current_registration(session, person.id)
    unemployment.end_registration(session, bureau, registration.id, date(2020, 7, 31), "cancelled")
    assert unemployment.current_registration(session, person.id) is None
    placement = _hire(session, bureau, person, date(2020, 9, 1))
    assert placement.hire_facts["registered_unemployed_since"] is None
    assert _paid(session) == []


def test_a_placement_made_before_hire_facts_reads_the_registration_history(session, bureau):
    user, person = _registered(session, bureau, date(2020, 3, 1))
    placement = _hire(session, bureau, person, date(2020, 9, 1))
    placement.hire_facts = None  # as migration 0009 leaves older rows
    session.flush()
    person.unemployed_since = None
    person.employed = True
    session.flush()
    assert [a.fen for a in _paid(session)] == [180000]
    assert session.get(Placement, placement.id).hire_facts is None


def test_the_bureau_cannot_accept_a_registration_date_after_the_apps_today(session, bureau):
    """The day of the decision is the app's (pinned to 2020 in the demo), not the wall clock's:
    a date after it is refused, however long ago it is in real time."""
    user = make_user(session)
    make_candidate(session, user=user)
    registration = unemployment.register(session, user, "吴航街道", date(2020, 8, 1), "长乐某纺织厂",
                                         today=date(2020, 9, 1), able_to_work=True, wants_work=True)
    with pytest.raises(Invalid) as refused:
        unemployment.decide(session, bureau, registration.id, True, date(2020, 9, 1),
                            registered_on=date(2020, 9, 2))
    assert refused.value.code == "invalid_date"
    assert unemployment.decide(session, bureau, registration.id, True, date(2020, 9, 1),
                               registered_on=date(2020, 9, 1)).registered_on == date(2020, 9, 1)
