"""Quota programs (e.g. 2020年临时性公益岗位, target 500): targets the bureau reports against.

`target_rule` says what the target bounds: "cap" — at most `target` posts (slots) offered, as
（六）'s 500 temporary public-welfare posts; a slot refilled after someone leaves is the same
post — or "floor" — at least `target` people placed, as （七）'s "不少于50个见习岗位": more are
welcome and counted.
"""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, utcnow


class QuotaProgram(Base):
    __tablename__ = "quota_programs"
    __table_args__ = (
        CheckConstraint("kind IN ('trainee', 'public_welfare')", name="kind"),
        CheckConstraint("target > 0", name="target_positive"),
        CheckConstraint("end_date >= start_date", name="period_ordered"),
        CheckConstraint("target_rule IN ('cap', 'floor')", name="target_rule"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    target: Mapped[int]
    target_rule: Mapped[str] = mapped_column(String(8), default="cap", server_default="cap")
    start_date: Mapped[date]
    end_date: Mapped[date]
    # Amounts, term and extension months of this program (policy/data defaults), so a
    # district or a year changes data, not code.
    params: Mapped[dict] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
