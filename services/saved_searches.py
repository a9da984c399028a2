"""Saved searches: a seeker keeps a listing's query and sees how many posts are new since the
last time they opened it."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from matcher import Matcher
from models import SavedSearch, User
from models.base import utcnow
from policy.codes import EDUCATION_LEVELS, POST_KINDS, TOWNSHIPS
from policy.errors import Conflict, Invalid, NotFound
from services.applications import candidate_of
from services.post_search import SALARY_STEPS, SORTS, Listing, PostFilter, new_since

MAX_SAVED = 20
PARAMS = ("q", "kind", "township", "industry", "education", "salary", "sort")


@dataclass(frozen=True)
class SavedSearchView:
    search: SavedSearch
    new: int


def clean_params(raw) -> dict[str, str]:
    """Only the listing's own parameters, with valid values: what the URL will carry."""
    allowed = {"kind": POST_KINDS, "township": TOWNSHIPS, "education": EDUCATION_LEVELS,
               "salary": tuple(str(s) for s in SALARY_STEPS), "sort": SORTS[1:]}
    params = {}
    for name in PARAMS:
        value = (raw.get(name) or "").strip()[:100]
        if value and (name not in allowed or value in allowed[name]):
            params[name] = value
    return params


def filters_of(params: dict) -> PostFilter:
    return PostFilter(kind=params.get("kind"), township=params.get("township"),
                      industry=params.get("industry"), education=params.get("education"),
                      salary=int(params["salary"]) if params.get("salary") else None)


def save(session: Session, user: User, name: str, raw_params) -> SavedSearch:
    candidate = candidate_of(session, user)
    params = clean_params(raw_params)
    if not params:
        raise Invalid("请先输入关键词或选择筛选条件", code="empty_search")
    owned = list(session.scalars(select(SavedSearch).where(SavedSearch.candidate_id == candidate.id)))
    if len(owned) >= MAX_SAVED:
        raise Conflict(f"最多保存 {MAX_SAVED} 个搜索", code="too_many_saved_searches")
    if any(s.params == params for s in owned):
        raise Conflict("已保存过相同的搜索", code="already_saved")
    label = name.strip()[:64] or describe(params)
    search = SavedSearch(candidate_id=candidate.id, name=label, params=params)
    session.add(search)
    session.flush()
    return search


def describe(params: dict) -> str:
    """What was searched for (the order of the results is no part of it)."""
    return " · ".join(params[name] for name in PARAMS if name in params and name != "sort")[:64]


def saved_searches(session: Session, index: Matcher, visible: Listing,
                   user: User) -> list[SavedSearchView]:
    candidate = candidate_of(session, user)
    searches = session.scalars(select(SavedSearch).where(SavedSearch.candidate_id == candidate.id)
                               .order_by(SavedSearch.id))
    return [SavedSearchView(s, new_since(session, index, visible, s.params.get("q", ""),
                                         filters_of(s.params), s.last_seen_at))
            for s in searches]


def visit(session: Session, user: User, search_id: int) -> SavedSearch:
    """Opening a saved search: everything found now counts as seen."""
    search = _owned(session, user, search_id)
    search.last_seen_at = utcnow()
    session.flush()
    return search


def delete(session: Session, user: User, search_id: int) -> None:
    session.delete(_owned(session, user, search_id))
    session.flush()


def _owned(session: Session, user: User, search_id: int) -> SavedSearch:
    candidate = candidate_of(session, user)
    search = session.get(SavedSearch, search_id)
    if search is None or search.candidate_id != candidate.id:
        raise NotFound("保存的搜索不存在", code="saved_search_not_found")
    return search
