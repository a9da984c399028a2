"""Applications of a candidate to a post: one per pair, moved through the hiring stages."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow

APPLICATION_STATUSES = (
    "applied",
    "shortlisted",
    "interview",
    "offered",
    "hired",
    "rejected",
    "withdrawn",
)


class Application(Base):
    __tablename__ = "applications"
    __table_args__ = (
        UniqueConstraint("post_id", "candidate_id", name="uq_applications_post_candidate"),
        CheckConstraint(
            "status IN ('applied', 'shortlisted', 'interview', 'offered', 'hired', "
            "'rejected', 'withdrawn')",
            name="status",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="applied")
    reason: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    post: Mapped["Post"] = relationship()  # noqa: F821
    candidate: Mapped["Candidate"] = relationship()  # noqa: F821
