"""Index freshness, in one place: how a process's matcher index is built, shared, kept current
from the database's change log, and saved for the next process. Flask-free: the web app, the
gunicorn hooks and the CLI drive it.

Lifecycle
---------
* **Base.** A full fit (every open post, every person) is done once: by `flask refit-index`
  (scheduled, see README) which saves it with the matcher's `save` into the instance folder
  together with the log position it reflects, or by the gunicorn master at start-up when no
  valid base is on disk. The master loads the base before forking (`refresh_base` in
  `pre_fork`, a file read, no database), so every worker shares its pages copy-on-write.
* **Delta.** A worker applies the log rows written since its base one document at a time
  (the matcher's own delta segments). A worker forked later than its siblings starts from the
  newest base on disk and replays minutes of log in `post_worker_init` (`warm`), before it
  accepts a request; no request ever pays a full fit or a replay of the day.
* **Snapshot.** A request reads one `Snapshot` (the matcher and its generation) taken before
  it starts (`current`); catching up happens only between requests. The matcher object is
  changed in place between requests, which is safe because a worker serves one request at a
  time: `require_sync_workers` refuses threaded workers at start-up.

Recording
---------
Changes are written to the log by SQLAlchemy session events (`services.change_log`), in
the transaction that makes them, so no service can forget one.

Horizon
-------
On PostgreSQL a transaction can take log id 10, another id 11 and commit first; a reader that
jumped to 11 would never see 10. So a process keeps a `position` below which everything is
applied and remembers which ids above it it applied; the position moves past a row once the
row is older than `HORIZON_SECONDS`, when no transaction that wrote an earlier id can still be
open. Applying a change reads the row's current state, so replaying one twice or out of order
still converges on what the database says. The refit job prunes the log behind the base it
saved (`prune`).

The module is longer than the others on purpose: the issue that made it (15) asked for the
whole of index freshness to be followed in one place.
"""

from __future__ import annotations

import json
import logging
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Select, delete, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

import matcher
from models import Candidate, MatcherChange, Post
from models.base import utcnow
from services.matching import candidate_indexed, candidate_record, post_indexed, post_record

log = logging.getLogger("jobbridge.index")

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
MAX_APPLIED_PER_CHECK = 500
"""Documents applied per catch-up during serving: a burst (an import of thousands of people) is
applied over the next checks, a few hundred milliseconds each, instead of inside one request."""

BASE_STATE = "sync.json"


@dataclass(frozen=True)
class Snapshot:
    """What one request reads: the index and the generation it had when the request began.
    `generation` moves on when the index is refitted or a post's change is applied; answers
    cached against it (web/matching.py) expire together."""

    matcher: matcher.Matcher
    generation: int


