"""The public search and listing of posts: the read model behind the listing, the API's search
and saved searches' "new since" counts.

The search combines the database (who may see what: open posts of verified employers, not full)
with the process's matcher (what the words mean: 会计 finds 出纳). Filters and facet counts are
computed in Python over one light row per visible post — a few hundred rows in a district — so
every facet can count "what you would get with this value instead" in one pass.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from matcher import Matcher
from models import Employer, Placement, Post
from policy.codes import EDUCATION_LEVELS, education_rank
from policy.errors import NotFound
from policy.parameters import parameter
from services.matching import ids

STALE_AFTER = parameter("post_listing", "stale_after_days")
"""（十四） keep post information current: a post not updated for more than this many days is
marked 可能已过期. The number is 本区经办规则 (policy/data/settings.json), not the seed's."""

SALARY_STEPS = (3000, 5000, 8000)
"""Salary facet buckets, yuan a month: "at least this much"."""

QUERY_MAX_LENGTH = 100
FACETS = ("kind", "township", "industry", "education", "salary")
@dataclass(frozen=True)
class PostFilter:
    kind: str | None = None
    township: str | None = None
    industry: str | None = None
    education: str | None = None  # the seeker's level: posts asking at most this
    salary: int | None = None  # at least this much a month (the top of the range counts)


@dataclass(frozen=True)
class ListedPost:
    """One visible post, as much as filtering, facets and ordering need."""

    id: int
    kind: str
    township: str
    industry: str
    education_min: str
    salary_min: int | None
    salary_max: int | None
    updated_at: datetime

    def passes(self, filters: PostFilter, skip: str | None = None) -> bool:
        """Every filter but `skip` lets the post through (a facet counts without its own)."""
        return (
            (skip == "kind" or filters.kind is None or self.kind == filters.kind)
            and (skip == "township" or filters.township is None or self.township == filters.township)
            and (skip == "industry" or filters.industry is None or self.industry == filters.industry)
            and (skip == "education" or filters.education is None
                 or _education_fits(self, filters.education))
            and (skip == "salary" or filters.salary is None or _salary_fits(self, filters.salary))
        )


@dataclass
class SearchResult:
    """One page of a search: the posts' ids in order (the caller loads what it shows, see
    posts_by_id), how many match in all, the facet counts and each shown post's matched words."""

    post_ids: list[int]
    total: int
    facets: dict[str, dict[str, int]]
    highlights: dict[int, tuple[str, ...]] = field(default_factory=dict)
    stale: frozenset[int] = frozenset()  # shown posts not updated for STALE_AFTER days


def _education_fits(row: ListedPost, level: str) -> bool:
    return education_rank(row.education_min) <= education_rank(level)


def _salary_fits(row: ListedPost, wanted: int) -> bool:
    best = row.salary_max if row.salary_max is not None else row.salary_min
    return best is not None and best >= wanted


def is_stale(post: Post | ListedPost, today: date) -> bool:
    return (today - post.updated_at.date()).days > STALE_AFTER.value


def visible_posts(session: Session, today: date) -> tuple[ListedPost, ...]:
    """Open, not full posts of verified employers, not past their close date on `today`: what
    the listing, the search and the recommendations may show.

    The searches below take this snapshot as an argument, so a caller that knows it has not
    changed (the web app, between two changes in the log) can read it once for many."""
    active = (
        select(Placement.post_id, func.count(Placement.id).label("n"))
        .where(Placement.ended_on.is_(None))
        .group_by(Placement.post_id)
        .subquery()
    )
    rows = session.execute(
        select(Post.id, Post.kind, Post.township, Post.industry, Post.education_min,
               Post.salary_min, Post.salary_max, Post.updated_at)
        .join(Employer, Employer.id == Post.employer_id)
        .outerjoin(active, active.c.post_id == Post.id)
        .where(Employer.verified_at.is_not(None), Post.status == "open",
               Post.slots > func.coalesce(active.c.n, 0),
               (Post.close_date.is_(None)) | (Post.close_date >= today))
    )
    return tuple(ListedPost(*row) for row in rows)


def search_public_posts(
    index: Matcher, visible: Sequence[ListedPost], query: str, filters: PostFilter, page: int,
    per_page: int, today: date,
) -> SearchResult:
    """The `visible` posts matching `query` (by relevance, then freshness) or newest first.

    Each facet counts the posts the other filters (and the query) leave, per value of its own.
    """
    rows = list(visible)
    query = query.strip()[:QUERY_MAX_LENGTH]
    if query:
        hits = index.search_posts(query, top=max(len(rows), 1), post_ids=ids(r.id for r in rows),
                                  highlight=False)
        scores = {int(h.id): h.score for h in hits if h.score > 0}
        rows = [r for r in rows if r.id in scores]
        rows.sort(key=lambda r: (-round(scores[r.id], 3), -r.updated_at.timestamp(), -r.id))
    else:
        rows.sort(key=lambda r: (r.updated_at, r.id), reverse=True)
    facets = _facets(rows, filters)
    matching = [r for r in rows if r.passes(filters)]
    page_rows = matching[(page - 1) * per_page: page * per_page]
    wanted = [r.id for r in page_rows]
    shown = index.highlights(query, ids(wanted)) if query else {}
    return SearchResult(
        post_ids=wanted, total=len(matching), facets=facets,
        highlights={int(doc_id): terms for doc_id, terms in shown.items()},
        stale=frozenset(r.id for r in page_rows if is_stale(r, today)),
    )


def _facets(rows: Sequence[ListedPost], filters: PostFilter) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    for row in rows:
        for name in ("kind", "township", "industry"):
            if row.passes(filters, skip=name):
                value = getattr(row, name)
                counts[name][value] = counts[name].get(value, 0) + 1
        if row.passes(filters, skip="education"):
            for level in EDUCATION_LEVELS[education_rank(row.education_min):]:
                counts["education"][level] = counts["education"].get(level, 0) + 1
        if row.passes(filters, skip="salary"):
            for step in SALARY_STEPS:
                if _salary_fits(row, step):
                    counts["salary"][str(step)] = counts["salary"].get(str(step), 0) + 1
    return counts


def new_since(session: Session, index: Matcher, visible: Sequence[ListedPost], query: str,
              filters: PostFilter, since: datetime) -> int:
    """How many of the `visible` posts matching a saved search were created after `since`."""
    matching = {r.id for r in visible if r.passes(filters)}
    if query.strip():
        hits = index.search_posts(query.strip()[:QUERY_MAX_LENGTH], top=max(len(matching), 1),
                                  post_ids=ids(matching), highlight=False)
        matching = {int(h.id) for h in hits if h.score > 0}
    if not matching:
        return 0
    return session.scalar(select(func.count(Post.id)).where(
        Post.id.in_(matching), Post.created_at > since)) or 0


def posts_by_id(session: Session, post_ids: Sequence[int]) -> dict[int, Post]:
    """These posts with their employers, by id (for a ranking's results)."""
    return {p.id: p for p in session.scalars(
        select(Post).where(Post.id.in_(post_ids)).options(joinedload(Post.employer)))}


def get_public_post(session: Session, post_id: int) -> Post:
    post = session.scalar(
        select(Post)
        .join(Employer, Employer.id == Post.employer_id)
        .where(Post.id == post_id, Employer.verified_at.is_not(None))
        .options(joinedload(Post.employer))
    )
    if post is None:
        raise NotFound("岗位不存在或尚未公开", code="post_not_found")
    return post
