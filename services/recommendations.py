"""Rankings with reasons: posts for a seeker ("为我推荐"), applicants and found candidates for a post.

What employers see of a person is decided here once: until the person applies, name and phone
are masked; the 身份证号 always is (only the person and an audited reveal by the bureau see it
whole — services.privacy); hardship, 低保 and poverty status are never shown to an employer —
neither as a group nor inside a reason (DESIGN: sensitive personal data, SENSITIVE_GROUPS).
"""

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from sqlalchemy import (
    CompoundSelect,
    Row,
    ScalarSelect,
    Select,
    String,
    bindparam,
    cast,
    func,
    literal_column,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from matcher import Matcher, Result
from models import Application, Candidate, GroupClaim, HiddenPost, Post, User
from models.candidate import ACTIVE_CLAIMS
from policy.codes import SENSITIVE_GROUPS
from policy.identifiers import mask_id_number, mask_name, mask_phone
from services import post_search
from services import posts as post_service
from services.applications import candidate_not_found, candidate_of, post_applications


@dataclass(frozen=True)
class CandidateCard:
    """A person as one viewer may see them."""

    id: int
    name: str
    phone: str
    id_number: str
    education: str
    major: str
    school: str
    groups: tuple[str, ...]
    revealed: bool
    pending: tuple[str, ...] = ()  # of `groups`, those the bureau has not verified (待核验)


@dataclass(frozen=True)
class Shown:
    """What a card reads of a person: taken from a loaded Candidate (`of`), or read as plain
    columns by recommend_candidates — ten people loaded as entities with their claims cost
    1.7 ms of a ranked list's 4.7 at 100,000 people."""

    id: int
    name: str
    phone: str
    id_number: str
    education: str
    major: str
    school: str
    claims: tuple[tuple[str, str], ...]  # (group, status), by group
    open_to_offers: bool

    @classmethod
    def of(cls, candidate: Candidate) -> "Shown":
        return cls(candidate.id, candidate.name, candidate.phone, candidate.id_number,
                   candidate.education, candidate.major, candidate.school,
                   tuple((c.group, c.status) for c in candidate.group_claims), candidate.open_to_offers)


def card(person: Candidate | Shown, revealed: bool, for_employer: bool) -> CandidateCard:
    shown = person if isinstance(person, Shown) else Shown.of(person)
    groups = tuple(group for group, status in shown.claims
                   if status in ACTIVE_CLAIMS and not (for_employer and group in SENSITIVE_GROUPS))
    if revealed:
        name, phone = shown.name, shown.phone
    else:
        name, phone = mask_name(shown.name), mask_phone(shown.phone)
    pending = tuple(group for group, status in shown.claims if status == "declared" and group in groups)
    return CandidateCard(shown.id, name, phone, mask_id_number(shown.id_number), shown.education,
                         shown.major, shown.school, groups, revealed, pending)


def _people_shown() -> Select:
    """A card's columns of some people, a row per claim (or one with no claim): one round trip
    and no entities. Built once: composing the statement cost more than running it."""
    return (select(Candidate.id, Candidate.name, Candidate.phone, Candidate.id_number_encrypted,
                   Candidate.education, Candidate.major, Candidate.school, Candidate.open_to_offers,
                   GroupClaim.group, GroupClaim.status)
            .outerjoin(GroupClaim, GroupClaim.candidate_id == Candidate.id)
            .where(Candidate.id.in_(bindparam("ids", expanding=True)))
            .order_by(Candidate.id, GroupClaim.group))


_PEOPLE_SHOWN = _people_shown()


def _shown(session: Session, candidate_ids: list[int]) -> dict[int, Shown]:
    rows = session.connection().execute(_PEOPLE_SHOWN, {"ids": candidate_ids}).all() if candidate_ids else []
    first: dict[int, Row] = {}
    claims: dict[int, list[tuple[str, str]]] = {}
    for row in rows:
        first.setdefault(row.id, row)
        if row.group is not None:
            claims.setdefault(row.id, []).append((row.group, row.status))
    return {person_id: Shown(person_id, row.name, row.phone,
                             Candidate.open_id_number(row.id_number_encrypted), row.education,
                             row.major, row.school, tuple(claims.get(person_id, ())), row.open_to_offers)
            for person_id, row in first.items()}


class Standing(NamedTuple):
    """A seeker's profile id and the posts their recommendations leave out (those they hid or
    applied to), read with their user row (`with_standing`)."""

    profile_id: int
    acted_on: tuple[int, ...]

    @classmethod
    def of(cls, row: Row) -> "Standing | None":
        """From a row of `with_standing`: None for a user with no profile (not a seeker)."""
        profile_id, hidden, applied = row[-3:]
        if profile_id is None:
            return None
        return cls(profile_id, tuple(int(post) for posts in (hidden, applied) if posts
                                     for post in posts.split(",")))


def _acted_on(table: type[HiddenPost] | type[Application]) -> ScalarSelect[str]:
    # The separator as SQL text: given as a str it is a parameter rendered into the statement
    # on every execution, which the compiled-statement cache cannot keep.
    return (select(func.aggregate_strings(cast(table.post_id, String), literal_column("','")))
            .where(table.candidate_id == Candidate.id).scalar_subquery())


def with_standing(users: Select) -> Select:
    """`users`, a select of User, with three more columns that `Standing.of` reads: the user's
    profile id and the posts they acted on (NULL for a user with no profile). Read in the
    user's own statement (web.security), a seeker's recommendations need no query before the
    ranking: a query of their own cost, under load, 0.1 and 0.17 of the recommendations' rate
    against /healthz (SQLite, PostgreSQL), far beyond its in-process time."""
    return (users.add_columns(Candidate.id, _acted_on(HiddenPost), _acted_on(Application))
            .outerjoin(Candidate, Candidate.user_id == User.id))


def recommend_posts(
    index: Matcher, visible: post_search.Listing, standing: Standing | None, today: date, top: int = 10,
) -> list[Result]:
    """The `visible` posts the seeker of `standing` may take, best first, minus those hidden or
    applied to (each result's id is the post's); the caller loads the posts it shows
    (services.post_search.posts_by_id)."""
    if standing is None:
        raise candidate_not_found()
    if not index.has_candidate(str(standing.profile_id)):
        return []
    excluded = [str(post_id) for post_id in standing.acted_on]
    return [r for r in index.rank_posts(str(standing.profile_id), today, top=top,
                                        allowed=index.post_mask(visible.docs), exclude=excluded)
            if r.score > 0]


def hide_post(session: Session, user: User, post_id: int) -> None:
    """不感兴趣: the post leaves this seeker's recommendations (idempotent)."""
    candidate = candidate_of(session, user)
    post_search.get_public_post(session, post_id)
    if session.get(HiddenPost, (candidate.id, post_id)) is None:
        session.add(HiddenPost(candidate_id=candidate.id, post_id=post_id))
        session.flush()


@dataclass(frozen=True)
class RankedApplicant:
    application: Application
    card: CandidateCard
    why: list[str]  # what fits, worded for the reader
    score: float | None  # None: not ranked (not eligible, or the post is closed)
    misses: list[str] = field(default_factory=list)  # what does not fit
    fit: str = ""  # the level of fit (matcher/ordering.py), "" when not ranked


def rank_applicants(
    session: Session, index: Matcher, actor: User, post_id: int, today: date
) -> list[RankedApplicant]:
    """Every applicant of the post: the eligible ones ranked, then the others with why not."""
    applications = post_applications(session, actor, post_id)
    for_employer = actor.role == "employer"
    doc = str(post_id)
    by_candidate = {str(a.candidate_id): a for a in applications}
    ranked: list[RankedApplicant] = []
    if index.has_post(doc) and applications:
        for result in index.rank_candidates(doc, today, top=len(applications),
                                            candidate_ids=list(by_candidate), served_first=not for_employer):
            application = by_candidate.pop(result.id)
            ranked.append(RankedApplicant(application, card(application.candidate, True, for_employer),
                                          _why(result, for_employer), result.score,
                                          _why(result, for_employer, False), result.fit))
    for cid, application in by_candidate.items():
        why: list[str] = []
        misses: list[str] = []
        if index.has_post(doc) and index.has_candidate(cid):
            explained = index.explain(doc, cid, today)
            why, misses = _why(explained, for_employer), _why(explained, for_employer, False)
        ranked.append(RankedApplicant(application, card(application.candidate, True, for_employer),
                                      why, None, misses))
    return ranked


@dataclass(frozen=True)
class RecommendedPerson:
    card: CandidateCard
    why: list[str]  # what fits, worded for the reader: an employer never reads a sensitive group
    score: float
    misses: list[str] = field(default_factory=list)  # what does not fit
    fit: str = ""  # the level of fit (matcher/ordering.py)


def _owner_and_applicants() -> CompoundSelect:
    """The post's employer (candidate NULL), then the people who applied to it: one round
    trip. Built once, like _PEOPLE_SHOWN."""
    post_id = bindparam("post_id")
    return union_all(
        select(Post.employer_id, null()).where(Post.id == post_id),
        select(null(), Application.candidate_id).where(Application.post_id == post_id),
    )


_OWNER_AND_APPLICANTS = _owner_and_applicants()


def recommend_candidates(
    session: Session, index: Matcher, actor: User, post_id: int, today: date, top: int = 10
) -> list[RecommendedPerson]:
    """People who may take the post and have not applied, best first, masked: for an employer
    only seekers open to offers, for the bureau everyone.

    Who is left out is a mask the index keeps (open to offers, a column kept current by the
    change log) plus the post's own applicants, read with the post's owner in one query:
    nothing per request grows with the number of people registered (issue 14). The people
    shown are read from the database, which has the last word on being open to offers
    (another worker's change reaches this worker's index within its refresh interval)."""
    rows = session.connection().execute(_OWNER_AND_APPLICANTS, {"post_id": post_id}).all()
    post_service.may_manage(actor, next((owner for owner, applicant in rows if applicant is None), None))
    doc = str(post_id)
    if not index.has_post(doc):
        return []
    for_employer = actor.role == "employer"
    applied = [str(applicant) for _, applicant in rows if applicant is not None]
    results = index.rank_candidates(doc, today, top=top, served_first=not for_employer,
                                    open_only=for_employer, exclude=applied)
    people = _shown(session, [int(r.id) for r in results])
    return [RecommendedPerson(card(person, False, for_employer), _why(r, for_employer), r.score,
                              _why(r, for_employer, False), r.fit)
            for r in results if (person := people.get(int(r.id))) is not None
            and (person.open_to_offers or not for_employer)]


def _why(result: Result, for_employer: bool, fits: bool = True) -> list[str]:
    """What fits (or, `fits=False`, what does not) as this reader may see it: employers get the
    matcher's neutral wording of any reason that names a person's group
    (policy.codes.SENSITIVE_GROUPS)."""
    return result.why_for("employer" if for_employer else "bureau", fits)
