"""Applications through the services: once per post, withdraw, stages in order, hired = placed."""

from datetime import date

import pytest
from sqlalchemy import func, select

from models import Application, ApplicationEvent, Placement
from policy.errors import Conflict, Invalid, NotFound
from services import applications
from tests.factories import make_candidate, make_employer, make_post, make_user

TODAY = date(2020, 9, 1)


@pytest.fixture
def seeker(session):
    user = make_user(session)
    make_candidate(session, user=user)
    return user


@pytest.fixture
def employer_user(session):
    employer = make_employer(session)
    return make_user(session, role="employer", employer=employer)


@pytest.fixture
def post(session, employer_user):
    return make_post(session, employer_user.employer, slots=1)


def _statuses(session, application):
    return [e.status for e in applications.history(session, application.id)]


def test_a_seeker_applies_once_and_a_second_time_is_already_applied(session, seeker, post):
    application = applications.apply(session, seeker, post.id, TODAY)
    assert application.status == "applied"
    with pytest.raises(Conflict) as error:
        applications.apply(session, seeker, post.id, TODAY)
    assert error.value.code == "already_applied"
    assert session.scalar(select(func.count(Application.id))) == 1


def test_an_ineligible_seeker_is_told_why_and_nothing_is_written(session, seeker, employer_user):
    post = make_post(session, employer_user.employer, education_min="master")
    with pytest.raises(Conflict) as error:
        applications.apply(session, seeker, post.id, TODAY)
    assert error.value.code == "ineligible"
    assert "学历不足" in error.value.message
    assert session.scalar(select(func.count(Application.id))) == 0


def test_a_closed_post_takes_no_applications(session, seeker, employer_user):
    post = make_post(session, employer_user.employer, status="closed")
    with pytest.raises(Conflict) as error:
        applications.apply(session, seeker, post.id, TODAY)
    assert error.value.code == "post_closed"


def test_withdrawing_keeps_the_history_and_blocks_a_new_application(session, seeker, post):
    application = applications.apply(session, seeker, post.id, TODAY)
    applications.withdraw(session, seeker, application.id)
    assert _statuses(session, application) == ["applied", "withdrawn"]
    with pytest.raises(Conflict) as error:
        applications.withdraw(session, seeker, application.id)
    assert error.value.code == "not_withdrawable"
    with pytest.raises(Conflict) as error:
        applications.apply(session, seeker, post.id, TODAY)
    assert error.value.code == "already_applied"


def test_another_seeker_cannot_withdraw_my_application(session, seeker, post):
    application = applications.apply(session, seeker, post.id, TODAY)
    other = make_user(session)
    make_candidate(session, user=other)
    with pytest.raises(NotFound):
        applications.withdraw(session, other, application.id)


def test_stages_go_in_order_and_hired_records_the_placement(session, seeker, post, employer_user):
    application = applications.apply(session, seeker, post.id, TODAY)
    with pytest.raises(Invalid) as error:
        applications.advance(session, employer_user, application.id, "offered")
    assert error.value.code == "invalid_stage"
    for stage in ("shortlisted", "interview", "offered"):
        applications.advance(session, employer_user, application.id, stage)
    with pytest.raises(Invalid) as error:
        applications.advance(session, employer_user, application.id, "hired")
    assert error.value.code == "start_date_required"
    applications.advance(session, employer_user, application.id, "hired", start_date=TODAY)
    assert _statuses(session, application) == ["applied", "shortlisted", "interview", "offered", "hired"]
    placement = session.scalar(select(Placement).where(Placement.post_id == post.id))
    assert placement.candidate_id == application.candidate_id and placement.start_date == TODAY


def test_rejecting_needs_a_reason_and_ends_the_application(session, seeker, post, employer_user):
    application = applications.apply(session, seeker, post.id, TODAY)
    with pytest.raises(Invalid) as error:
        applications.advance(session, employer_user, application.id, "rejected", "  ")
    assert error.value.code == "reason_required"
    applications.advance(session, employer_user, application.id, "rejected", "岗位需要夜班，时间不合适")
    event = session.scalar(select(ApplicationEvent).where(ApplicationEvent.status == "rejected"))
    assert event.reason == "岗位需要夜班，时间不合适" and event.actor_id == employer_user.id
    with pytest.raises(Conflict) as error:
        applications.advance(session, employer_user, application.id, "shortlisted")
    assert error.value.code == "application_closed"


def test_a_failed_hire_leaves_the_application_where_it_was(session, seeker, post, employer_user):
    application = applications.apply(session, seeker, post.id, TODAY)
    rival = make_candidate(session)
    session.add(Placement(post_id=post.id, candidate_id=rival.id, kind="regular", start_date=TODAY))
    session.flush()
    for stage in ("shortlisted", "interview", "offered"):
        applications.advance(session, employer_user, application.id, stage)
    with pytest.raises(Conflict) as error:
        applications.advance(session, employer_user, application.id, "hired", start_date=TODAY)
    assert error.value.code == "post_full"
    assert application.status == "offered"


def test_an_employer_cannot_move_another_employers_applications(session, seeker, post):
    application = applications.apply(session, seeker, post.id, TODAY)
    stranger = make_user(session, role="employer", employer=make_employer(session))
    with pytest.raises(NotFound):
        applications.advance(session, stranger, application.id, "shortlisted")
