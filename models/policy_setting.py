"""The bureau's settings of policy parameters the seed does not fix (policy/data/settings.json).

Each row sets one parameter from `effective_from` on; rows are only added, never changed or
deleted, so the table is the history of every value that was ever in effect (who set it and
when is also in the audit log). The value in effect on a day is the latest row from that day or
before, else the data file's default (policy.parameters.Settings).
"""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, utcnow


class PolicySetting(Base):
    __tablename__ = "policy_settings"
    __table_args__ = (
        CheckConstraint("value >= 0", name="value_not_negative"),
        Index("ix_policy_settings_parameter", "section", "name", "effective_from"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    section: Mapped[str] = mapped_column(String(48))
    name: Mapped[str] = mapped_column(String(48))
    value: Mapped[int]
    effective_from: Mapped[date]
    confirmed: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(String(200), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
