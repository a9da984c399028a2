"""Monthly follow-up contacts with registered unemployed and hardship persons （十四）."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow

CHANNELS = ("phone", "visit", "wechat", "other")
OUTCOMES = ("employed", "seeking", "training", "unreachable", "other")


class FollowUp(Base):
    __tablename__ = "followups"
    __table_args__ = (
        CheckConstraint("channel IN ('phone', 'visit', 'wechat', 'other')", name="channel"),
        CheckConstraint(
            "outcome IN ('employed', 'seeking', 'training', 'unreachable', 'other')",
            name="outcome",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), index=True)
    contacted_on: Mapped[date] = mapped_column(index=True)
    channel: Mapped[str] = mapped_column(String(8))
    outcome: Mapped[str] = mapped_column(String(12))
    note: Mapped[str] = mapped_column(String(500), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    candidate: Mapped["Candidate"] = relationship()  # noqa: F821
