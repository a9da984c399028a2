"""The bureau's post board: every post of the district, searched, filtered, sorted and paged in
SQL, so a request reads one page of posts however many the district holds.

Fill is counted from active placements (not ended) against the post's slots, in a correlated
subquery per post: the filter and the sort on it run in the database, and only the page's rows
come back.
"""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session, joinedload

from models import Employer, Placement, Post

PAGE_SIZE = 30
STATUS_FILTERS = ("open", "closed", "all")
FILL_FILTERS = {"empty": "无人在岗", "vacant": "尚有空缺", "full": "已满员"}
SORTS = {"fill": "空缺多的在前", "newest": "最新发布", "closing": "截止日期近的在前", "title": "岗位名称"}
KEYWORD_MAX_LENGTH = 50


@dataclass(frozen=True)
class BoardFilters:
    """What the bureau narrows the board to; empty strings (and None) mean "all"."""

    q: str = ""
    kind: str = ""
    township: str = ""
    employer_id: int | None = None
    status: str = "open"
    fill: str = ""
    sort: str = "fill"


@dataclass(frozen=True)
class BoardRow:
    post: Post
    placed: int

    @property
    def vacancies(self) -> int:
        return max(self.post.slots - self.placed, 0)


@dataclass(frozen=True)
class BoardPage:
    rows: list[BoardRow]
    total: int
    page: int
    pages: int
    page_size: int = PAGE_SIZE

    @property
    def first(self) -> int:
        """The position (from 1) of this page's first row among all matching."""
        return (self.page - 1) * self.page_size + 1


def _placed() -> Any:
    return (select(func.count(Placement.id))
            .where(Placement.post_id == Post.id, Placement.ended_on.is_(None))
            .correlate(Post).scalar_subquery())


def _matching(filters: BoardFilters, placed: Any) -> Select[Any]:
    query = select(Post.id).select_from(Post).join(Employer, Employer.id == Post.employer_id)
    keyword = filters.q.strip()[:KEYWORD_MAX_LENGTH]
    if keyword:
        query = query.where(or_(
            Post.title.contains(keyword, autoescape=True),
            Post.industry.contains(keyword, autoescape=True),
            Employer.name.contains(keyword, autoescape=True),
            Post.ref == keyword.upper()))
    if filters.kind:
        query = query.where(Post.kind == filters.kind)
    if filters.township:
        query = query.where(Post.township == filters.township)
    if filters.employer_id:
        query = query.where(Post.employer_id == filters.employer_id)
    if filters.status in ("open", "closed"):
        query = query.where(Post.status == filters.status)
    fill = _fill_condition(filters.fill, placed)
    if fill is not None:
        query = query.where(fill)
    return query


def _fill_condition(fill: str, placed: Any) -> ColumnElement[bool] | None:
    if fill == "empty":
        return placed == 0
    if fill == "vacant":
        return placed < Post.slots
    if fill == "full":
        return placed >= Post.slots
    return None


def _order(sort: str, placed: Any) -> tuple[Any, ...]:
    if sort == "newest":
        return (Post.open_date.desc(), Post.id.desc())
    if sort == "closing":
        # Posts without a closing date last, on both SQLite and PostgreSQL.
        return (Post.close_date.is_(None), Post.close_date, Post.id)
    if sort == "title":
        return (Post.title, Post.id)
    return (placed * 1.0 / Post.slots, Post.id)


def board(session: Session, filters: BoardFilters, page: int = 1,
          page_size: int = PAGE_SIZE) -> BoardPage:
    """One page of the posts matching `filters`, with their active placements, and the count."""
    placed = _placed()
    matching = _matching(filters, placed)
    total = session.scalar(select(func.count()).select_from(matching.subquery())) or 0
    pages = max(1, -(-total // page_size))
    page = min(max(page, 1), pages)
    shown = session.execute(
        matching.with_only_columns(Post, placed)
        .order_by(*_order(filters.sort, placed))
        .limit(page_size).offset((page - 1) * page_size)
        .options(joinedload(Post.employer))
    ).all()
    return BoardPage([BoardRow(post, int(n)) for post, n in shown], total, page, pages, page_size)


def employer_name(session: Session, employer_id: int | None) -> str | None:
    """The name of the employer the board is narrowed to (None: no such employer)."""
    if not employer_id:
        return None
    return session.scalar(select(Employer.name).where(Employer.id == employer_id))
