"""Online unemployment registration （九）: the seeker registers at a township, the bureau confirms.

A registration's history is what durations such as （十）'s "登记失业半年以上" are computed from:
`registered_on` is the date the bureau accepted when it confirmed (not the seeker's
`unemployed_since`, which is only their request), and `ended_on`/`end_reason` record the day
the registration ended (就业 or 注销). A registration runs from `registered_on` through `ended_on`.
"""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow

REGISTRATION_STATUSES = ("pending", "confirmed", "rejected")
END_REASONS = ("employed", "cancelled")
END_REASON_LABELS = {"employed": "就业", "cancelled": "注销"}


class UnemploymentRegistration(Base):
    __tablename__ = "unemployment_registrations"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'confirmed', 'rejected')", name="status"),
        CheckConstraint("(ended_on IS NULL) = (end_reason IS NULL)", name="ended_with_reason"),
        CheckConstraint("end_reason IS NULL OR end_reason IN ('employed', 'cancelled')",
                        name="end_reason"),
        CheckConstraint("ended_on IS NULL OR registered_on IS NOT NULL", name="ended_if_registered"),
        CheckConstraint("ended_on IS NULL OR ended_on >= registered_on", name="end_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), index=True)
    township: Mapped[str] = mapped_column(String(16), index=True)
    unemployed_since: Mapped[date]
    previous_employer: Mapped[str] = mapped_column(String(128), default="")
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    # The registration date the bureau accepted on confirming; set only for confirmed rows.
    registered_on: Mapped[date | None]
    ended_on: Mapped[date | None]
    end_reason: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    candidate: Mapped["Candidate"] = relationship()  # noqa: F821
