"""（十五） employment monitoring: registered unemployed by township, group and month.

Everything is read from the registration history (services.registrations): a confirmed
registration runs from `registered_on` through `ended_on`. For each month:
- 新增 (new): registrations the bureau accepted with a date in the month;
- 退出 (exits): registrations that ended in the month, by reason (就业, 注销);
- 月末登记失业 (registered at month end): registrations running after the month's last day
  closed, so stock(m) = stock(m-1) + new(m) - exits(m): someone whose registration ended on
  the last day has left by the month's end.
Groups (就业困难人员, 高校毕业生 …) are counted among those registered at month end, as the
claims stood then: verified before the month closed (in the district's time, UTC+8) and not
withdrawn by then — a claim verified later does not change a month already past. A verified
claim without a decision time came from the bureau's own registry (import, demo) and counts
in every month.

All counting is GROUP BY in the database: new registrations and exits grouped by their
month in one pass each, the month-end count as the count running when the window opens plus
the flows since, and the groups over a small table of the months shown. The work in Python
grows with months × townships × groups, never with the number of people.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import (
    Date,
    DateTime,
    Integer,
    and_,
    cast,
    extract,
    func,
    literal,
    literal_column,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session

from models import GroupClaim, UnemploymentRegistration
from policy.codes import GROUP_LABELS, TOWNSHIPS
from policy.monitoring import SurgeRule, surge_rule
from services import policy_settings
from services.unemployment import REGISTERED_GROUP

DISTRICT_OFFSET = timedelta(hours=8)  # 长乐区: China Standard Time, no daylight saving
EARLIEST_YEAR = 1900
NO_TOWNSHIP = "未登记乡镇"  # a registry row imported without one


@dataclass(frozen=True)
class Month:
    first: date
    last: date

    @property
    def label(self) -> str:
        return f"{self.first.year}-{self.first.month:02d}"

    @property
    def key(self) -> int:
        """The month as the database groups it (services.monitoring._month_key)."""
        return self.first.year * 12 + self.first.month - 1

    @property
    def closes_at(self) -> datetime:
        """The UTC moment the month ends in the district (its next month's first 00:00)."""
        return datetime.combine(self.last + timedelta(days=1), time(), UTC) - DISTRICT_OFFSET


@dataclass(frozen=True)
class Cell:
    """One township (or the district) in one month."""

    new: int = 0
    exits_employed: int = 0
    exits_cancelled: int = 0
    registered: int = 0  # at month end
    baseline: float = 0.0  # mean new registrations of the rule's previous months
    surge: bool = False

    @property
    def exits(self) -> int:
        return self.exits_employed + self.exits_cancelled


@dataclass(frozen=True)
class Monitoring:
    months: list[Month]  # oldest first; the last may still be running (`through`)
    through: date
    rule: SurgeRule
    townships: dict[str, list[Cell]]  # one cell per month, every township
    district: list[Cell]
    groups: dict[str, list[int]]  # group code -> registered at each month end

    def flagged(self) -> list[tuple[str, Month, Cell]]:
        """Township months the rule flags, latest first."""
        found = [(name, month, cell) for name, cells in self.townships.items()
                 for month, cell in zip(self.months, cells, strict=True) if cell.surge]
        return sorted(found, key=lambda f: (f[1].first, f[0]), reverse=True)


def month_of(day: date) -> Month:
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return Month(first, following - timedelta(days=1))


def through_month(text: str | None, today: date) -> date:
    """The last day to show for a month asked as "YYYY-MM": its end, never after `today`;
    no month, one that does not exist or one before 1900, reads as `today`."""
    try:
        year, month = (int(part) for part in (text or "").split("-"))
        first = date(year, month, 1)
    except ValueError:
        return today
    if first > today or year < EARLIEST_YEAR:  # the months before it must exist too
        return today
    return min(month_of(first).last, today)


def months_until(day: date, count: int) -> list[Month]:
    """`count` calendar months ending with the one holding `day`, oldest first."""
    months = [month_of(day)]
    while len(months) < count:
        months.insert(0, month_of(months[0].first - timedelta(days=1)))
    return months


def monitor(session: Session, through: date, count: int = 12, township: str | None = None,
            rule: SurgeRule | None = None) -> Monitoring:
    """The `count` months through `through`; `township` narrows the group counts to one."""
    rule = rule or surge_rule(policy_settings.current(session), through)
    lead = rule.baseline_months.value
    months = months_until(through, count + lead)
    new, exits, stock = _flows(session, months)
    names = list(TOWNSHIPS) + sorted({t for t, _ in (*new, *exits, *stock)} - set(TOWNSHIPS))
    shown = months[lead:]

    def cells(keys: list[str]) -> list[Cell]:
        news = [sum(new.get((k, m.key), 0) for k in keys) for m in months]
        return [Cell(new=news[i + lead],
                     exits_employed=sum(exits.get((k, m.key), {}).get("employed", 0) for k in keys),
                     exits_cancelled=sum(exits.get((k, m.key), {}).get("cancelled", 0) for k in keys),
                     registered=sum(stock.get((k, m.key), 0) for k in keys),
                     baseline=rule.baseline(news[:i + lead]),
                     surge=rule.flags(news[i + lead], news[:i + lead]))
                for i, m in enumerate(shown)]

    return Monitoring(
        months=shown, through=through, rule=rule,
        townships={name or NO_TOWNSHIP: cells([name]) for name in names},
        district=[_district(c) for c in cells(names)],
        groups=_groups(session, _months_table(shown), shown, township),
    )


def _district(cell: Cell) -> Cell:
    """The district's figures; the surge rule is for townships (a district-wide jump shows in
    its townships), so the district row is never flagged itself."""
    return Cell(cell.new, cell.exits_employed, cell.exits_cancelled, cell.registered,
                cell.baseline, surge=False)


def _months_table(months: list[Month]):
    """The months as rows (first day, last day, closing moment) for the database to join."""
    rows = [select(type_coerce(literal(m.first), Date).label("first"),
                   type_coerce(literal(m.last), Date).label("last"),
                   type_coerce(literal(m.closes_at), DateTime(timezone=True)).label("closes"))
            for m in months]
    return union_all(*rows).subquery("months")


def _flows(session: Session, months: list[Month]) -> tuple[dict, dict, dict]:
    """(township, month) -> new; -> {reason: exits}; -> registered at month end.

    New and exits are grouped by the month of their date in one pass each; the month-end
    count is the count running when the window opens plus the flows since, so no query
    pairs every month with every registration."""
    r = UnemploymentRegistration
    confirmed, first, last = r.status == "confirmed", months[0].first, months[-1].last
    new = {(t, k): n for t, k, n in session.execute(
        select(r.township, _month_key(r.registered_on), func.count(r.id))
        .where(confirmed, r.registered_on >= first, r.registered_on <= last)
        .group_by(r.township, _month_key(r.registered_on)))}
    exits: dict = {}
    for township, key, reason, n in session.execute(
            select(r.township, _month_key(r.ended_on), r.end_reason, func.count(r.id))
            .where(confirmed, r.ended_on >= first, r.ended_on <= last)
            .group_by(r.township, _month_key(r.ended_on), r.end_reason)):
        exits.setdefault((township, key), {})[reason] = n
    running = dict(session.execute(
        select(r.township, func.count(r.id))
        .where(confirmed, r.registered_on < first, or_(r.ended_on.is_(None), r.ended_on >= first))
        .group_by(r.township)).all())
    stock = {}
    for township in {t for t, _ in (*new, *exits)} | set(running):
        count = running.get(township, 0)
        for month in months:
            key = (township, month.key)
            count += new.get(key, 0) - sum(exits.get(key, {}).values())
            stock[key] = count
    return new, exits, stock


def _month_key(column):
    """A date's month as one integer (year × 12 + month − 1), in SQLite and PostgreSQL alike.
    The constants are SQL text, not parameters, so GROUP BY repeats the selected expression."""
    year, month = cast(extract("year", column), Integer), cast(extract("month", column), Integer)
    return year * literal_column("12") + month - literal_column("1")


def _running_at_end(m) -> list:
    r = UnemploymentRegistration
    return [r.registered_on <= m.c.last, or_(r.ended_on.is_(None), r.ended_on > m.c.last)]


def _groups(session: Session, m, months: list[Month], township: str | None) -> dict[str, list[int]]:
    """Registered at each month end, per group claimed as it stood at that month end."""
    r, c = UnemploymentRegistration, GroupClaim
    held = or_(and_(c.status == "verified", or_(c.decided_at.is_(None), c.decided_at < m.c.closes)),
               and_(c.status == "withdrawn", c.decided_at < m.c.closes, c.withdrawn_at >= m.c.closes))
    query = (select(c.group, m.c.first, func.count(func.distinct(r.candidate_id))).select_from(m)
             .join(r, and_(r.status == "confirmed", *_running_at_end(m)))
             .join(c, and_(c.candidate_id == r.candidate_id, c.group != REGISTERED_GROUP, held))
             .group_by(c.group, m.c.first))
    if township is not None:
        query = query.where(r.township == township)
    counts = {(g, _day(f)): n for g, f, n in session.execute(query)}
    return {group: [counts.get((group, month.first), 0) for month in months]
            for group in GROUP_LABELS if group != REGISTERED_GROUP}


def _day(value) -> date:
    """A month's first day as the database gives it back (SQLite: ISO text)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
