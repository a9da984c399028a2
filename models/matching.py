"""The matcher's change log: every post or profile change, written in the change's transaction.

Each gunicorn worker keeps its own matcher index in memory; it replays these rows (newest
since the last it saw) to stay current without refitting. Rows are small; session events write
them (services/index_sync.py), and the refit job prunes them behind the index base it saves.
"""

from datetime import datetime

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, utcnow

CHANGE_ENTITIES = ("post", "candidate")
CHANGE_OPS = ("upsert", "remove")


class MatcherChange(Base):
    __tablename__ = "matcher_changes"
    __table_args__ = (
        CheckConstraint("entity IN ('post', 'candidate')", name="entity"),
        CheckConstraint("op IN ('upsert', 'remove')", name="op"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(16))
    entity_id: Mapped[int]
    op: Mapped[str] = mapped_column(String(8))
    at: Mapped[datetime] = mapped_column(default=utcnow)
