"""A placement's term after the hire: how it ends (every placement ends with a reason and is
never deleted), the expiry worklist of public-welfare and trainee terms, and the one extension
of a public-welfare term （六）. Placing someone is services/placements.py."""

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Placement, QuotaProgram, User
from policy import placements as rules
from policy.errors import Conflict, Forbidden, Invalid, NotFound
from policy.parameters import Settings
from services import audit, policy_settings
from services.placements import program_params


def end_placement(
    session: Session, actor: User, placement_id: int, ended_on: date, reason: str
) -> Placement:
    """Every placement ends with a reason (and, for a trainee, whether retained); none is deleted."""
    placement = _owned_placement(session, actor, placement_id)
    if placement.ended_on is not None:
        raise Conflict("该安置已结束", code="already_ended")
    record = rules.end_record(placement.kind, placement.start_date, ended_on, reason,
                              placement.term_end)
    placement.ended_on, placement.end_reason = record.ended_on, record.reason
    placement.retained = record.retained
    audit.record(session, actor.id, "end", "placement", placement.id,
                 before={"ended_on": None},
                 after={"ended_on": ended_on.isoformat(), "end_reason": reason,
                        "retained": record.retained})
    session.flush()
    return placement


def extend_placement(
    session: Session, actor: User, placement_id: int, months: int, as_of: date,
    stably_employed: bool,
) -> Placement:
    """（六）: extend a public-welfare term once, when the holder is still not stably employed."""
    placement = _owned_placement(session, actor, placement_id)
    if actor.role != "bureau":
        raise Forbidden("只有人社局可以办理延期", code="forbidden")
    params = effective_params(policy_settings.current(session),
                              session.get(QuotaProgram, placement.program_id), placement.kind, as_of)
    decision = rules.can_extend(facts(placement, stably_employed), months, as_of, params)
    if not decision.passed:
        raise Invalid(decision.message, code=decision.code.replace(".", "_"))
    placement.extended_until = rules.extended_until(placement.term_end, months)
    audit.record(session, actor.id, "extend", "placement", placement.id,
                 before={"extended_until": None},
                 after={"extended_until": placement.extended_until.isoformat(), "months": months})
    session.flush()
    return placement


def expiry_worklist(session: Session, as_of: date) -> list[tuple[Placement, str]]:
    """Open public-welfare and trainee placements ending within the notice window (a bureau
    setting), or already overdue: a trainee's end records whether the trainee was retained."""
    rows = session.scalars(
        select(Placement).where(Placement.kind.in_(("public_welfare", "trainee")),
                                Placement.ended_on.is_(None), Placement.term_end.is_not(None))
        .order_by(func.coalesce(Placement.extended_until, Placement.term_end), Placement.id)
    ).all()
    settings = policy_settings.current(session)
    worklist = []
    for placement in rows:
        params = effective_params(settings, placement.program, placement.kind, as_of)
        status = rules.expiry_status(ends_on(placement), placement.ended_on, as_of, params)
        if status in ("due_soon", "overdue"):
            worklist.append((placement, status))
    return worklist


def extension_terms(session: Session, placement: Placement, as_of: date) -> tuple[bool, str]:
    """（六）: whether the expiry page offers an extension for this placement, and its exact text
    (when the seed allows one, until when the bureau takes the request, the 6-month subsidy).
    A traineeship is never extended: it ends, retained or not."""
    if placement.kind != "public_welfare":
        return False, "见习期满结束时请登记是否留用（国家就业见习通知）"
    params = effective_params(policy_settings.current(session), placement.program,
                              placement.kind, as_of)
    offered = (placement.extended_until is None and placement.term_end is not None
               and rules.extension_offered(placement.term_end, params))
    return offered, rules.extension_note(facts(placement), params)


def ends_on(placement: Placement) -> date | None:
    """The last subsidised day: the extension's end when extended, else the term's."""
    return placement.extended_until or placement.term_end


def facts(placement: Placement, stably_employed: bool = False) -> rules.PlacementFacts:
    return rules.PlacementFacts(
        kind=placement.kind, start_date=placement.start_date, term_end=placement.term_end,
        extended_until=placement.extended_until, ended_on=placement.ended_on,
        stably_employed=stably_employed,
    )


def _owned_placement(session: Session, actor: User, placement_id: int) -> Placement:
    placement = session.scalar(
        select(Placement).where(Placement.id == placement_id).with_for_update())
    if placement is None or (
        actor.role == "employer" and placement.post.employer_id != actor.employer_id
    ):
        raise NotFound("安置记录不存在", code="placement_not_found")
    if actor.role not in ("employer", "bureau"):
        raise Forbidden("无权操作安置记录", code="forbidden")
    return placement


def effective_params(settings: Settings, program: QuotaProgram | None, kind: str,
                     day: date) -> dict:
    """A programme's parameters with the bureau settings in effect on `day` that the placement
    rules read (the expiry window, 本区经办规则)."""
    return {**program_params(program, kind),
            "expiry_notice_days": settings.value("public_welfare", "expiry_notice_days", day)}
