"""Catching up from the change log: how far one process has read `matcher_changes`, and applying
what it has not read yet to its matcher index one document at a time. Apart from the holder
(services/index_sync.py), which decides when to catch up, and from the base
(services/index_base.py), which says where a process starts reading.

Horizon
-------
On PostgreSQL a transaction can take log id 10, another id 11 and commit first; a reader that
jumped to 11 would never see 10. So a process keeps a `position` below which everything is
applied and remembers which ids above it it applied; the position moves past a row once the
row is older than `HORIZON_SECONDS`, when no transaction that wrote an earlier id can still be
open. Applying a change reads the row's current state, so replaying one twice or out of order
still converges on what the database says. The refit job prunes the log behind the base it
saved (`prune`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Select, delete, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

import matcher
from models import Candidate, MatcherChange, Post
from models.base import utcnow
from services.matching import candidate_indexed, candidate_record, post_indexed, post_record

REQUEST_TIMEOUT_SECONDS = 30
"""gunicorn's worker timeout (gunicorn.conf.py reads it): no request's transaction lives longer."""
LONGEST_TRANSACTION_SECONDS = 600
"""The longest transaction the project allows a CLI command (a 100,000-row import takes about
three minutes on the reference machine). A command that may run longer must commit in parts."""
HORIZON_SECONDS = 2 * max(REQUEST_TIMEOUT_SECONDS, LONGEST_TRANSACTION_SECONDS)
"""How old a log row must be before no transaction that took an earlier id can still commit:
twice the longest transaction, for clock differences between hosts. The one horizon constant."""
SETTLE_SECONDS = 30.0
"""How often the position is moved past settled rows: reading which applied rows are older
than the horizon scans the log above the position (100,000 rows after an import), and moving
later only keeps a few more ids in memory."""


class Replay:
    """Which log rows one process's index reflects, and the catch-up that applies the others.
    Not thread-safe on its own: the holder calls it under its lock."""

    def __init__(self, monotonic: Callable[[], float], now: Callable[[], datetime]):
        self._monotonic, self._now = monotonic, now
        self._applied: set[int] = set()
        self._high = 0
        """The highest applied id (or the position)."""
        self._floor = 0
        """Every row up to this id is applied: the position, then the applied ids that follow
        it without a gap. Only rows above it can have committed late."""
        self._settled = float("-inf")
        self.position = 0
        """Every log row up to this id is applied (or was reflected by the fit)."""
        self.applied_changes = 0

    def applied(self) -> list[int]:
        """The ids above the position already applied, in order (what a saved base records)."""
        return sorted(self._applied)

    def reset(self, position: int, applied: set[int]) -> None:
        """Start again from an index that reflects every row up to `position` and `applied`
        above it (a fit, or a base loaded)."""
        self.position, self._applied = position, applied
        self._high, self._floor = max(applied, default=position), position
        self._settled = float("-inf")

    def cutoff(self) -> datetime:
        """Log rows written before this moment can no longer be overtaken by a late commit."""
        return self._now() - timedelta(seconds=HORIZON_SECONDS)

    def catch_up(self, session: Session, index: matcher.Matcher, limit: int | None,
                 posts_changed: Callable[[], None]) -> int:
        """Apply the log rows not yet applied (at most `limit` documents); returns how many.
        `posts_changed` is called once a post of the batch may have changed in the index, even
        when applying fails half way.

        Rows above the highest applied id are read whole; between the floor and it, where a
        transaction that committed late may have left one, only a count is read unless it
        shows one. (Counting from the position instead read every row of a fresh import's
        100,000 at each check.)"""
        high, floor = self._high, self._raise_floor()
        fresh = list(session.execute(self._rows(MatcherChange.id > high)).all())
        if floor < high:
            below = session.scalar(select(func.count(MatcherChange.id)).where(
                MatcherChange.id > floor, MatcherChange.id <= high)) or 0
            if below != len(self._applied) - (floor - self.position):
                late = session.execute(self._rows(MatcherChange.id > floor, MatcherChange.id <= high))
                fresh = [row for row in late if row.id not in self._applied] + fresh
        documents: dict[tuple[str, int], list[int]] = {}
        for row in fresh:
            documents.setdefault((row.entity, row.entity_id), []).append(row.id)
        batch = list(documents.items())[:limit] if limit is not None else list(documents.items())
        loaded = self._load(session, [key for key, _ in batch])  # held: the session keeps weak references
        try:
            for (entity, entity_id), row_ids in batch:
                if entity == "post":
                    self._apply_post(index, session, entity_id)
                else:
                    self._apply_candidate(index, session, entity_id)
                # Applied only once done: a catch-up that fails half way replays the rest.
                self._applied.update(row_ids)
                self._high = max(self._high, *row_ids)
                self.applied_changes += 1
        finally:
            # Even half applied, the posts may differ from what the listing cached; the
            # candidates' changes do not touch the listing.
            if any(entity == "post" for (entity, _), _ in batch):
                posts_changed()
        self._settle(session, [row.id for row in fresh if row.id not in self._applied])
        del loaded
        return len(batch)

    @staticmethod
    def _load(session: Session, documents: list[tuple[str, int]]) -> list[object]:
        """The rows of these documents, read a thousand at a time into the session, where each
        `session.get` below then finds its own: a check after an import asked once per person."""
        loaded: list[object] = []
        for model, entity, related in ((Post, "post", joinedload(Post.employer)),
                                       (Candidate, "candidate", selectinload(Candidate.group_claims))):
            ids = [i for e, i in documents if e == entity]
            for start in range(0, len(ids), 1000):
                loaded += session.scalars(
                    select(model).where(model.id.in_(ids[start:start + 1000])).options(related)).unique()
        return loaded

    @staticmethod
    def _rows(*where: ColumnElement[bool]) -> Select[tuple[int, str, int]]:
        return (select(MatcherChange.id, MatcherChange.entity, MatcherChange.entity_id)
                .where(*where).order_by(MatcherChange.id))

    def _raise_floor(self) -> int:
        floor = max(self._floor, self.position)
        while floor + 1 in self._applied:
            floor += 1
        self._floor = floor
        return floor

    def _settle(self, session: Session, pending: list[int]) -> None:
        """Move the position past the applied rows older than the horizon (no transaction that
        took a lower id can still commit), every SETTLE_SECONDS."""
        if self._monotonic() - self._settled < SETTLE_SECONDS:
            return
        self._settled = self._monotonic()
        settled = session.scalar(select(func.max(MatcherChange.id)).where(
            MatcherChange.id > self.position, MatcherChange.id <= self._high,
            MatcherChange.at < self.cutoff())) or self.position
        if pending:
            settled = min(settled, min(pending) - 1)
        if settled > self.position:
            self.position = settled
            self._applied = {i for i in self._applied if i > settled}

    @staticmethod
    def _apply_post(index: matcher.Matcher, session: Session, post_id: int) -> None:
        post = session.get(Post, post_id)
        if index.has_post(str(post_id)):
            index.remove_post(str(post_id))
        if post is not None and post_indexed(post):
            index.add_post(post_record(post))

    @staticmethod
    def _apply_candidate(index: matcher.Matcher, session: Session, candidate_id: int) -> None:
        candidate = session.get(Candidate, candidate_id)
        if index.has_candidate(str(candidate_id)):
            index.remove_candidate(str(candidate_id))
        if candidate is not None and candidate_indexed(candidate):
            index.add_candidate(candidate_record(candidate))


def prune(session: Session, below: int) -> int:
    """Delete the log rows a process starting from a base at `below` never reads, and only
    those older than the horizon. Returns how many."""
    cutoff = utcnow() - timedelta(seconds=HORIZON_SECONDS)
    result = session.execute(
        delete(MatcherChange).where(MatcherChange.id < below, MatcherChange.at < cutoff))
    return int(getattr(result, "rowcount", 0) or 0)
