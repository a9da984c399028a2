"""Posts: the public search and listing, and employers' posts of the three kinds.

The search combines the database (who may see what: open posts of verified employers, not full)
with the process's matcher (what the words mean: 会计 finds 出纳). Filters and facet counts are
computed in Python over one light row per visible post — a few hundred rows in a district — so
every facet can count "what you would get with this value instead" in one pass.
"""

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from matcher import Matcher
from models import Employer, Placement, Post, QuotaProgram, User
from models.placement import over_capacity
from policy.codes import EDUCATION_LEVELS, POST_KINDS, TOWNSHIPS, education_rank
from policy.errors import Conflict, Forbidden, Invalid, NotFound
from services import audit
from services.matching import ids

STALE_AFTER_DAYS = 30
"""（十四） keep post information current: a post not updated for 30 days is marked 可能已过期."""

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
class PostDraft:
    kind: str
    title: str
    industry: str
    description: str
    requirements: str
    education_min: str
    majors: tuple[str, ...]
    township: str
    slots: int
    salary_min: int | None
    salary_max: int | None
    close_date: date | None = None


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
    stale: frozenset[int] = frozenset()  # shown posts not updated for STALE_AFTER_DAYS


def _education_fits(row: ListedPost, level: str) -> bool:
    return education_rank(row.education_min) <= education_rank(level)


def _salary_fits(row: ListedPost, wanted: int) -> bool:
    best = row.salary_max if row.salary_max is not None else row.salary_min
    return best is not None and best >= wanted


def is_stale(post: Post | ListedPost, today: date) -> bool:
    return (today - post.updated_at.date()).days > STALE_AFTER_DAYS


def active_placements(session: Session, post_id: int) -> int:
    return session.scalar(select(func.count(Placement.id)).where(
        Placement.post_id == post_id, Placement.ended_on.is_(None))) or 0


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


def create_post(
    session: Session, actor: User, employer_id: int, draft: PostDraft, today: date
) -> Post:
    """A verified employer's (or the bureau's) new post; quota kinds join their program."""
    if actor.role == "employer" and actor.employer_id != employer_id:
        raise Forbidden("只能为本单位发布岗位", code="not_your_employer")
    employer = session.get(Employer, employer_id)
    if employer is None:
        raise NotFound("找不到该单位", code="employer_not_found")
    if not employer.verified:
        raise Forbidden("单位尚未通过人社局审核，暂不能发布岗位", code="employer_not_verified")
    _check_draft(draft)
    if draft.close_date is not None and draft.close_date < today:
        # The post opens today; the database's date-order check would otherwise fail the insert.
        raise Invalid("截止日期不能早于发布日期", code="invalid_post",
                      fields={"close_date": "早于发布日期"})
    program_id = None
    if draft.kind != "regular":
        program_id = session.scalar(
            select(QuotaProgram.id)
            .where(QuotaProgram.kind == draft.kind, QuotaProgram.start_date <= today,
                   QuotaProgram.end_date >= today)
            .order_by(QuotaProgram.start_date.desc())
        )
        if program_id is None:
            raise Invalid("当前没有进行中的该类岗位计划，请联系人社局", code="no_open_program",
                          fields={"kind": "无进行中的计划"})
    post = Post(
        ref=f"P{secrets.token_hex(5).upper()}", kind=draft.kind, title=draft.title.strip(),
        employer_id=employer.id, program_id=program_id, industry=draft.industry.strip(),
        description=draft.description.strip(), requirements=draft.requirements.strip(),
        education_min=draft.education_min, majors=list(draft.majors), township=draft.township,
        slots=draft.slots, salary_min=draft.salary_min, salary_max=draft.salary_max,
        status="open", open_date=today, close_date=draft.close_date,
    )
    session.add(post)
    session.flush()
    audit.record(session, actor.id, "create", "post", post.id, kind=post.kind, slots=post.slots)
    return post


