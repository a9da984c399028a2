"""The bureau's monitoring figures （十五）: fill by program, over time, and by dimension.

Placements count as "placed" whether or not they have ended: the figure reported upward
is people placed against the year's target. Posts count only when their employer is verified.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from models import Employer, GroupClaim, Placement, Post, QuotaProgram
from policy import graduate_posts
from policy.codes import GROUP_LABELS, POST_KIND_LABELS, TOWNSHIPS
from policy.graduate_posts import Share

PACE_WEEKS = 4
SOE_GRADUATE_SHARE = graduate_posts.params()["min_percent"] / 100  # （七）


@dataclass(frozen=True)
class WeekPoint:
    week_start: date
    placed_total: int


@dataclass(frozen=True)
class Trend:
    program_id: int
    target: int
    points: list[WeekPoint]
    weekly_pace: float
    projected_completion: date | None
    # A floor （七） is reached by people placed, so the chart projects its completion; a cap （六）
    # bounds posts offered, not people (a refilled post is the same post): nothing to project.
    floor: bool = True


@dataclass(frozen=True)
class Breakdown:
    title: str
    rows: list[tuple[str, int, int]]  # label, slots offered, placed
    # Posts are offered by township, industry, employer and kind, never to a group of people:
    # the group breakdown has people placed only (its slots column is always 0).
    offers_slots: bool = True


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def program_trend(session: Session, program: QuotaProgram, today: date) -> Trend:
    """Cumulative placements by week, and when the target falls at the last weeks' pace."""
    starts = sorted(session.scalars(
        select(Placement.start_date).where(Placement.program_id == program.id)))
    weekly = Counter(week_start(d) for d in starts)
    points, total = [], 0
    week = week_start(min([program.start_date, *starts]))
    last = week_start(today)
    while week <= last:
        total += weekly.get(week, 0)
        points.append(WeekPoint(week, total))
        week += timedelta(days=7)
    cutoff = last - timedelta(weeks=PACE_WEEKS)
    before = next((p.placed_total for p in reversed(points) if p.week_start <= cutoff), 0)
    pace = (total - before) / PACE_WEEKS
    projected = None
    if program.target_rule != "floor":
        return Trend(program.id, program.target, points, pace, None, floor=False)
    if total >= program.target:
        projected = next(p.week_start for p in points if p.placed_total >= program.target)
    elif pace > 0:
        projected = today + timedelta(weeks=(program.target - total) / pace)
    return Trend(program.id, program.target, points, pace, projected)


def program_trends(session: Session, today: date) -> list[tuple[QuotaProgram, Trend]]:
    """Every program's trend, in the order the programs started."""
    programs = session.scalars(select(QuotaProgram).order_by(QuotaProgram.start_date, QuotaProgram.id))
    return [(program, program_trend(session, program, today)) for program in programs]


def breakdowns(session: Session, program_id: int | None = None) -> list[Breakdown]:
    """Slots offered and people placed by township, industry, employer, kind and group,
    counted by GROUP BY in the database. Every township has a row, zeros included."""
    verified = Employer.verified_at.is_not(None)
    placed_in = [*_in_program(Placement, program_id), *_in_program(Post, program_id)]
    dimensions = {
        "按乡镇（街道）": Post.township,
        "按行业": Post.industry,
        "按用人单位": Employer.name,
        "按岗位类型": Post.kind,
    }
    result = []
    for title, column in dimensions.items():
        slots = dict(session.execute(
            select(column, func.sum(Post.slots)).join(Employer, Employer.id == Post.employer_id)
            .where(verified, *_in_program(Post, program_id)).group_by(column)).all())
        placed = dict(session.execute(
            select(column, func.count(Placement.id)).join(Post, Post.id == Placement.post_id)
            .join(Employer, Employer.id == Post.employer_id)
            .where(verified, *placed_in).group_by(column)).all())
        if column is Post.township:
            slots = {**dict.fromkeys(TOWNSHIPS, 0), **slots}
        label = POST_KIND_LABELS.get if column is Post.kind else str
        rows = sorted(((label(key), int(slots[key]), placed.get(key, 0)) for key in slots),
                      key=lambda row: (-row[2], -row[1], row[0]))
        result.append(Breakdown(title, rows))
    result.append(_by_group(session, program_id))
    return result


def _in_program(model, program_id: int | None) -> list:
    return [model.program_id == program_id] if program_id else []


def _by_group(session: Session, program_id: int | None) -> Breakdown:
    """People placed per verified group; a person in two groups counts in both. A group whose
    consent was withdrawn after the placement still counts for it (services.consent)."""
    c = GroupClaim
    held = or_(c.status == "verified",
               and_(c.status == "withdrawn", c.decided_at.is_not(None),
                    c.withdrawn_at > Placement.created_at))
    placed = session.execute(
        select(c.group, func.count(Placement.id))
        .join(c, and_(c.candidate_id == Placement.candidate_id, held))
        .where(*_in_program(Placement, program_id)).group_by(c.group)).all()
    rows = sorted(((GROUP_LABELS[group], 0, n) for group, n in placed), key=lambda r: (-r[2], r[0]))
    return Breakdown("按人员类别", rows, offers_slots=False)


def soe_graduate_shares(session: Session, since: date, until: date) -> list[Share]:
    """（七）: each verified SOE's slots of new regular posts opened in the period, how many
    are reserved for 应届高校毕业生, and how many people were placed into those reserved slots
    (each checked to be one when placed, services.placements). Trainee and public-welfare
    slots are not new posts of the firm and are left out."""
    kinds = graduate_posts.params()["post_kinds"]
    rows = session.execute(
        select(Employer.name, Post.id, Post.slots, Post.reserved_for_graduates)
        .join(Post, Post.employer_id == Employer.id)
        .where(Employer.ownership.in_(graduate_posts.params()["ownerships"]),
               Employer.verified_at.is_not(None), Post.kind.in_(kinds),
               Post.open_date >= since, Post.open_date <= until)
    ).all()
    slots, reserved, owner_of = Counter(), Counter(), {}
    for name, post_id, post_slots, is_reserved in rows:
        slots[name] += post_slots
        if is_reserved:
            reserved[name] += post_slots
            owner_of[post_id] = name
    hired = Counter(owner_of[post_id] for post_id in session.scalars(
        select(Placement.post_id).where(Placement.post_id.in_(list(owner_of)))))
    shares = [Share(name, slots[name], reserved[name], hired[name]) for name in slots]
    return sorted(shares, key=lambda s: (s.share, s.employer))
