"""Posts of the three kinds: regular vacancies, graduate trainee posts, public-welfare posts."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow

POST_STATUSES = ("open", "closed")


class Post(Base):
    __tablename__ = "posts"
    __table_args__ = (
        CheckConstraint("kind IN ('regular', 'trainee', 'public_welfare')", name="kind"),
        CheckConstraint("status IN ('open', 'closed')", name="status"),
        CheckConstraint("slots > 0", name="slots_positive"),
        CheckConstraint(
            "salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max",
            name="salary_range_ordered",
        ),
        CheckConstraint("close_date IS NULL OR close_date >= open_date", name="dates_ordered"),
        CheckConstraint("kind = 'regular' OR program_id IS NOT NULL", name="quota_post_has_program"),
        CheckConstraint(
            "education_min IN ('none', 'junior_high', 'high_school', 'vocational', "
            "'associate', 'bachelor', 'master', 'doctor')",
            name="education_min",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The interchange format's "id": stable across imports and exports.
    ref: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    title: Mapped[str] = mapped_column(String(64))
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id"), index=True)
    program_id: Mapped[int | None] = mapped_column(ForeignKey("quota_programs.id"), index=True)
    industry: Mapped[str] = mapped_column(String(32))
    description: Mapped[str] = mapped_column(Text, default="")
    requirements: Mapped[str] = mapped_column(Text, default="")
    education_min: Mapped[str] = mapped_column(String(16), default="none")
    majors: Mapped[list] = mapped_column(default=list)
    township: Mapped[str] = mapped_column(String(16), index=True)
    slots: Mapped[int]
    salary_min: Mapped[int | None]
    salary_max: Mapped[int | None]
    # 全职/兼职 (policy.codes.WORK_TYPES), checked at the edge: a CHECK would make SQLite rebuild
    # the table, which its placement triggers refuse (migrations/versions/0013).
    work_type: Mapped[str] = mapped_column(String(16), default="full_time", server_default="full_time")
    # （七）: SOEs reserve at least half of their new posts for fresh graduates.
    reserved_for_graduates: Mapped[bool] = mapped_column(default=False, server_default=false())
    status: Mapped[str] = mapped_column(String(8), default="open", index=True)
    open_date: Mapped[date]
    close_date: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    employer: Mapped["Employer"] = relationship(back_populates="posts")  # noqa: F821
    program: Mapped["QuotaProgram | None"] = relationship()  # noqa: F821
