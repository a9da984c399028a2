"""Employers (用人单位): verified by the bureau before their posts become public."""

from datetime import datetime

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow


class Employer(Base):
    __tablename__ = "employers"
    __table_args__ = (
        CheckConstraint(
            "ownership IN ('soe', 'private', 'foreign', 'public_institution')", name="ownership"
        ),
        CheckConstraint("size IN ('micro', 'small', 'medium', 'large')", name="size"),
        CheckConstraint("staff_count >= 0", name="staff_count_not_negative"),
        CheckConstraint("review_decision IN ('returned', 'rejected')", name="review_decision"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    credit_code: Mapped[str] = mapped_column(String(18), unique=True)
    ownership: Mapped[str] = mapped_column(String(24))
    size: Mapped[str] = mapped_column(String(8))
    staff_count: Mapped[int]
    industry: Mapped[str] = mapped_column(String(32), index=True)
    township: Mapped[str] = mapped_column(String(16), index=True)
    contact_name: Mapped[str] = mapped_column(String(64), default="")
    contact_phone: Mapped[str] = mapped_column(String(11), default="")
    # The licence's details the bureau checks the credit code against (the employer fills them).
    legal_representative: Mapped[str] = mapped_column(String(64), default="", server_default="")
    address: Mapped[str] = mapped_column(String(128), default="", server_default="")
    # Who verified is in the audit log; this is the state the public listing reads.
    verified_at: Mapped[datetime | None]
    # The bureau's last decision short of verifying: 退回补充 ('returned', back in the queue once
    # the employer saves its details) or 驳回 ('rejected'); the reason is shown to the employer.
    review_decision: Mapped[str | None] = mapped_column(String(8))
    review_reason: Mapped[str] = mapped_column(String(200), default="", server_default="")
    reviewed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    users: Mapped[list["User"]] = relationship(  # noqa: F821
        back_populates="employer", foreign_keys="User.employer_id"
    )
    posts: Mapped[list["Post"]] = relationship(back_populates="employer")  # noqa: F821

    @property
    def verified(self) -> bool:
        return self.verified_at is not None
