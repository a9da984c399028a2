"""Offers hold slots, expire and are checked again at acceptance; interviews remind the day
before (local days) once; the calendar file is well-formed."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from models import Application, Interview, Message, Offer, Placement
from policy.errors import Conflict
from services import interviews, offers
from services.applications import withdraw
from services.calendar_files import interview_ics
from services.placements import place_candidate
from tests.factories import make_candidate, make_employer, make_post, make_user

TODAY = date(2020, 9, 1)


@pytest.fixture
def hiring(session):
    employer = make_employer(session)
    owner = make_user(session, role="employer", employer=employer)
    post = make_post(session, employer, slots=1)

    def applicant():
        user = make_user(session)
        candidate = make_candidate(session, user=user)
        application = Application(post_id=post.id, candidate_id=candidate.id, status="applied")
        session.add(application)
        session.flush()
        return user, candidate, application

    return owner, post, applicant


def test_a_held_slot_is_full_for_the_bureau_too_until_the_offer_expires(session, hiring):
    owner, post, applicant = hiring
    _, _, held = applicant()
    offers.make_offer(session, owner, held.id, TODAY, 4800, None, TODAY)
    bureau, outsider = make_user(session, role="bureau"), make_candidate(session)
    with pytest.raises(Conflict) as full:
        place_candidate(session, bureau, post.id, outsider.id, TODAY)
    assert full.value.code == "post_full"

    later = TODAY + timedelta(days=offers.OFFER_DAYS + 1)
    _, _, second = applicant()
    offers.make_offer(session, owner, second.id, later, 4800, None, later)  # the first expired
    assert session.scalars(select(Offer.status).order_by(Offer.id)).all()[-2:] == ["expired", "pending"]


def test_acceptance_checks_eligibility_again_and_leaves_the_offer_pending(session, hiring):
    owner, post, applicant = hiring
    seeker, candidate, application = applicant()
    offer = offers.make_offer(session, owner, application.id, TODAY, 4800, None, TODAY)
    candidate.education = "junior_high"  # below the post's 高中
    with pytest.raises(Conflict) as refused, session.begin_nested():
        offers.accept(session, seeker, offer.id, TODAY)
    assert refused.value.code == "ineligible"
    session.expire_all()
    assert session.get(Offer, offer.id).status == "pending"
    assert session.scalar(select(Placement.id).where(Placement.post_id == post.id)) is None


def test_an_expired_offer_cannot_be_accepted(session, hiring):
    owner, _, applicant = hiring
    seeker, _, application = applicant()
    offer = offers.make_offer(session, owner, application.id, TODAY, 4800, None, TODAY)
    with pytest.raises(Conflict) as closed:
        offers.accept(session, seeker, offer.id, TODAY + timedelta(days=offers.OFFER_DAYS + 1))
    assert closed.value.code == "offer_closed"


def test_an_accepted_offer_places_from_its_start_date(session, hiring):
    owner, post, applicant = hiring
    seeker, candidate, application = applicant()
    offer = offers.make_offer(session, owner, application.id, date(2020, 9, 15), 4800, None, TODAY)
    offers.accept(session, seeker, offer.id, TODAY + timedelta(days=2))
    placement = session.scalar(select(Placement).where(Placement.post_id == post.id))
    assert (placement.candidate_id, placement.start_date) == (candidate.id, date(2020, 9, 15))
    assert session.get(Application, application.id).status == "hired"


def _interview(session, owner, application, starts_at: str) -> Interview:
    return interviews.schedule(session, owner, application.id, datetime.fromisoformat(starts_at),
                               "长乐区金峰镇工业路8号", "陈经理", "0591-28881234", "", TODAY)


def test_the_reminder_goes_the_local_day_before_and_once(session, hiring):
    owner, _, applicant = hiring
    seeker, _, application = applicant()
    # 2020-09-03 07:30 in 长乐 is 2020-09-02 23:30 UTC: still "the day after 09-02" locally.
    early = _interview(session, owner, application, "2020-09-03T07:30:00+08:00")
    _, _, other = applicant()
    _interview(session, owner, other, "2020-09-04T10:00:00+08:00")
    assert interviews.remind_due(session, date(2020, 9, 1)) == 0
    assert interviews.remind_due(session, date(2020, 9, 2)) == 1
    assert interviews.remind_due(session, date(2020, 9, 2)) == 0
    reminders = session.scalars(select(Message).where(Message.user_id == seeker.id,
                                                      Message.kind == "interview_reminder")).all()
    assert [m.subject_id for m in reminders] == [early.id]
    assert "明天07:30" in reminders[0].text


def test_the_calendar_file_is_one_folded_vevent_in_utc(session, hiring):
    owner, _, applicant = hiring
    _, _, application = applicant()
    interview = _interview(session, owner, application, "2020-09-03T09:30:00+08:00")
    interview.notes = "请携带身份证、学历证书原件及复印件;如有疑问请致电,谢谢" * 2
    text = interview_ics(interview, datetime(2020, 9, 1, tzinfo=UTC))
    lines = text.split("\r\n")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert unfolded.count("BEGIN:VEVENT") == 1
    assert f"UID:interview-{interview.id}@jobbridge.changle" in unfolded
    assert "DTSTART:20200903T013000Z" in unfolded and "DTEND:20200903T023000Z" in unfolded
    assert "LOCATION:长乐区金峰镇工业路8号" in unfolded
    assert "复印件\\;如有疑问请致电\\,谢谢" in unfolded


def test_a_closed_application_s_pending_offer_frees_its_slot(session, hiring):
    owner, post, applicant = hiring
    seeker, _, application = applicant()
    offer = offers.make_offer(session, owner, application.id, TODAY, 4800, None, TODAY)
    withdraw(session, seeker, application.id)
    assert session.get(Offer, offer.id).status == "withdrawn"
    _, _, other = applicant()
    offers.make_offer(session, owner, other.id, TODAY, 4800, None, TODAY)  # the slot is free


def test_an_interview_of_a_closed_application_is_neither_reminded_nor_answered(session, hiring):
    """Withdrawn (or rejected, or hired elsewhere on the post) the day before: no SMS tells the
    person to come tomorrow, and a late confirmation does not reach the employer."""
    owner, _, applicant = hiring
    seeker, _, application = applicant()
    interview = _interview(session, owner, application, "2020-09-03T09:30:00+08:00")
    withdraw(session, seeker, application.id)
    assert interviews.remind_due(session, date(2020, 9, 2)) == 0
    with pytest.raises(Conflict) as closed:
        interviews.answer(session, seeker, interview.id, "confirm", "")
    assert closed.value.code == "application_closed"
    assert session.get(Interview, interview.id).status == "proposed"


def test_a_lone_carriage_return_in_the_employer_s_text_starts_no_calendar_line(session, hiring):
    """Calendars break lines at a bare CR too: the employer's notes cannot add a property
    (an alarm, another organiser) to the seeker's calendar entry."""
    owner, _, applicant = hiring
    _, _, application = applicant()
    interview = _interview(session, owner, application, "2020-09-03T09:30:00+08:00")
    interview.notes = "带简历\rATTENDEE:mailto:x@example.com"
    text = interview_ics(interview, datetime(2020, 9, 1, tzinfo=UTC))
    assert "\r" not in text.replace("\r\n", "")


