"""Online unemployment registration （九）: the seeker registers at a township, the bureau confirms."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow

REGISTRATION_STATUSES = ("pending", "confirmed", "rejected")


class UnemploymentRegistration(Base):
    __tablename__ = "unemployment_registrations"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'confirmed', 'rejected')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), index=True)
    township: Mapped[str] = mapped_column(String(16), index=True)
    unemployed_since: Mapped[date]
    previous_employer: Mapped[str] = mapped_column(String(128), default="")
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    candidate: Mapped["Candidate"] = relationship()  # noqa: F821
