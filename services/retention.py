"""Trainee retention (留用): of the traineeships that have ended, how many the host kept on,
per programme and per employer. The national 2020 就业见习 notice asks hosts to retain trainees
and the bureau to follow up those not retained (services.followups)."""

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Employer, Placement, Post, QuotaProgram

NO_PROGRAM = "（未归入岗位计划）"


@dataclass(frozen=True)
class Retention:
    label: str  # a programme's or an employer's name
    placed: int  # traineeships begun
    ended: int  # of which ended
    retained: int  # of which the host retained (留用)

    @property
    def not_retained(self) -> int:
        return self.ended - self.retained

    @property
    def rate(self) -> float | None:
        """Retained over ended; None before any traineeship has ended."""
        return self.retained / self.ended if self.ended else None


@dataclass(frozen=True)
class RetentionReport:
    programmes: list[Retention]
    employers: list[Retention]


def trainee_retention(session: Session) -> RetentionReport:
    rows = session.execute(
        select(QuotaProgram.name, Employer.name, Placement.ended_on, Placement.retained)
        .select_from(Placement)
        .join(Post, Post.id == Placement.post_id)
        .join(Employer, Employer.id == Post.employer_id)
        .outerjoin(QuotaProgram, QuotaProgram.id == Placement.program_id)
        .where(Placement.kind == "trainee")
    ).all()
    by_programme = _count((program or NO_PROGRAM, ended, kept) for program, _, ended, kept in rows)
    by_employer = _count((employer, ended, kept) for _, employer, ended, kept in rows)
    return RetentionReport(by_programme, by_employer)


def _count(rows) -> list[Retention]:
    placed, ended, retained = Counter(), Counter(), Counter()
    for label, ended_on, kept in rows:
        placed[label] += 1
        if ended_on is not None:
            ended[label] += 1
            retained[label] += int(bool(kept))
    return sorted((Retention(label, placed[label], ended[label], retained[label]) for label in placed),
                  key=lambda r: (-r.placed, r.label))
