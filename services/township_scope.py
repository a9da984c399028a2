"""Who sees whose people and posts: a township staff account (镇街、社区/村人社协理员) sees only
its own township's; a bureau account the whole district.

A person's township is that of their latest unemployment registration that was not rejected
(where they registered as living: 户籍或常住地); a person never registered is placed by the
first township they said they look for work in. One SQL expression says so, and every list a
township account reads narrows by it here, in the service, so no view can forget it. Another
township's person or post is "not found", exactly like one that does not exist (no probing).
"""

from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, String, cast, func, select
from sqlalchemy.orm import Session

from models import Candidate, Post, UnemploymentRegistration, User
from policy.errors import Forbidden, NotFound

S = TypeVar("S", bound=Select[Any])


def person_township() -> ColumnElement[Any]:
    """The township of the person in the enclosing query's Candidate row (NULL when none)."""
    registered = (select(UnemploymentRegistration.township)
                  .where(UnemploymentRegistration.candidate_id == Candidate.id,
                         UnemploymentRegistration.status != "rejected")
                  .order_by(UnemploymentRegistration.id.desc()).limit(1)
                  .correlate(Candidate).scalar_subquery())
    return func.coalesce(registered, cast(Candidate.townships[0].as_string(), String))


def township_of(viewer: User) -> str | None:
    """The township the viewer is limited to; None for the bureau (the whole district). Any
    other role has no business with these lists."""
    if viewer.role == "bureau":
        return None
    if viewer.role == "township" and viewer.township:
        return viewer.township
    raise Forbidden("只有人社局和镇街协理员可以查看", code="forbidden")


def people(query: S, viewer: User) -> S:
    """Narrow a query over Candidate to the people the viewer may see."""
    township = township_of(viewer)
    return query if township is None else query.where(person_township() == township)


def posts(query: S, viewer: User) -> S:
    """Narrow a query over Post to the posts the viewer may see."""
    township = township_of(viewer)
    return query if township is None else query.where(Post.township == township)


def visible_person(session: Session, viewer: User, candidate_id: int) -> Candidate:
    """The person, if the viewer may see them; else "not found", like one that does not exist."""
    candidate = session.scalar(people(select(Candidate).where(Candidate.id == candidate_id), viewer))
    if candidate is None:
        raise NotFound("求职者不存在", code="candidate_not_found")
    return candidate


def visible_post(session: Session, viewer: User, post_id: int) -> Post:
    post = session.scalar(posts(select(Post).where(Post.id == post_id), viewer))
    if post is None:
        raise NotFound("岗位不存在", code="post_not_found")
    return post


def township_label(session: Session, candidate_id: int) -> str | None:
    """One person's township (the same rule as the lists), for showing it."""
    return session.scalar(select(person_township()).where(Candidate.id == candidate_id))


LOOKUP_LIMIT = 50


def find_people(session: Session, viewer: User, name: str = "") -> list[tuple[Candidate, str | None]]:
    """The viewer's people (by name, when given) with their township, first LOOKUP_LIMIT by id:
    where township staff start an act for someone who came to the office."""
    query = select(Candidate, person_township()).order_by(Candidate.id).limit(LOOKUP_LIMIT)
    if name.strip():
        query = query.where(Candidate.name.contains(name.strip(), autoescape=True))
    return [(person, town) for person, town in session.execute(people(query, viewer))]


def post_list(session: Session, viewer: User) -> list[Post]:
    """The open posts the viewer's township holds (the bureau: all of them), newest first."""
    query = select(Post).where(Post.status == "open").order_by(Post.id.desc()).limit(200)
    return list(session.scalars(posts(query, viewer)))
