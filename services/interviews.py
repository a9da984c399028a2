"""面试: the employer proposes a time, a place and a contact; the seeker confirms, declines or
asks for another time; a calendar file; a reminder the day before.

Times are stored in UTC and shown, and counted in days, in China Standard Time (长乐 is in
Asia/Shanghai): "the day before" is the local day before.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Application, Candidate, Interview, User
from policy.errors import Conflict, Invalid, NotFound
from services import audit, hiring_notices
from services.applications import OPEN_STATUSES, candidate_of, enter_stage, owned_application

LOCAL = ZoneInfo("Asia/Shanghai")
ANSWERS = {"confirm": "confirmed", "decline": "declined", "reschedule": "reschedule"}
INTERVIEW_STAGES = ("applied", "shortlisted", "interview")


def aware(moment: datetime) -> datetime:
    """A stored time as UTC: SQLite hands DateTime(timezone=True) back without its zone, so
    every time is written in UTC (and compared in UTC) on both databases."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def local_text(moment: datetime, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """`2020-09-03 09:30` in China Standard Time."""
    return aware(moment).astimezone(LOCAL).strftime(fmt)


def schedule(session: Session, actor: User, application_id: int, starts_at: datetime, place: str,
             contact: str, contact_phone: str, notes: str, today: date) -> Interview:
    """`today` is the app's (web.clock): an interview is set for today or a later day."""
    application = owned_application(session, actor, application_id)
    if application.status not in INTERVIEW_STAGES:
        raise Conflict("该申请当前不能安排面试", code="application_closed")
    if starts_at.tzinfo is None:
        starts_at = starts_at.replace(tzinfo=LOCAL)
    starts_at = starts_at.astimezone(UTC)
    if starts_at.astimezone(LOCAL).date() < today:
        raise Invalid("面试日期不能早于今天", code="interview_in_past",
                      fields={"starts_at": "不能早于今天"})
    interview = Interview(application_id=application.id, starts_at=starts_at, place=place.strip(),
                          contact=contact.strip(), contact_phone=contact_phone.strip(),
                          notes=notes.strip(), created_by_id=actor.id)
    session.add(interview)
    session.flush()
    enter_stage(session, actor, application, "interview")
    audit.record(session, actor.id, "schedule", "interview", interview.id,
                 application_id=application.id, starts_at=starts_at.isoformat())
    hiring_notices.interview_scheduled(session, interview, local_text(starts_at))
    return interview


def answer(session: Session, user: User, interview_id: int, action: str, note: str) -> Interview:
    """The seeker's answer to a proposed interview of an open application; asking for another
    time needs a note saying when suits, and leaves it to the employer to propose again."""
    interview = _own(session, user, interview_id)
    if interview.application.status not in OPEN_STATUSES:
        raise Conflict("该申请已结束，无需答复此面试", code="application_closed")
    if interview.status != "proposed" and not (action == "decline" and interview.status == "confirmed"):
        raise Conflict("该面试已答复", code="interview_answered")
    note = note.strip()
    if action == "reschedule" and not note:
        raise Invalid("请写明方便的时间", code="note_required", fields={"note": "必填"})
    interview.status, interview.seeker_note = ANSWERS[action], note[:200]
    session.flush()
    audit.record(session, user.id, interview.status, "interview", interview.id)
    hiring_notices.interview_answered(session, interview)
    return interview


def visible_interview(session: Session, user: User, interview_id: int) -> Interview:
    """The interview for its seeker or the employer of its post (the bureau's too); else "not
    found"."""
    interview = session.get(Interview, interview_id)
    if interview is None:
        raise NotFound("面试不存在", code="interview_not_found")
    if user.role == "seeker":
        return _own(session, user, interview_id)
    try:
        owned_application(session, user, interview.application_id)
    except NotFound:
        raise NotFound("面试不存在", code="interview_not_found") from None
    return interview


def of_application(session: Session, application_id: int) -> list[Interview]:
    return list(session.scalars(select(Interview).where(Interview.application_id == application_id)
                                .order_by(Interview.id.desc())))


def my_interviews(session: Session, user: User) -> list[Interview]:
    candidate = candidate_of(session, user)
    return list(session.scalars(
        select(Interview).join(Interview.application)
        .where(Interview.application.has(candidate_id=candidate.id))
        .order_by(Interview.starts_at.desc(), Interview.id.desc())))


def remind_due(session: Session, today: date) -> int:
    """Tell each seeker of an interview tomorrow (local days), once: the worker's periodic job
    runs this with the app's today; `reminded_on` keeps a rerun from telling twice."""
    tomorrow = datetime.combine(today + timedelta(days=1), time(), LOCAL).astimezone(UTC)
    due = session.scalars(select(Interview).join(Interview.application).where(
        Application.status.in_(OPEN_STATUSES),  # withdrawn or rejected since: no "come tomorrow"
        Interview.status.in_(("proposed", "confirmed")), Interview.reminded_on.is_(None),
        Interview.starts_at >= tomorrow, Interview.starts_at < tomorrow + timedelta(days=1),
    ).order_by(Interview.id)).all()
    for interview in due:
        interview.reminded_on = today
        hiring_notices.interview_tomorrow(session, interview, local_text(interview.starts_at, "%H:%M"))
    session.flush()
    return len(due)


def _own(session: Session, user: User, interview_id: int) -> Interview:
    candidate: Candidate = candidate_of(session, user)
    interview = session.get(Interview, interview_id)
    if interview is None or interview.application.candidate_id != candidate.id:
        raise NotFound("面试不存在", code="interview_not_found")
    return interview
