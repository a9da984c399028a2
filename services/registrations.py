"""The history of unemployment registrations （九）（十）: when each confirmed one ran.

A registration runs from the date the bureau accepted on confirming (`registered_on`) through
the day it ended (`ended_on`, 就业 or 注销). Durations such as （十）'s "登记失业半年以上" are
read from this history, never from the seeker's own editable `unemployed_since`. Reads and
one small write, apart from services.unemployment so that placing and profile saving can end a
registration without importing the registration pages' use cases.
"""

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models import UnemploymentRegistration
from models.base import utcnow
from models.unemployment import END_REASONS
from policy.errors import Invalid
from services import audit


def running_on(session: Session, candidate_id: int, day: date) -> UnemploymentRegistration | None:
    """The confirmed registration running on `day` (registered on or before it, not ended
    before it), the most recent one if several."""
    r = UnemploymentRegistration
    return session.scalar(
        select(r).where(r.candidate_id == candidate_id, r.status == "confirmed",
                        r.registered_on <= day, or_(r.ended_on.is_(None), r.ended_on >= day))
        .order_by(r.registered_on.desc(), r.id.desc()).limit(1))


def registered_since(session: Session, candidate_id: int, day: date) -> date | None:
    """The start of the bureau-confirmed registration running on `day`, if any."""
    registration = running_on(session, candidate_id, day)
    return registration.registered_on if registration is not None else None


def end(session: Session, actor_id: int | None, registration: UnemploymentRegistration,
        ended_on: date, reason: str, **act) -> UnemploymentRegistration:
    """End a confirmed registration on `ended_on` (the last day it ran) for 就业 or 注销; audited
    (`act`: township staff acting for the person, services.delegation.act_detail)."""
    if reason not in END_REASONS:
        raise Invalid("未知的登记结束原因", code="end_reason_unknown")
    if registration.status != "confirmed" or registration.registered_on is None:
        raise Invalid("只有已确认的失业登记可以结束", code="registration_not_confirmed")
    if registration.ended_on is not None:
        raise Invalid("该失业登记已结束", code="registration_ended")
    if ended_on < registration.registered_on:
        raise Invalid("结束日期不能早于登记日期", code="end_before_start",
                      fields={"ended_on": "日期不正确"})
    registration.ended_on, registration.end_reason = ended_on, reason
    session.flush()
    audit.record(session, actor_id, "end_registration", "unemployment_registration",
                 registration.id, ended_on=ended_on.isoformat(), reason=reason, **act)
    return registration


def end_open(session: Session, actor_id: int | None, candidate_id: int, ended_on: date,
             reason: str, **act) -> None:
    """End the person's open confirmed registration, if any, when they take a job on
    `ended_on`: the registration covers that day, so a hire that day still reads it."""
    r = UnemploymentRegistration
    registration = session.scalar(
        select(r).where(r.candidate_id == candidate_id, r.status == "confirmed",
                        r.ended_on.is_(None), r.registered_on <= ended_on)
        .order_by(r.id.desc()).limit(1))
    if registration is not None:
        end(session, actor_id, registration, ended_on, reason, **act)


def record_registry(session: Session, actor_id: int | None,
                    rows: list[tuple[int, str, date]]) -> None:
    """Registrations the bureau already holds in its own registry (an import, the demo's
    people): (candidate id, township, registration date), recorded as confirmed by the bureau,
    so their durations are read from the same history as online ones."""
    now = utcnow()
    session.add_all(UnemploymentRegistration(
        candidate_id=candidate_id, township=township[:16], unemployed_since=day, registered_on=day,
        status="confirmed", decided_by_id=actor_id, decided_at=now,
    ) for candidate_id, township, day in rows)
    session.flush()
