"""Placements: a candidate placed in a post, counted against its quota program.

Never deleted, only ended with a reason: the fill-rate figures reported upward are
computed from these rows.
"""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow

OVER_CAPACITY = "post_over_capacity"
"""The message of the database's refusal of more active placements in a post than its slots:
triggers on placements (insert, end undone) and on posts.slots (migration 0006), on both
databases. The services lock the post first and check before writing; this is the last line."""


def over_capacity(error: IntegrityError) -> bool:
    """Whether `error` is the slots trigger's refusal (not a unique or check constraint)."""
    return OVER_CAPACITY in str(error.orig)


class Placement(Base):
    __tablename__ = "placements"
    __table_args__ = (
        UniqueConstraint("post_id", "candidate_id", name="uq_placements_post_candidate"),
        CheckConstraint("kind IN ('regular', 'trainee', 'public_welfare')", name="kind"),
        CheckConstraint("ended_on IS NULL OR ended_on >= start_date", name="end_after_start"),
        CheckConstraint("contract_months IS NULL OR contract_months > 0",
                        name="contract_months_positive"),
        CheckConstraint(
            "(ended_on IS NULL) = (end_reason IS NULL)", name="ended_with_reason"
        ),
        # （六）: at most one active public-welfare placement per person.
        Index(
            "uq_placements_active_public_welfare",
            "candidate_id",
            unique=True,
            sqlite_where=text("kind = 'public_welfare' AND ended_on IS NULL"),
            postgresql_where=text("kind = 'public_welfare' AND ended_on IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), index=True)
    program_id: Mapped[int | None] = mapped_column(ForeignKey("quota_programs.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    start_date: Mapped[date]
    # End of the subsidised term (public welfare: at most 6 months, （六）).
    term_end: Mapped[date | None]
    extended_until: Mapped[date | None]
    ended_on: Mapped[date | None]
    end_reason: Mapped[str | None] = mapped_column(String(32))
    retained: Mapped[bool | None]
    # Length of the labour contract, when the employer states it on hiring: the loan-interest
    # test of （十） counts only contracts of a year or more.
    contract_months: Mapped[int | None]
    # What the one-off hiring subsidies （七）（十） read, fixed at the hire
    # (services.records.hire_snapshot): the person's verified groups, education and graduation
    # then, and the start of the bureau-confirmed unemployment registration running on the start
    # date. Later edits, a later job or an ended registration change no earlier subsidy.
    # NULL on placements made before migration 0009 (the ledger then reads the history).
    hire_facts: Mapped[dict | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    post: Mapped["Post"] = relationship()  # noqa: F821
    candidate: Mapped["Candidate"] = relationship()  # noqa: F821
    program: Mapped["QuotaProgram | None"] = relationship()  # noqa: F821
