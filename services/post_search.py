"""The public search and listing of posts: the read model behind the listing, the API's search
and saved searches' "new since" counts and daily digest.

The search combines the database (who may see what: open posts of verified employers, not full)
with the process's matcher (what the words mean: 会计 finds 出纳). Filters and facet counts are
computed in Python over one light row per visible post — a few hundred rows in a district — so
every facet can count "what you would get with this value instead" in one pass.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from matcher import Matcher
from matcher.search import Tiers
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
SORTS = ("relevance", "newest", "salary")
RELATED_MAX = 10
"""At most this many 相关岗位 follow a search's own results."""
STALE_RELEVANCE = 0.5
"""A stale post's text relevance is multiplied by this: it sinks below current posts of like fit."""
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
    doc: str = field(init=False, repr=False, compare=False)
    """The id as the matcher's document id: made once per listing read, not per search."""
    facet_values: tuple[tuple[str, tuple[str, ...]], ...] = field(init=False, repr=False, compare=False)
    """Each facet's values the post counts under, in FACETS order (a post asking 高中 counts for
    every level from 高中 up, a salary for every step it reaches): made once per listing read."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "doc", str(self.id))
        object.__setattr__(self, "facet_values", (
            ("kind", (self.kind,)), ("township", (self.township,)), ("industry", (self.industry,)),
            ("education", EDUCATION_LEVELS[education_rank(self.education_min):]),
            ("salary", tuple(str(step) for step in SALARY_STEPS if _salary_fits(self, step))),
        ))

    def failed(self, filters: PostFilter) -> list[str]:
        """The filters that keep the post out, by name (FACETS)."""
        out = []
        if filters.kind is not None and self.kind != filters.kind:
            out.append("kind")
        if filters.township is not None and self.township != filters.township:
            out.append("township")
        if filters.industry is not None and self.industry != filters.industry:
            out.append("industry")
        if filters.education is not None and not _education_fits(self, filters.education):
            out.append("education")
        if filters.salary is not None and not _salary_fits(self, filters.salary):
            out.append("salary")
        return out

    def passes(self, filters: PostFilter) -> bool:
        return not self.failed(filters)


@dataclass
class SearchResult:
    """One page of a search: the posts' ids in order (the caller loads what it shows, see
    posts_by_id), how many match in all, the facet counts and each shown post's matched words.

    `related` are posts of neighbouring work that match none of the words (issue 10's 相关岗位):
    never counted, given with the last page only. `unmatched` names what was asked for and
    found nothing ("兼职"); `suggestion` is a word that sounds like what was typed."""

    post_ids: list[int]
    total: int
    facets: dict[str, dict[str, int]]
    highlights: dict[int, tuple[str, ...]] = field(default_factory=dict)
    stale: frozenset[int] = frozenset()  # shown posts not updated for STALE_AFTER days
    related: list[int] = field(default_factory=list)
    unmatched: tuple[str, ...] = ()
    suggestion: str | None = None


def _education_fits(row: ListedPost, level: str) -> bool:
    return education_rank(row.education_min) <= education_rank(level)


def _salary_fits(row: ListedPost, wanted: int) -> bool:
    return _best_salary(row) >= wanted


def is_stale(post: Post | ListedPost, today: date) -> bool:
    return (today - post.updated_at.date()).days > STALE_AFTER.value


class Listing(tuple[ListedPost, ...]):
    """The visible posts of one moment (visible_posts), with what every search of them reads
    made once: their document ids as one tuple (Matcher.post_mask keeps its mask for that
    tuple) and the rows by document id. A district's thousands of posts cost each search a
    pass over every one of them otherwise."""

    docs: tuple[str, ...]
    by_doc: dict[str, ListedPost]

    def __new__(cls, rows: Iterable[ListedPost]) -> "Listing":
        listing = super().__new__(cls, rows)
        listing.docs = tuple(r.doc for r in listing)
        listing.by_doc = dict(zip(listing.docs, listing, strict=True))
        return listing


def visible_posts(session: Session, today: date) -> Listing:
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
    return Listing(ListedPost(*row) for row in rows)


def search_public_posts(
    index: Matcher, visible: Listing, query: str, filters: PostFilter, page: int,
    per_page: int, today: date, sort: str = "relevance",
) -> SearchResult:
    """The `visible` posts matching `query` directly, ordered by `sort` (SORTS; without a query
    relevance is newest first), and the related posts that follow them.

    Relevance: posts matching more of the query's words first, then those in a township or of
    a kind the query names, then by text relevance (less for a stale post), then freshness.
    Each facet counts the posts the other filters (and the query) leave, per value of its own.
    """
    query = query.strip()[:QUERY_MAX_LENGTH]
    rows, tiers = _matching(index, visible, query)
    fit: dict[int, tuple[int, int, float]] = {}
    if tiers is not None:
        asked = tiers.query
        for r in rows:
            words, score = tiers.direct.get(r.doc, (0, 0.0))
            named = (r.township in asked.townships) + (r.kind in asked.kinds)
            fit[r.id] = (words, named, round(score * (STALE_RELEVANCE if is_stale(r, today) else 1), 3))
    rows.sort(key=_order(sort if fit else "newest", fit))
    facets, matching = _facets_and_matching(rows, filters)
    page_rows = matching[(page - 1) * per_page: page * per_page]
    wanted = [r.id for r in page_rows]
    if tiers is None:
        return SearchResult(post_ids=wanted, total=len(matching), facets=facets,
                            stale=frozenset(r.id for r in page_rows if is_stale(r, today)))
    last = page >= max(1, -(-len(matching) // per_page))
    related = [int(i) for i, _ in tiers.related if visible.by_doc[i].passes(filters)] if last else []
    shown = index.highlights(tiers.query, ids(wanted))
    shown.update(index.highlights(tiers.query, ids(related), broad=True))
    return SearchResult(
        post_ids=wanted, total=len(matching), facets=facets,
        highlights={int(doc_id): terms for doc_id, terms in shown.items()},
        stale=frozenset(r.id for r in [*page_rows, *(visible.by_doc[str(i)] for i in related)]
                        if is_stale(r, today)),
        related=related, unmatched=tiers.unmatched, suggestion=tiers.suggestion,
    )


def _matching(index: Matcher, visible: Listing, query: str
              ) -> tuple[list[ListedPost], Tiers | None]:
    """The posts a query finds (all without one): those matching any of its words directly,
    or, when it names only a township or a kind, that township's or kind's posts."""
    if not query:
        return list(visible), None
    tiers = index.search_tiers(query, index.post_mask(visible.docs), RELATED_MAX)
    asked = tiers.query
    if asked.words:  # the direct matches are a few of the visible posts: read only those
        return [visible.by_doc[doc] for doc in tiers.direct], tiers
    return [r for r in visible if r.township in asked.townships or r.kind in asked.kinds], tiers


def _order(sort: str, fit: dict[int, tuple[int, int, float]]
           ) -> Callable[[ListedPost], tuple[float, ...]]:
    if sort == "salary":
        return lambda r: (-_best_salary(r), -r.updated_at.timestamp(), -r.id)
    if sort == "relevance":
        return lambda r: (-fit[r.id][0], -fit[r.id][1], -fit[r.id][2], -r.updated_at.timestamp(), -r.id)
    return lambda r: (-r.updated_at.timestamp(), -r.id)


def _best_salary(row: ListedPost) -> int:
    """The top of the post's range (its floor when open-ended; 0 when 面议)."""
    return row.salary_max or row.salary_min or 0


def _facets_and_matching(rows: Sequence[ListedPost], filters: PostFilter
            ) -> tuple[dict[str, dict[str, int]], list[ListedPost]]:
    """The facet counts, and the rows every filter lets through. Each facet counts the posts
    that every other filter lets through: a post kept out by one filter counts in that
    filter's facet only, by two or more in none."""
    counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    matching = []
    for row in rows:
        failed = row.failed(filters)
        if len(failed) > 1:
            continue
        if not failed:
            matching.append(row)
        for name, values in row.facet_values:
            if not failed or failed[0] == name:
                bucket = counts[name]
                for value in values:
                    bucket[value] = bucket.get(value, 0) + 1
    return counts, matching


def new_since(session: Session, index: Matcher, visible: Listing, query: str,
              filters: PostFilter, since: datetime) -> int:
    """How many of the `visible` posts a saved search finds (as the listing does) were created
    after `since`."""
    matching = _found(index, visible, query, filters)
    if not matching:
        return 0
    return session.scalar(select(func.count(Post.id)).where(
        Post.id.in_(matching), Post.created_at > since)) or 0


def found_between(session: Session, index: Matcher, visible: Listing, query: str,
                  filters: PostFilter, since: datetime, until: datetime) -> list[Post]:
    """The `visible` posts a saved search finds (as the listing does: its own results, never
    the related ones) created after `since` and by `until`, newest first (the daily digest)."""
    matching = _found(index, visible, query, filters)
    if not matching:
        return []
    return list(session.scalars(select(Post).where(
        Post.id.in_(matching), Post.created_at > since, Post.created_at <= until)
        .order_by(Post.created_at.desc(), Post.id.desc())))


def _found(index: Matcher, visible: Listing, query: str, filters: PostFilter
           ) -> set[int]:
    rows, _ = _matching(index, visible, query.strip()[:QUERY_MAX_LENGTH])
    return {r.id for r in rows if r.passes(filters)}


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
