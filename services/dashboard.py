"""The bureau's monitoring figures （十五）: fill by program, over time, and by dimension.

Placements count as "placed" whether or not they have ended: the figure reported upward
is people placed against the year's target. Posts count only when their employer is verified.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Employer, GroupClaim, Placement, Post, QuotaProgram
from policy import graduate_posts
from policy.codes import GROUP_LABELS, POST_KIND_LABELS
from policy.graduate_posts import Share
from services.consent import claimed_before

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
    """Slots offered and people placed by township, industry, employer, kind and group."""
    posts = session.execute(
        select(Post.id, Post.township, Post.industry, Post.kind, Post.slots, Employer.name)
        .join(Employer, Employer.id == Post.employer_id)
        .where(Employer.verified_at.is_not(None), *_in_program(Post, program_id))
    ).all()
    placements = session.execute(
        select(Placement.post_id, Placement.candidate_id, Placement.created_at)
        .where(*_in_program(Placement, program_id))
    ).all()
    by_post = {p.id: p for p in posts}
    dimensions = {
        "按乡镇（街道）": lambda p: p.township,
        "按行业": lambda p: p.industry,
        "按用人单位": lambda p: p.name,
        "按岗位类型": lambda p: POST_KIND_LABELS[p.kind],
    }
    result = []
    for title, key in dimensions.items():
        slots, placed = Counter(), Counter()
        for post in posts:
            slots[key(post)] += post.slots
        for post_id, _, _ in placements:
            if post_id in by_post:
                placed[key(by_post[post_id])] += 1
        rows = sorted(((label, slots[label], placed[label]) for label in slots),
                      key=lambda row: (-row[2], -row[1], row[0]))
        result.append(Breakdown(title, rows))
    result.append(_by_group(session, [(c, at) for _, c, at in placements]))
    return result


def _in_program(model, program_id: int | None) -> list:
    return [model.program_id == program_id] if program_id else []


def _by_group(session: Session, placed_people: list[tuple[int, datetime]]) -> Breakdown:
    """People placed per verified group; a person in two groups counts in both. A group whose
    consent was withdrawn after the placement still counts for it (services.consent)."""
    placed = Counter()
    if placed_people:
        claims = session.scalars(
            select(GroupClaim)
            .where(GroupClaim.status.in_(("verified", "withdrawn")),
                   GroupClaim.candidate_id.in_({c for c, _ in placed_people}))
        ).all()
        claims_of: dict[int, list[GroupClaim]] = {}
        for claim in claims:
            claims_of.setdefault(claim.candidate_id, []).append(claim)
        for candidate_id, placed_at in placed_people:
            for claim in claims_of.get(candidate_id, ()):
                if claimed_before(claim, placed_at):
                    placed[GROUP_LABELS[claim.group]] += 1
    rows = sorted(((label, 0, n) for label, n in placed.items()), key=lambda r: (-r[2], r[0]))
    return Breakdown("按人员类别", rows)


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
