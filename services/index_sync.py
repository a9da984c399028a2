"""Index freshness: how a process's matcher index is built, shared, kept current from the
database's change log, and saved for the next process. The one entry point callers use (the web
app, the gunicorn hooks, the notification worker, the CLI); Flask-free. It holds the index and
decides when to fit, load, save or catch up; the work itself lives in two modules:

    services/index_base.py    the base: the full fit from the database, saved on disk, loaded
    services/index_replay.py  the catch-up: how far the change log is applied, the horizon

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
the transaction that makes them, so no service can forget one. Why reading it needs a horizon,
and how the log is pruned behind a base: services/index_replay.py.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

import matcher
from models.base import utcnow
from services import index_base
from services.index_replay import (
    HORIZON_SECONDS,
    LONGEST_TRANSACTION_SECONDS,
    REQUEST_TIMEOUT_SECONDS,
    Replay,
    prune,
)

__all__ = ["HORIZON_SECONDS", "LONGEST_TRANSACTION_SECONDS", "MAX_APPLIED_PER_CHECK",
           "REQUEST_TIMEOUT_SECONDS", "IndexSync", "Snapshot", "require_sync_workers"]

log = logging.getLogger("jobbridge.index")

MAX_APPLIED_PER_CHECK = 500
"""Documents applied per catch-up during serving: a burst (an import of thousands of people) is
applied over the next checks, a few hundred milliseconds each, instead of inside one request."""


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
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._matcher: matcher.Matcher | None = None
        self._replay = Replay(monotonic, now)
        self._checked = float("-inf")
        self.checked_at = float("-inf")
        """When (time.time, shared by every worker) the last check of the log began."""
        self._base_saved_at = ""
        self.generation = 0
        self.fits = 0
        """Full fits done by this process (a forked worker inherits its master's count)."""

    @property
    def matcher(self) -> matcher.Matcher | None:
        return self._matcher

    @property
    def position(self) -> int:
        """Every log row up to this id is applied (or was reflected by the fit)."""
        return self._replay.position

    @property
    def applied_changes(self) -> int:
        """Documents this process applied from the change log."""
        return self._replay.applied_changes

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
            self._fitted().read_post_words()  # before the fork, so that workers share them
            return f"{how} (log position {self.position}, {applied} changes replayed)"

    def has_base(self) -> bool:
        """Whether a base is saved on disk (loadable or not: `warm` finds out)."""
        return index_base.read_state(self.base_dir) is not None

    def refresh_base(self) -> bool:
        """Load the base on disk if it is newer than the index held (the master, before each
        fork: no database is read). True when loaded."""
        with self._lock:
            state = index_base.read_state(self.base_dir)
            if state is None or state.get("saved_at", "") <= self._base_saved_at:
                return False
            if self._matcher is not None and state["position"] < self.position:
                return False
            if not self._load_base(None):
                return False
            self._fitted().read_post_words()
            return True

    def save_base(self, session: Session, refit: bool = True) -> Path:
        """Save the index as the base, fitted afresh first (the refit job) unless `refit` is
        False (the master that just fitted), then prune the log behind it. The caller commits."""
        if self.base_dir is None:
            raise RuntimeError("no base directory configured")
        with self._lock:
            if refit or self._matcher is None:
                self._fit(session)
            self._base_saved_at = index_base.save(
                self.base_dir, self._fitted(), self.position, self._replay.applied())
            prune(session, self.position)
            return self.base_dir

    def _load_base(self, session: Session | None) -> bool:
        state = index_base.read_state(self.base_dir)
        if state is None or self.base_dir is None:
            return False
        loaded = index_base.load(self.base_dir, state, session)
        if loaded is None:
            return False
        self._matcher = loaded
        self._replay.reset(state["position"], set(state["applied"]))
        self._base_saved_at = state["saved_at"]
        self.generation += 1
        return True

    def _fit(self, session: Session) -> None:
        fitted = index_base.fit(session, self._replay.cutoff())
        self._matcher = fitted.matcher
        self._replay.reset(fitted.position, fitted.applied)
        self.generation += 1
        self.fits += 1

    # -- serving -------------------------------------------------------------------------------

    def expire(self) -> None:
        """Catch up on the next `current()`, without waiting for `refresh_seconds`."""
        with self._lock:
            self._checked = float("-inf")

    def catch_up_after(self, changed_at: float) -> None:
        """Catch up on the next `current()` unless a check of the log began after `changed_at`
        (time.time of a change another worker committed): whoever made a change reads it,
        whichever worker serves them next (web.matching)."""
        with self._lock:
            if changed_at >= self.checked_at:
                self._checked = float("-inf")

    def current(self, open_session: Callable[[], Session]) -> Snapshot:
        """The snapshot a request reads: caught up with the log when due. Fits on first use
        only where nothing warmed the index (tests, a CLI command). `open_session` is called
        only then: most requests find nothing due and open no session."""
        with self._lock:
            now = self._monotonic()
            if self._matcher is None:
                log.warning("index fitted on first use (nothing warmed it)")
                self.checked_at = time.time()
                self._fit(open_session())
                self._checked = now
            elif now - self._checked >= self.refresh_seconds:
                self._checked = now
                self.checked_at = time.time()
                if self._catch_up(open_session(), limit=MAX_APPLIED_PER_CHECK) == MAX_APPLIED_PER_CHECK:
                    self._checked = float("-inf")  # more to apply: at the next request
            return Snapshot(self._fitted(), self.generation)

    def _catch_up(self, session: Session, limit: int | None) -> int:
        return self._replay.catch_up(session, self._fitted(), limit, self._posts_changed)

    def _posts_changed(self) -> None:
        """Answers cached against the generation (the listing) may be stale: move it on."""
        self.generation += 1

    def _fitted(self) -> matcher.Matcher:
        """The index, which the caller has just fitted or found: never None past that point."""
        if self._matcher is None:
            raise RuntimeError("the matcher index is not fitted")
        return self._matcher


def require_sync_workers(worker_class: str, threads: int) -> None:
    """A worker changes its index in place between requests: it must serve one at a time."""
    name = worker_class.rsplit(".", 1)[-1].lower()
    if name not in ("sync", "syncworker") or threads != 1:
        raise ValueError(
            f"JobBridge needs sync gunicorn workers with one thread (got {worker_class!r}, "
            f"threads={threads}): each worker's matcher index is changed between requests")
