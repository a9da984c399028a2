"""A seeker's own lists: saved searches (with the last visit and the last daily digest) and
posts marked 不感兴趣."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, utcnow


class SavedSearch(Base):
    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    # The listing's query string parameters (q, kind, township, …), as the URL had them.
    params: Mapped[dict] = mapped_column(default=dict)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The daily digest (services.search_digest): the app's day it last ran for this seeker, and
    # the moment up to which the posts it found were told (the next digest starts there).
    digest_on: Mapped[date | None]
    digested_at: Mapped[datetime | None]


class HiddenPost(Base):
    """不感兴趣: the post no longer appears in the seeker's recommendations."""

    __tablename__ = "hidden_posts"

    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
