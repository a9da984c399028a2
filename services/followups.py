"""The monthly follow-up worklist （十四）: who is due this month, and recording each contact.

Followed: a person with a verified group the program follows (registered unemployed, hardship),
or a trainee whose traineeship ended without retention (留用), who is still unemployed on the
as-of date — not marked employed, and in no placement that has started by then and not ended (a
placement starting later keeps the person on the list until its start date; one that ended puts
them back). Due: followed, and no contact yet in the as-of date's
calendar month (policy.placements.followup_due, computed here in SQL so the page reads one page
of rows, not the whole district). The list is filtered by township (services.township_scope: of the
person's latest registration, else their first desired township), group and last contact, and
paged; a township account sees only its own township's people.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from models import Candidate, FollowUp, GroupClaim, Placement, User
from models.followup import CHANNELS, OUTCOMES
from policy.errors import Invalid
from policy.placements import load_program_params
from services import audit, township_scope

CHANNEL_LABELS = {"phone": "电话", "visit": "上门走访", "wechat": "微信", "other": "其他"}
OUTCOME_LABELS = {"employed": "已就业", "seeking": "仍在求职", "training": "参加培训",
                  "unreachable": "未联系上", "other": "其他"}
CONTACT_FILTERS = ("", "never", "over")  # any / never contacted / not contacted for over N days
PAGE_SIZE = 20  # a caseworker phones through a page; 50 rows of forms made the slowest page (86 KB)


@dataclass(frozen=True)
class Coverage:
    due: int
    contacted: int
    population: int

    @property
    def share(self) -> float:
        return self.contacted / self.population if self.population else 1.0


@dataclass(frozen=True)
class Filters:
    """What the bureau narrows the worklist to; empty strings mean "all"."""

    township: str = ""
    group: str = ""
    contact: str = ""
    days: int = 30  # with contact == "over": last contact more than this many days ago, or never


@dataclass(frozen=True)
class Row:
    person: Candidate
    last_contact: date | None
    township: str | None


@dataclass(frozen=True)
class Worklist:
    rows: list[Row]  # this page
    total: int  # due people matching the filters
    page: int
    pages: int
    coverage: Coverage  # the whole month, whatever the filters
    page_size: int = PAGE_SIZE

    @property
    def first(self) -> int:
        """The position (from 1) of this page's first row among all matching."""
        return (self.page - 1) * self.page_size + 1


def followed_groups() -> list[str]:
    groups: list[str] = load_program_params("followup")["groups"]
    return groups


def worklist(session: Session, as_of: date, filters: Filters = Filters(), page: int = 1,
             page_size: int = PAGE_SIZE, viewer: User | None = None) -> Worklist:
    """One page of the people due this month (with last contact and township), and coverage;
    a township account's (`viewer`) are its own township's, coverage included."""
    groups = followed_groups()
    if filters.group and filters.group not in groups:
        raise Invalid("请选择跟踪的人员类别", code="invalid_filter", fields={"group": "无效选项"})
    if filters.contact not in CONTACT_FILTERS or filters.days < 0:
        raise Invalid("请选择上次联系的条件", code="invalid_filter", fields={"contact": "无效选项"})
    last = (select(FollowUp.candidate_id, func.max(FollowUp.contacted_on).label("last"))
            .where(FollowUp.contacted_on <= as_of).group_by(FollowUp.candidate_id).subquery())
    township = township_scope.person_township()
    base = (select(Candidate.id).select_from(Candidate)
            .outerjoin(last, last.c.candidate_id == Candidate.id)
            .where(_followed(groups, as_of)))
    if viewer is not None:
        base = township_scope.people(base, viewer)
    is_due = or_(last.c.last.is_(None), last.c.last < as_of.replace(day=1))
    due = base.where(is_due)
    # Population and due in one pass over the followed people (the page's heaviest query).
    flagged = base.add_columns(case((is_due, 1), else_=0).label("due")).subquery()
    population, due_count = (int(n) for n in session.execute(
        select(func.count(), func.coalesce(func.sum(flagged.c.due), 0))).one())

    matching = due
    if filters.group:
        matching = matching.where(_verified_in([filters.group]))
    if filters.township:
        matching = matching.where(township == filters.township)
    if filters.contact == "never":
        matching = matching.where(last.c.last.is_(None))
    elif filters.contact == "over":
        matching = matching.where(or_(last.c.last.is_(None),
                                      last.c.last < as_of - timedelta(days=filters.days)))
    total = _count(session, matching) if matching is not due else due_count
    pages = max(1, -(-total // page_size))
    page = min(max(page, 1), pages)
    shown = session.execute(
        matching.with_only_columns(Candidate, last.c.last, township)
        .order_by(Candidate.id).limit(page_size).offset((page - 1) * page_size)
        .options(selectinload(Candidate.group_claims))
    ).all()
    rows = [Row(person, last_contact, town) for person, last_contact, town in shown]
    return Worklist(rows, total, page, pages, Coverage(due_count, population - due_count, population),
                    page_size)


def _verified_in(groups: list[str]) -> ColumnElement[bool]:
    return exists().where(GroupClaim.candidate_id == Candidate.id, GroupClaim.status == "verified",
                          GroupClaim.group.in_(groups))


def _followed(groups: list[str], as_of: date) -> ColumnElement[bool]:
    """Verified in a followed group, or a trainee the host did not retain (the national 2020
    就业见习 notice: 对未留用人员做好后续就业帮扶), and still unemployed on `as_of`."""
    working = exists().where(
        Placement.candidate_id == Candidate.id, Placement.start_date <= as_of,
        or_(Placement.ended_on.is_(None), Placement.ended_on > as_of))
    not_retained = exists().where(
        Placement.candidate_id == Candidate.id, Placement.kind == "trainee",
        Placement.retained.is_(False), Placement.ended_on <= as_of)
    return and_(or_(_verified_in(groups), not_retained), Candidate.employed.is_(False), ~working)


def _count(session: Session, query: Select[Any]) -> int:
    return session.scalar(select(func.count()).select_from(query.subquery())) or 0


def record_contact(
    session: Session, actor: User, candidate_id: int, contacted_on: date, channel: str,
    outcome: str, note: str, as_of: date,
) -> FollowUp:
    """The contact is the actor's: counted in their workload (services.workload)."""
    township_scope.visible_person(session, actor, candidate_id)
    if channel not in CHANNELS or outcome not in OUTCOMES:
        raise Invalid("请选择联系方式和结果", code="invalid_followup")
    if contacted_on > as_of:
        raise Invalid("联系日期不能晚于今天", code="followup_in_future",
                      fields={"contacted_on": "不能晚于今天"})
    contact = FollowUp(candidate_id=candidate_id, contacted_on=contacted_on, channel=channel,
                       outcome=outcome, note=note.strip()[:500], created_by_id=actor.id)
    session.add(contact)
    session.flush()
    audit.record(session, actor.id, "followup", "candidate", candidate_id, outcome=outcome,
                 contacted_on=contacted_on.isoformat())
    return contact
