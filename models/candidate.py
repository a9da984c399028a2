"""Job seekers' profiles (求职者) in the interchange format, plus identity and contact."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ColumnElement, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models import id_cipher
from models.base import Base, utcnow

# 'withdrawn': the person withdrew consent for a sensitive group. The row stays so that what was
# decided before (subsidies, statistics of earlier placements) keeps what was true then; it
# counts for nothing from `withdrawn_at` on (services.consent).
GROUP_STATUSES = ("declared", "verified", "rejected", "withdrawn")
ACTIVE_CLAIMS = ("declared", "verified")
"""The statuses of a claim that counts: declared and waiting, or verified by the bureau."""


class Candidate(Base):
    __tablename__ = "candidates"
    __table_args__ = (
        CheckConstraint(
            "education IN ('none', 'junior_high', 'high_school', 'vocational', "
            "'associate', 'bachelor', 'master', 'doctor')",
            name="education",
        ),
        CheckConstraint("gender IN ('', 'male', 'female')", name="gender"),
        CheckConstraint("work_type IN ('', 'full_time', 'part_time')", name="work_type"),
        CheckConstraint("desired_salary IS NULL OR desired_salary >= 0", name="desired_salary_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(32), unique=True)
    # Profiles imported by the bureau have no login until the person registers.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    gender: Mapped[str] = mapped_column(String(8), default="")
    # The 身份证号 only encrypted, found and kept unique by its keyed digest (models.id_cipher);
    # code reads and writes it through `id_number`. Both NULL once the person is erased.
    id_number_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    id_number_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
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
    desired_salary: Mapped[int | None]  # 期望月薪, yuan
    work_type: Mapped[str] = mapped_column(String(16), default="", server_default="")  # "" either
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
    def id_number(self) -> str:
        """The 身份证号 in clear ("" after erasure); mask it (policy.identifiers) before showing it
        to anyone but the person."""
        return self.open_id_number(self.id_number_encrypted)

    @id_number.setter
    def id_number(self, number: str) -> None:
        for column, value in self.id_number_columns(number).items():
            setattr(self, column, value)

    @staticmethod
    def open_id_number(sealed: bytes | None) -> str:
        """The clear number of a stored `id_number_encrypted` (a query that reads the column
        without loading the person); "" after erasure."""
        return id_cipher.current().open(sealed) if sealed is not None else ""

    @staticmethod
    def id_number_columns(number: str) -> dict[str, bytes | str | None]:
        """The stored columns for a number (bulk inserts bypass the setter); "" erases."""
        cipher = id_cipher.current()
        return {"id_number_encrypted": cipher.seal(number) if number else None,
                "id_number_hash": cipher.digest(number) if number else None}

    @classmethod
    def has_id_number(cls, number: str) -> ColumnElement[bool]:
        """`where(Candidate.has_id_number(n))`: the lookup goes through the digest."""
        return cls.id_number_hash == id_cipher.current().digest(number)

    @property
    def groups(self) -> list[str]:
        """Groups the person declared and the bureau has not rejected, nor the person withdrawn."""
        return [c.group for c in self.group_claims if c.status in ACTIVE_CLAIMS]


class GroupClaim(Base):
    """A self-declared group (高校毕业生, 就业困难人员, 低保 …): 待核验 until the bureau decides."""

    __tablename__ = "group_claims"
    __table_args__ = (
        CheckConstraint(
            "\"group\" IN ('fresh_graduate', 'unemployed_graduate', 'registered_unemployed', "
            "'hardship', 'low_income', 'poverty', 'veteran', 'migrant_worker', 'hubei')",
            name="group",
        ),
        CheckConstraint("status IN ('declared', 'verified', 'rejected', 'withdrawn')", name="status"),
    )

    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), primary_key=True)
    group: Mapped[str] = mapped_column(String(24), primary_key=True)
    status: Mapped[str] = mapped_column(String(10), default="declared")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    withdrawn_at: Mapped[datetime | None]
    # Why the bureau refused (the person reads it), and the certificate the person uploaded
    # (低保 / 脱贫): the evidence the bureau decides on.
    reason: Mapped[str | None] = mapped_column(Text)
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id"))

    candidate: Mapped[Candidate] = relationship(back_populates="group_claims")
    attachment: Mapped["Attachment | None"] = relationship()  # noqa: F821
