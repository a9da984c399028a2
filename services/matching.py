"""The matcher index of one process, fitted from the database and kept current by a change log.

Every gunicorn worker holds its own `Matcher` in memory. Whoever changes a post or a profile
calls `record_change` in the same transaction, so the `matcher_changes` row exists exactly when
the change does. Each worker, before a request and at most every `refresh_seconds`, reads the
rows it has not yet applied and updates its index one document at a time (add, replace,
remove) — never a full refit per change.

Why a window instead of "id > last seen": on PostgreSQL a transaction can take id 10, another
id 11 and commit first; a worker that jumped to 11 would never see 10. So a worker re-reads
every row above a horizon and skips the ids it already applied; the horizon moves past ids
first seen `HORIZON_SECONDS` ago, far longer than any request's transaction lives (gunicorn's
timeout is 30 s). Applying a change reads the row's current state, so replaying one twice or
out of order still converges on what the database says.

The log is also what the public listing's answers are cached against: `generation` moves on
whenever the index is refitted or a post's change is applied, so every change that alters what a
visitor may see of a post (its text, its status, its fullness through a placement, its
employer's verification) is recorded here as a change of that post.
"""

import threading
import time
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

import matcher
from models import Candidate, MatcherChange, Post

HORIZON_SECONDS = 30.0
# Past this many changed documents a refit is cheaper than replaying them one by one
# (a bulk import of thousands of people lands as one burst in the log).
REFIT_AFTER_CHANGES = 2000


CHANGED = "matcher_changed"
"""Set in `session.info` by `record_change`, so whoever commits can tell its own process's
holder to catch up at once (`MatcherHolder.expire`): a worker then reads its own writes."""


def record_change(session: Session, entity: str, entity_id: int, op: str = "upsert") -> None:
    """Log that a post or candidate changed; call inside the transaction that changes it."""
    session.add(MatcherChange(entity=entity, entity_id=entity_id, op=op))
    session.info[CHANGED] = True


def record_employer_change(session: Session, employer_id: int) -> None:
    """Log a change of each of the employer's posts (verified, renamed): a post is listed,
    indexed and shown with its employer."""
    for post_id in session.scalars(select(Post.id).where(Post.employer_id == employer_id)):
        record_change(session, "post", post_id)


def post_record(post: Post) -> matcher.Post:
    return matcher.Post(
        id=str(post.id), kind=post.kind, title=post.title, employer=post.employer.name,
        industry=post.industry, description=post.description, requirements=post.requirements,
        education_min=post.education_min, majors=tuple(post.majors), township=post.township,
        slots=post.slots, salary_min=post.salary_min, salary_max=post.salary_max,
        updated=post.updated_at.date(),
    )


def candidate_record(candidate: Candidate) -> matcher.Candidate:
    """Declared (待核验) groups count for ranking; placements check verified ones again."""
    return matcher.Candidate(
        id=str(candidate.id), name=candidate.name, birth_date=candidate.birth_date,
        education=candidate.education, school=candidate.school, major=candidate.major,
        graduation_date=candidate.graduation_date, skills=candidate.skills,
        experience=candidate.experience, desired=candidate.desired,
        townships=tuple(candidate.townships), groups=tuple(candidate.groups),
        unemployed_since=candidate.unemployed_since, employed=candidate.employed,
    )


def indexed(post: Post) -> bool:
    """Open posts are indexed (verified or not: who may see them is the listing's question)."""
    return post.status == "open"


def ids(values: Iterable[int]) -> list[str]:
    """Database ids as the matcher's document ids."""
    return [str(v) for v in values]


class MatcherHolder:
    """One process's matcher and how far it has read the change log. Thread-safe."""

    def __init__(self, refresh_seconds: float = 0.5):
        self.refresh_seconds = refresh_seconds
        self.matcher: matcher.Matcher | None = None
        self._lock = threading.Lock()
        self._horizon = 0
        self._seen: dict[int, float] = {}
        self._checked = float("-inf")
        self.generation = 0

    def fit(self, session: Session) -> None:
        """Build the index from every open post and every candidate."""
        with self._lock:
            self._fit(session)

    def expire(self) -> None:
        """Catch up on the next `current()`, without waiting for `refresh_seconds`."""
        with self._lock:
            self._checked = float("-inf")

    def current(self, session: Session) -> matcher.Matcher:
        """The index, fitted on first use and caught up with the change log when due."""
        with self._lock:
            now = time.monotonic()
            if self.matcher is None:
                self._fit(session)
                self._checked = now
            elif now - self._checked >= self.refresh_seconds:
                self._catch_up(session, now)
                self._checked = now
            return self.matcher

    def _fit(self, session: Session) -> None:
        # Read the log's end first: a change committed while fitting is replayed, harmlessly.
        horizon = session.scalar(select(func.max(MatcherChange.id))) or 0
        posts = session.scalars(
            select(Post).where(Post.status == "open").options(joinedload(Post.employer))
        ).all()
        candidates = session.scalars(
            select(Candidate).options(selectinload(Candidate.group_claims))
        ).all()
        self.matcher = matcher.Matcher(matcher.load()).fit(
            [post_record(p) for p in posts], [candidate_record(c) for c in candidates]
        )
        self._horizon, self._seen = horizon, {}
        self.generation += 1

    def _catch_up(self, session: Session, now: float) -> None:
        rows = session.execute(
            select(MatcherChange.id, MatcherChange.entity, MatcherChange.entity_id, MatcherChange.op)
            .where(MatcherChange.id > self._horizon)
            .order_by(MatcherChange.id)
        ).all()
        fresh = [row for row in rows if row[0] not in self._seen]
        latest = {(entity, entity_id): op for _, entity, entity_id, op in fresh}  # the last op wins
        if len(latest) > REFIT_AFTER_CHANGES:
            # The refit reads every row; the horizon stays, so a change that commits late
            # with a lower id is still replayed.
            horizon, seen = self._horizon, self._seen
            self._fit(session)
            self._horizon, self._seen = horizon, seen
        else:
            try:
                for (entity, entity_id), op in latest.items():
                    if entity == "post":
                        self._apply_post(session, entity_id, op)
                    else:
                        self._apply_candidate(session, entity_id, op)
            finally:
                # Even half applied, the posts may differ from what the listing cached; the
                # candidates' changes do not touch the listing.
                if any(entity == "post" for entity, _ in latest):
                    self.generation += 1
        # Seen only once applied: a catch-up that failed half way replays them all next time.
        self._seen.update((row[0], now) for row in fresh)
        settled = [i for i, seen in self._seen.items() if now - seen > HORIZON_SECONDS]
        if settled:
            self._horizon = max(settled)
            self._seen = {i: t for i, t in self._seen.items() if i > self._horizon}

    def _apply_post(self, session: Session, post_id: int, op: str) -> None:
        post = session.get(Post, post_id) if op == "upsert" else None
        doc_id = str(post_id)
        if doc_id in self.matcher.posts_.slot_of:
            self.matcher.remove_post(doc_id)
        if post is not None and indexed(post):
            self.matcher.add_post(post_record(post))

    def _apply_candidate(self, session: Session, candidate_id: int, op: str) -> None:
        candidate = session.get(Candidate, candidate_id) if op == "upsert" else None
        doc_id = str(candidate_id)
        if doc_id in self.matcher.candidates_.slot_of:
            self.matcher.remove_candidate(doc_id)
        if candidate is not None:
            self.matcher.add_candidate(candidate_record(candidate))