def test_the_bureau_placing_the_person_offered_leaves_no_second_slot_held(session, hiring):
    """Placed by the bureau directly, the person's own pending offer of the post is settled:
    it does not keep holding a slot beside their placement."""
    owner, post, applicant = hiring
    post.slots = 2
    _, candidate, application = applicant()
    offer = offers.make_offer(session, owner, application.id, TODAY, 4800, None, TODAY)
    place_candidate(session, make_user(session, role="bureau"), post.id, candidate.id, TODAY)
    assert session.get(Offer, offer.id).status != "pending"
    _, _, other = applicant()
    offers.make_offer(session, owner, other.id, TODAY, 4800, None, TODAY)  # the second slot is free


def test_the_employer_hears_that_an_offer_expired_unanswered(session, hiring):
    """Once 7 days pass the slot is free again and the employer may offer anew: it is told."""
    owner, post, applicant = hiring
    _, _, application = applicant()
    offer = offers.make_offer(session, owner, application.id, TODAY, 4800, None, TODAY)
    later = TODAY + timedelta(days=offers.OFFER_DAYS + 1)
    assert offers.expire_due(session, later) == 1
    assert offers.expire_due(session, later) == 0
    told = session.scalars(select(Message).where(Message.user_id == owner.id,
                                                 Message.kind == "offer_expired")).all()
    assert [m.subject_id for m in told] == [offer.id] and "已过期" in told[0].text