class IndexSync:
    """One process's index and how far it has read the change log. Thread-safe."""

    def __init__(self, refresh_seconds: float = 0.5, base_dir: Path | None = None,
                 monotonic: Callable[[], float] = time.monotonic,
                 now: Callable[[], datetime] = utcnow):
        self.refresh_seconds = refresh_seconds
        self.base_dir = base_dir
        self._monotonic, self._now = monotonic, now
        self._lock = threading.Lock()
        self._matcher: matcher.Matcher | None = None
        self._applied: set[int] = set()
        self._high = 0
        """The highest applied id (or the position)."""
        self._floor = 0
        """Every row up to this id is applied: the position, then the applied ids that follow
        it without a gap. Only rows above it can have committed late."""
        self._checked = self._settled = float("-inf")
        self._base_saved_at = ""
        self.position = 0
        """Every log row up to this id is applied (or was reflected by the fit)."""
        self.generation = 0
        self.fits = 0
        """Full fits done by this process (a forked worker inherits its master's count)."""
        self.applied_changes = 0

    @property
    def matcher(self) -> matcher.Matcher | None:
        return self._matcher

    # -- building and the base ---------------------------------------------------------------

    def fit(self, session: Session) -> None:
        """Build the index from every open post and every person."""
        with self._lock:
            self._fit(session)

    def warm(self, session: Session) -> str:
        """Make the index ready before serving (gunicorn hooks, CLI): load the base, or fit when
        there is none, then replay the whole log since. Returns what it did, for the log."""
        with self._lock:
            how = "kept"
            if self._matcher is None:
                how = "loaded" if self._load_base(session) else "fitted"
                if how == "fitted":
                    self._fit(session)
            applied = self._catch_up(session, limit=None)
            self._checked = self._monotonic()
            return f"{how} (log position {self.position}, {applied} changes replayed)"

    def has_base(self) -> bool:
        """Whether a base is saved on disk (loadable or not: `warm` finds out)."""
        return self._read_state() is not None

    def refresh_base(self) -> bool:
        """Load the base on disk if it is newer than the index held (the master, before each
        fork: no database is read). True when loaded."""
        with self._lock:
            state = self._read_state()
            if state is None or state.get("saved_at", "") <= self._base_saved_at:
                return False
            if self._matcher is not None and state["position"] < self.position:
                return False
            return self._load_base(None)

    def save_base(self, session: Session, refit: bool = True) -> Path:
        """Save the index as the base, fitted afresh first (the refit job) unless `refit` is
        False (the master that just fitted), then prune the log behind it. The caller commits."""
        if self.base_dir is None:
            raise RuntimeError("no base directory configured")
        with self._lock:
            if refit or self._matcher is None:
                self._fit(session)
            index = self._fitted()
            # Each base in a folder of its own, named by the state file written last: a master
            # loading a base never reads one half overwritten by the next.
            saved_at = utcnow()
            folder = f"matcher-{saved_at:%Y%m%dT%H%M%S%f}"
            index.save(self.base_dir / folder)
            previous = (self._read_state() or {}).get("folder")
            state = {"position": self.position, "applied": sorted(self._applied),
                     "saved_at": saved_at.isoformat(), "folder": folder}
            tmp = self.base_dir / (BASE_STATE + ".tmp")
            tmp.write_text(json.dumps(state), "utf-8")
            tmp.replace(self.base_dir / BASE_STATE)
            for old in self.base_dir.glob("matcher-*"):  # the previous one may be being read
                if old.name not in (folder, previous):
                    shutil.rmtree(old, ignore_errors=True)
            self._base_saved_at = state["saved_at"]
            prune(session, self.position)
            return self.base_dir

    def _read_state(self) -> dict[str, Any] | None:
        if self.base_dir is None or not (self.base_dir / BASE_STATE).is_file():
            return None
        return json.loads((self.base_dir / BASE_STATE).read_text("utf-8"))

    def _load_base(self, session: Session | None) -> bool:
        state = self._read_state()
        if state is None or self.base_dir is None:
            return False
        if session is not None:
            # A database restored from an older backup: the base describes rows it lacks.
            newest = session.scalar(select(func.max(MatcherChange.id))) or 0
            if newest < state["position"]:
                log.warning("index base is ahead of the change log (restored database?): refitting")
                return False
        try:
            loaded = matcher.Matcher.load(self.base_dir / state["folder"])
        except (matcher.IndexVersionError, OSError, ValueError, KeyError) as exc:
            log.warning("index base not loaded (%s): refitting", exc)
            return False
        self._matcher = loaded
        self._reset_applied(state["position"], set(state["applied"]))
        self._base_saved_at = state["saved_at"]
        self.generation += 1
        return True

    # -- serving -------------------------------------------------------------------------------

    def expire(self) -> None:
        """Catch up on the next `current()`, without waiting for `refresh_seconds`."""
        with self._lock:
            self._checked = float("-inf")

    def current(self, open_session: Callable[[], Session]) -> Snapshot:
        """The snapshot a request reads: caught up with the log when due. Fits on first use
        only where nothing warmed the index (tests, a CLI command). `open_session` is called
        only then: most requests find nothing due and open no session."""
        with self._lock:
            now = self._monotonic()
            if self._matcher is None:
                log.warning("index fitted on first use (nothing warmed it)")
                self._fit(open_session())
                self._checked = now
            elif now - self._checked >= self.refresh_seconds:
                self._checked = now
                if self._catch_up(open_session(), limit=MAX_APPLIED_PER_CHECK) == MAX_APPLIED_PER_CHECK:
                    self._checked = float("-inf")  # more to apply: at the next request
            return Snapshot(self._fitted(), self.generation)

    # -- internals -----------------------------------------------------------------------------

    def _fitted(self) -> matcher.Matcher:
        """The index, which the caller has just fitted or found: never None past that point."""
        if self._matcher is None:
            raise RuntimeError("the matcher index is not fitted")
        return self._matcher

    def _fit(self, session: Session) -> None:
        # The log first: the rows visible now are reflected by the data read after them.
        settled = session.scalar(select(func.max(MatcherChange.id)).where(MatcherChange.at < self._cutoff()))
        position = settled or 0
        recent = set(session.scalars(select(MatcherChange.id).where(MatcherChange.id > position)))
        posts = session.scalars(
            select(Post).where(Post.status == "open").options(joinedload(Post.employer))
        ).all()
        candidates = session.scalars(
            select(Candidate).options(selectinload(Candidate.group_claims))
        ).all()
        self._matcher = matcher.Matcher(matcher.load()).fit(
            [post_record(p) for p in posts if post_indexed(p)],
            [candidate_record(c) for c in candidates if candidate_indexed(c)],
        )
        self._reset_applied(position, recent)
        self.generation += 1
        self.fits += 1

    def _reset_applied(self, position: int, applied: set[int]) -> None:
        self.position, self._applied = position, applied
        self._high, self._floor = max(applied, default=position), position
        self._settled = float("-inf")

    def _catch_up(self, session: Session, limit: int | None) -> int:
        """Apply the log rows not yet applied (at most `limit` documents); returns how many.

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
        index = self._fitted()
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
                self.generation += 1
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

    def _cutoff(self) -> datetime:
        return self._now() - timedelta(seconds=HORIZON_SECONDS)

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
            MatcherChange.at < self._cutoff())) or self.position
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


def require_sync_workers(worker_class: str, threads: int) -> None:
    """A worker changes its index in place between requests: it must serve one at a time."""
    name = worker_class.rsplit(".", 1)[-1].lower()
    if name not in ("sync", "syncworker") or threads != 1:
        raise ValueError(
            f"JobBridge needs sync gunicorn workers with one thread (got {worker_class!r}, "
            f"threads={threads}): each worker's matcher index is changed between requests")