def lock_post(session: Session, post_id: int) -> Post | None:
    """The post, its row locked until the transaction ends (SELECT … FOR UPDATE on PostgreSQL).

    Whatever changes how many people a post holds — a placement, an edit of its slots — takes
    this lock first, so the check "active placements ≤ slots" and the write that follows it run
    one after another. The row is read again even when the session already holds the post:
    a value loaded before the lock was granted may be stale."""
    return session.scalar(select(Post).where(Post.id == post_id).with_for_update()
                          .execution_options(populate_existing=True))


def owned_post(session: Session, actor: User, post_id: int, lock: bool = False) -> Post:
    """The post if `actor` may manage it (its employer or the bureau); another's is "not found".
    `lock`: take the post's row lock (lock_post) before changing its slots."""
    post = lock_post(session, post_id) if lock else session.get(Post, post_id)
    if post is None or (actor.role == "employer" and post.employer_id != actor.employer_id):
        raise NotFound("岗位不存在", code="post_not_found")
    if actor.role not in ("employer", "bureau"):
        raise Forbidden("只有岗位所属单位或人社局可以管理岗位", code="forbidden")
    return post


def update_post(session: Session, actor: User, post_id: int, draft: PostDraft) -> Post:
    """Edit a post. Its kind (and so its quota program) stays; slots never drop below the
    people already placed in it.

    The post's row is locked before counting, as a placement locks it (services.placements):
    an edit to fewer slots and a placement into the last one cannot both pass their checks.
    The database's trigger (migration 0006) refuses the state all the same."""
    post = owned_post(session, actor, post_id, lock=True)
    _check_draft(draft)
    if draft.kind != post.kind:
        raise Invalid("岗位类型发布后不能修改，请关闭后重新发布", code="kind_fixed",
                      fields={"kind": "不能修改"})
    placed = active_placements(session, post.id)
    if draft.slots < placed:
        raise _slots_below(placed)
    if draft.close_date is not None and draft.close_date < post.open_date:
        raise Invalid("截止日期不能早于发布日期", code="invalid_post",
                      fields={"close_date": "早于发布日期"})
    post.title, post.industry = draft.title.strip(), draft.industry.strip()
    post.description, post.requirements = draft.description.strip(), draft.requirements.strip()
    post.education_min, post.majors = draft.education_min, list(draft.majors)
    post.township, post.slots = draft.township, draft.slots
    post.salary_min, post.salary_max, post.close_date = draft.salary_min, draft.salary_max, draft.close_date
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:
        if not over_capacity(exc):
            raise
        raise _slots_below(active_placements(session, post.id)) from exc
    audit.record(session, actor.id, "update", "post", post.id, slots=post.slots)
    return post


def _slots_below(placed: int) -> Conflict:
    return Conflict(f"已有 {placed} 人在岗，招聘人数不能少于 {placed}",
                    code="slots_below_placements", fields={"slots": f"不能少于 {placed}"})


def set_post_status(session: Session, actor: User, post_id: int, status: str) -> Post:
    """Close a post (it leaves the listing and every worker's index) or reopen it."""
    post = owned_post(session, actor, post_id)
    if post.status != status:
        post.status = status
        session.flush()
        audit.record(session, actor.id, "close" if status == "closed" else "reopen", "post", post.id)
    return post


def employer_posts(session: Session, employer_id: int) -> list[Post]:
    return list(session.scalars(
        select(Post).where(Post.employer_id == employer_id).order_by(Post.id.desc())))


def _check_draft(draft: PostDraft) -> None:
    problems = {}
    if draft.kind not in POST_KINDS:
        problems["kind"] = "未知的岗位类型"
    if not draft.title.strip():
        problems["title"] = "请填写岗位名称"
    if not draft.industry.strip():
        problems["industry"] = "请填写行业"
    if draft.education_min not in EDUCATION_LEVELS:
        problems["education_min"] = "未知的学历"
    if draft.township not in TOWNSHIPS:
        problems["township"] = "请选择长乐区的乡镇（街道）"
    if draft.slots < 1:
        problems["slots"] = "招聘人数至少为 1"
    if (draft.salary_min is not None and draft.salary_max is not None
            and draft.salary_min > draft.salary_max):
        problems["salary_max"] = "最高薪资不能低于最低薪资"
    if problems:
        raise Invalid("岗位信息有误：" + "；".join(problems.values()), code="invalid_post",
                      fields=problems)
