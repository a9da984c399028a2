"""Subsidy claims (补贴申领): one ledger line (a placement's amount under one rule) claimed with
evidence, approved or rejected by the bureau, and paid. Never deleted: a rejected claim stays and
a new one may be made; at most one claim per line is open (claimed or approved: a partial unique
index). A paid claim closes; a line whose amount grew since (a public-welfare post's later
months) may be claimed again for the rest."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow

OPEN_CLAIM = text("status IN ('claimed', 'approved')")


class SubsidyClaim(Base):
    __tablename__ = "subsidy_claims"
    __table_args__ = (
        CheckConstraint("status IN ('claimed', 'approved', 'rejected', 'paid')", name="status"),
        CheckConstraint("rule IN ('graduate_absorption', 'long_term_unemployed_hire', "
                        "'public_welfare_post', 'trainee_post')", name="rule"),
        CheckConstraint("amount_fen > 0", name="amount_positive"),
        CheckConstraint("status <> 'rejected' OR reason IS NOT NULL", name="rejected_with_reason"),
        CheckConstraint("status <> 'paid' OR (paid_on IS NOT NULL AND voucher IS NOT NULL)",
                        name="paid_with_voucher"),
        Index("uq_subsidy_claims_open_line", "placement_id", "rule", unique=True,
              sqlite_where=OPEN_CLAIM, postgresql_where=OPEN_CLAIM),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placements.id"), index=True)
    rule: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(10), default="claimed", index=True)
    # The ledger's amount and its explanation when claimed: later parameter changes leave it.
    amount_fen: Mapped[int]
    explanation: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id"))
    claimed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    claimed_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The days on the app's clock (web.clock: the pinned demo's 2020 too), which the policy's
    # dates are compared with: a payment is never dated before the approval's day.
    claimed_on: Mapped[date]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    decided_on: Mapped[date | None]
    reason: Mapped[str | None] = mapped_column(Text)
    paid_on: Mapped[date | None]
    voucher: Mapped[str | None] = mapped_column(String(64))
    paid_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    placement: Mapped["Placement"] = relationship()  # noqa: F821
    attachment: Mapped["Attachment | None"] = relationship()  # noqa: F821
