"""Quota progress: each program's target, slots offered by its posts, and people placed."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Employer, Placement, Post, QuotaProgram
from policy.errors import Invalid, NotFound
from services import audit


@dataclass(frozen=True)
class ProgramProgress:
    id: int
    name: str
    kind: str
    target: int
    slots_offered: int
    placed: int

    @property
    def fill_rate(self) -> float:
        """Share of the target placed, 0–1 (the figure reported upward, （十五））."""
        return min(self.placed / self.target, 1.0) if self.target else 0.0


def program_progress(session: Session) -> list[ProgramProgress]:
    """Slots count only public posts (verified employers); placements count until ended or not."""
    slots = (
        select(Post.program_id, func.coalesce(func.sum(Post.slots), 0).label("slots"))
        .join(Employer, Employer.id == Post.employer_id)
        .where(Employer.verified_at.is_not(None), Post.program_id.is_not(None))
        .group_by(Post.program_id)
        .subquery()
    )
    placed = (
        select(Placement.program_id, func.count(Placement.id).label("placed"))
        .where(Placement.program_id.is_not(None))
        .group_by(Placement.program_id)
        .subquery()
    )
    rows = session.execute(
        select(
            QuotaProgram,
            func.coalesce(slots.c.slots, 0),
            func.coalesce(placed.c.placed, 0),
        )
        .outerjoin(slots, slots.c.program_id == QuotaProgram.id)
        .outerjoin(placed, placed.c.program_id == QuotaProgram.id)
        .order_by(QuotaProgram.start_date, QuotaProgram.id)
    )
    return [
        ProgramProgress(p.id, p.name, p.kind, p.target, int(s), int(n)) for p, s, n in rows
    ]


def programs_by_id(session: Session) -> list[QuotaProgram]:
    """Every program, oldest id first: the choices of a page's program filter."""
    return list(session.scalars(select(QuotaProgram).order_by(QuotaProgram.id)))


def set_target(session: Session, actor_id: int, program_id: int, target: int) -> QuotaProgram:
    """The bureau raises or lowers a target; never below the people already placed."""
    program = session.scalar(
        select(QuotaProgram).where(QuotaProgram.id == program_id).with_for_update())
    if program is None:
        raise NotFound("岗位计划不存在", code="program_not_found")
    placed = session.scalar(select(func.count(Placement.id)).where(
        Placement.program_id == program.id)) or 0
    if target < max(placed, 1):
        raise Invalid(f"目标不能低于已安置人数（{placed}）", code="target_below_placed",
                      fields={"target": f"至少 {max(placed, 1)}"})
    before = program.target
    program.target = target
    audit.record(session, actor_id, "set_target", "quota_program", program.id,
                 before={"target": before}, after={"target": target})
    session.flush()
    return program
