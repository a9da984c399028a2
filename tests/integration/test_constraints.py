"""The database itself refuses what breaks an invariant, whatever code path writes."""

from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError

from models import Application, GroupClaim, Placement
from tests.factories import make_candidate, make_employer, make_post, make_program


def _fails(session, obj):
    session.add(obj)
    with pytest.raises(IntegrityError):
        with session.begin_nested():
            session.flush()


def test_a_post_needs_at_least_one_slot(session):
    employer = make_employer(session)
    with pytest.raises(IntegrityError), session.begin_nested():
        make_post(session, employer, slots=0)


def test_a_quota_post_must_name_its_program(session):
    employer = make_employer(session)
    with pytest.raises(IntegrityError), session.begin_nested():
        make_post(session, employer, kind="public_welfare", program_id=None)


def test_salary_range_must_be_ordered(session):
    employer = make_employer(session)
    with pytest.raises(IntegrityError), session.begin_nested():
        make_post(session, employer, salary_min=6000, salary_max=4000)


def test_one_application_per_candidate_and_post(session):
    post = make_post(session, make_employer(session))
    candidate = make_candidate(session)
    session.add(Application(post_id=post.id, candidate_id=candidate.id))
    session.flush()
    _fails(session, Application(post_id=post.id, candidate_id=candidate.id))


def test_foreign_keys_are_enforced(session):
    _fails(session, Application(post_id=999_999, candidate_id=999_999))


def test_unknown_group_is_refused(session):
    candidate = make_candidate(session)
    _fails(session, GroupClaim(candidate_id=candidate.id, group="vip"))


def test_at_most_one_active_public_welfare_placement_per_person(session):
    program = make_program(session)
    employer = make_employer(session)
    first = make_post(session, employer, kind="public_welfare", program_id=program.id)
    second = make_post(session, employer, kind="public_welfare", program_id=program.id)
    candidate = make_candidate(session)
    session.add(Placement(post_id=first.id, candidate_id=candidate.id, program_id=program.id,
                          kind="public_welfare", start_date=date(2020, 8, 1)))
    session.flush()
    _fails(session, Placement(post_id=second.id, candidate_id=candidate.id,
                              program_id=program.id, kind="public_welfare",
                              start_date=date(2020, 8, 3)))


def test_an_ended_public_welfare_placement_allows_a_new_one(session):
    program = make_program(session)
    employer = make_employer(session)
    first = make_post(session, employer, kind="public_welfare", program_id=program.id)
    second = make_post(session, employer, kind="public_welfare", program_id=program.id)
    candidate = make_candidate(session)
    session.add(Placement(post_id=first.id, candidate_id=candidate.id, program_id=program.id,
                          kind="public_welfare", start_date=date(2020, 8, 1),
                          ended_on=date(2020, 8, 20), end_reason="left_for_job"))
    session.add(Placement(post_id=second.id, candidate_id=candidate.id, program_id=program.id,
                          kind="public_welfare", start_date=date(2020, 9, 1)))
    session.flush()


def test_a_placement_cannot_end_without_a_reason(session):
    employer = make_employer(session)
    post = make_post(session, employer)
    candidate = make_candidate(session)
    _fails(session, Placement(post_id=post.id, candidate_id=candidate.id, kind="regular",
                              start_date=date(2020, 8, 1), ended_on=date(2020, 9, 1)))
