"""Job seekers' profiles (求职者) in the interchange format, plus identity and contact."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow

GROUP_STATUSES = ("declared", "verified", "rejected")


class Candidate(Base):
    __tablename__ = "candidates"
    __table_args__ = (
        CheckConstraint(
            "education IN ('none', 'junior_high', 'high_school', 'vocational', "
            "'associate', 'bachelor', 'master', 'doctor')",
            name="education",
        ),
        CheckConstraint("gender IN ('', 'male', 'female')", name="gender"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(32), unique=True)
    # Profiles imported by the bureau have no login until the person registers.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    gender: Mapped[str] = mapped_column(String(8), default="")
    id_number: Mapped[str] = mapped_column(String(18), unique=True)
    phone: Mapped[str] = mapped_column(String(11), index=True)
    birth_date: Mapped[date]
    education: Mapped[str] = mapped_column(String(16))
    school: Mapped[str] = mapped_column(String(64), default="")
    major: Mapped[str] = mapped_column(String(64), default="")
    graduation_date: Mapped[date | None]
    skills: Mapped[str] = mapped_column(Text, default="")
    experience: Mapped[str] = mapped_column(Text, default="")
    desired: Mapped[str] = mapped_column(Text, default="")
    townships: Mapped[list] = mapped_column(default=list)
    unemployed_since: Mapped[date | None]
    employed: Mapped[bool] = mapped_column(default=False)
    # Seekers who opt in may be recommended to employers (masked until they apply).
    open_to_offers: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    group_claims: Mapped[list["GroupClaim"]] = relationship(
        back_populates="candidate", cascade="all, delete-orphan", order_by="GroupClaim.group"
    )

    @property
    def groups(self) -> list[str]:
        """Groups the person declared and the bureau has not rejected."""
        return [c.group for c in self.group_claims if c.status != "rejected"]


class GroupClaim(Base):
    """A self-declared group (高校毕业生, 就业困难人员, 低保 …): 待核验 until the bureau decides."""

    __tablename__ = "group_claims"
    __table_args__ = (
        CheckConstraint(
            "\"group\" IN ('fresh_graduate', 'unemployed_graduate', 'registered_unemployed', "
            "'hardship', 'low_income', 'poverty', 'veteran', 'migrant_worker', 'hubei')",
            name="group",
        ),
        CheckConstraint("status IN ('declared', 'verified', 'rejected')", name="status"),
    )

    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), primary_key=True)
    group: Mapped[str] = mapped_column(String(24), primary_key=True)
    status: Mapped[str] = mapped_column(String(10), default="declared")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]

    candidate: Mapped[Candidate] = relationship(back_populates="group_claims")
