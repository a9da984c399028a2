"""Who may take which kind of post, as DESIGN.md's table reads the seed （六）（七）（八）, the
national 2020 就业见习 notice (trainees) and the bureau's rule (public-welfare groups).

Everything is a pure function of a `CandidateFacts`, a post's kind and minimum education, and an
as-of date, so the matcher, the services and the tests ask the same question the same way. The
numbers a district or a year would change (2 years, ages 16–24, the groups) live in
`policy/data/eligibility.json`.

Boundary semantics, chosen once here:
- "毕业2年以内" is inclusive: a graduate is still within two years on the second anniversary of
  the graduation date, and not on the day after. Chinese regulations read "以内" as including the
  bound: the national notice's "离校2年内" ends on that anniversary.
- Ages are whole years (周岁) and grow on the birthday itself; someone born on 29 February grows a
  year on 1 March in a common year. "16至24周岁" therefore accepts the day of the 16th birthday
  through the day before the 25th.
- Whole months of unemployment (（十）: "失业6个月以上") are counted the same way: one month after
  31 August is 30 September, after 31 January the last day of February.

Two kinds of "优先", never filters: `priority()` (the most recent graduates for trainee posts),
which the matcher multiplies by its own weight for every reader, and `served_first()` (the
groups the bureau serves first), which orders people within a level of fit in the bureau's lists
only (matcher/ordering.py): it names sensitive groups, so no employer's order may depend on it.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any, Protocol

from policy.codes import EDUCATION_LABELS, GROUP_LABELS, POST_KINDS, education_rank
from policy.sources import basis, cite

_CLAUSE_NUMERALS = "一二三四五六七八九十"


class Person(Protocol):
    """Whatever describes a person with these fields: a database row, an interchange record."""

    @property
    def education(self) -> str: ...
    @property
    def school(self) -> str: ...
    @property
    def birth_date(self) -> date | None: ...
    @property
    def graduation_date(self) -> date | None: ...
    @property
    def unemployed_since(self) -> date | None: ...
    @property
    def employed(self) -> bool: ...


@dataclass(frozen=True)
class CandidateFacts:
    """The facts about a person that the rules read; built from a profile or a database row."""

    education: str
    school: str = ""
    birth_date: date | None = None
    graduation_date: date | None = None
    groups: frozenset[str] = frozenset()
    unemployed_since: date | None = None
    employed: bool = False

    @classmethod
    def of(cls, person: Person, groups: Iterable[str]) -> CandidateFacts:
        """The one way a person's record becomes facts; `groups` are the caller's choice
        (declared ones for ranking, verified ones for a placement)."""
        return cls(
            education=person.education,
            school=person.school,
            birth_date=person.birth_date,
            graduation_date=person.graduation_date,
            groups=frozenset(groups),
            unemployed_since=person.unemployed_since,
            employed=person.employed,
        )


@dataclass(frozen=True)
class Reason:
    """One rule's verdict, worded for people; `clause` points into the seed, e.g. "（七）"."""

    code: str
    message: str
    clause: str | None
    passed: bool


@dataclass(frozen=True)
class Decision:
    """Whether a candidate may take a post, and every rule that decided it."""

    eligible: bool
    reasons: list[Reason] = field(default_factory=list)


@dataclass(frozen=True)
class Priority:
    """How strongly the seed asks to serve this candidate first for a kind of post, in [0, 1]."""

    score: float
    reasons: list[Reason] = field(default_factory=list)


@cache
def rules() -> dict[str, Any]:
    """The rule parameters of `policy/data/eligibility.json`, read once."""
    text = resources.files("policy").joinpath("data/eligibility.json").read_text("utf-8")
    parsed: dict[str, Any] = json.loads(text)
    return parsed


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (31 Aug + 1 → 30 Sep)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def age_on(birth_date: date, as_of: date) -> int:
    """Whole years (周岁) on `as_of`; the age grows on the birthday itself."""
    before_birthday = (as_of.month, as_of.day) < (birth_date.month, birth_date.day)
    return as_of.year - birth_date.year - int(before_birthday)


def unemployed_months(unemployed_since: date | None, as_of: date) -> int:
    """Whole months of unemployment on `as_of` (（十）: hiring someone unemployed over 6 months).

    Since 1 March, 1 September is exactly 6 months. None (not unemployed) and future dates give 0.
    """
    if unemployed_since is None or unemployed_since > as_of:
        return 0
    months = (as_of.year - unemployed_since.year) * 12 + as_of.month - unemployed_since.month
    if add_months(unemployed_since, months) > as_of:
        months -= 1
    return months


def is_long_term_unemployed(unemployed_since: date | None, as_of: date) -> bool:
    """（十）: registered unemployed for at least the data file's months (6) on `as_of`."""
    return unemployed_months(unemployed_since, as_of) >= int(rules()["long_term_unemployed_months"])


def check(post_kind: str, education_min: str, candidate: CandidateFacts, as_of: date) -> Decision:
    """May `candidate` take a post of `post_kind` requiring `education_min`, on `as_of`?

    Every kind requires the education minimum; trainee and public-welfare posts add their
    clause's rule. All reasons are returned, passed or not, so a refusal can be explained.
    """
    if post_kind not in POST_KINDS:
        raise ValueError(f"unknown post kind: {post_kind!r}")
    reasons = [_education(education_min, candidate.education)]
    if post_kind == "trainee":
        reasons += _trainee(candidate, as_of)
    elif post_kind == "public_welfare":
        reasons += _public_welfare(candidate)
    kind_ok = post_kind == "regular" or any(r.passed for r in reasons[1:])
    return Decision(eligible=reasons[0].passed and kind_ok, reasons=reasons)


def served_first(post_kind: str, candidate: CandidateFacts) -> Priority:
    """The groups the bureau serves first on a kind of post: 1.0 for them, 0 otherwise.

    Public welfare: 就业困难人员 (《就业促进法》第五十三条), 低保家庭 (（八）), 脱贫/低收入 (（六）).
    Regular posts (the bureau recommending people to employers resuming work): 低保家庭劳动力
    (（八）). Trainee posts: none. Each reason cites the source kept beside the group in
    eligibility.json. Eligibility is not checked here.
    """
    params = rules().get(post_kind, {})
    first = [g for g in params.get("priority_groups", ()) if g in candidate.groups]
    if not first:
        return Priority(0.0)
    sources = [params["priority_sources"][g] for g in first]
    clauses = sorted({s["clause"] for s in sources if "clause" in s}, key=_clause_order)
    names = "、".join(GROUP_LABELS[g] for g in first)
    message = f"优先安排：{names}{basis('、'.join(priority_source(g, post_kind) for g in first))}"
    return Priority(1.0, [Reason("priority.group", message, clauses[0] if clauses else None, True)])


def priority(post_kind: str, candidate: CandidateFacts, as_of: date) -> Priority:
    """The seed's "优先" that every reader's order may use: trainee posts favour the most recent
    graduates, 1.0 on graduation day falling to 0 at the end of the window; 0 otherwise.
    Eligibility is not checked here: call `check` first.
    """
    graduated = candidate.graduation_date
    if post_kind == "trainee" and graduated is not None and graduated_within(candidate, as_of):
        window = trainee_window_end(graduated)
        span = (window - graduated).days
        score = (window - as_of).days / span
        if score <= 0.0:
            return Priority(0.0)
        message = f"{graduated.year}年{graduated.month}月离校，近期毕业生优先"
        return Priority(score, [Reason("priority.recent_graduate", message, None, True)])
    return Priority(0.0)


def priority_source(group: str, post_kind: str = "public_welfare") -> str:
    """Where a priority group of a kind of post is written: the seed's words, or a national law."""
    source = rules()[post_kind]["priority_sources"][group]
    return cite(source["words"], source["clause"]) if "clause" in source else str(source["national"])


def _clause_order(clause: str) -> int:
    return _CLAUSE_NUMERALS.find(clause.strip("（）()"))


def _education(education_min: str, education: str) -> Reason:
    have, need = education_rank(education), education_rank(education_min)
    have_label, need_label = EDUCATION_LABELS[education], EDUCATION_LABELS[education_min]
    if need == 0:
        return Reason("education", "学历不限", None, True)
    if have >= need:
        return Reason("education", f"学历满足：{have_label} ≥ {need_label}", None, True)
    return Reason("education", f"学历不足：{have_label} < {need_label}", None, False)


def is_graduate(candidate: CandidateFacts) -> bool:
    """A college or university graduate, or a technician college's (not 中专/技校)."""
    params = rules()["trainee"]
    rank = education_rank(candidate.education)
    if rank >= education_rank(params["graduate_min_education"]):
        return True
    return (
        candidate.education == params["technician_college_education"]
        and params["technician_college_marker"] in candidate.school
    )


def trainee_window_end(graduation_date: date) -> date:
    """The last day a graduate may start a trainee post: the 2nd anniversary, inclusive
    (the national notice's 离校2年内)."""
    return add_years(graduation_date, rules()["trainee"]["graduated_within_years"])


def graduated_within(candidate: CandidateFacts, as_of: date) -> bool:
    """Graduated on or before `as_of`, and `as_of` is at most the 2nd anniversary (inclusive)."""
    graduated = candidate.graduation_date
    if graduated is None or graduated > as_of or not is_graduate(candidate):
        return False
    return as_of <= trainee_window_end(graduated)


def _trainee(candidate: CandidateFacts, as_of: date) -> list[Reason]:
    """The national 2020 notice (not the seed): a recent graduate not yet employed, or a
    registered-unemployed youth of 16–24. Its reasons cite the notice, so they carry no clause."""
    params = rules()["trainee"]
    clause, cited = None, params["source"]
    years = params["graduated_within_years"]
    low, high = params["youth_age_min"], params["youth_age_max"]
    reasons = []
    graduate = is_graduate(candidate)
    if not graduate:
        if candidate.education == params["technician_college_education"]:
            message = f"中专/技校毕业（非技师学院），不属于高校毕业生（{cited}）"
        else:
            message = f"非高校毕业生（{cited}）"
        reasons.append(Reason("trainee.graduate", message, clause, False))
    elif candidate.graduation_date is None or candidate.graduation_date > as_of:
        reasons.append(Reason("trainee.graduate", f"尚未离校，不能参加就业见习（{cited}）", clause, False))
    elif not graduated_within(candidate, as_of):
        message = f"离校已超过{_years_zh(years)}年，不符合就业见习条件（{cited}）"
        reasons.append(Reason("trainee.graduate", message, clause, False))
    elif candidate.employed:
        reasons.append(Reason("trainee.graduate", f"已就业，不符合就业见习条件（{cited}）", clause, False))
    else:
        message = f"离校未满{_years_zh(years)}年，可参加就业见习（{cited}）"
        reasons.append(Reason("trainee.graduate", message, clause, True))
        return reasons
    youth = f"{low}至{high}周岁登记失业青年"
    if params["youth_group"] not in candidate.groups:
        return reasons
    if candidate.birth_date is None:
        message = f"缺少出生日期，无法认定为{youth}（{cited}）"
        reasons.append(Reason("trainee.youth", message, clause, False))
    elif low <= age_on(candidate.birth_date, as_of) <= high:
        reasons.append(Reason("trainee.youth", f"{youth}，可参加就业见习（{cited}）", clause, True))
    else:
        age = age_on(candidate.birth_date, as_of)
        message = f"登记失业但年龄{age}周岁，不在{low}至{high}周岁（{cited}）"
        reasons.append(Reason("trainee.youth", message, clause, False))
    return reasons


def _public_welfare(candidate: CandidateFacts) -> list[Reason]:
    """Not employed, and in one of the groups the public-welfare posts serve: the seed names no
    groups for （六）'s posts, so the groups are the bureau's rule (`groups_source`)."""
    params = rules()["public_welfare"]
    clause, cited = None, params["groups_source"]
    if candidate.employed:
        return [Reason("public_welfare", f"已就业，不符合公益性岗位条件（{cited}）", clause, False)]
    groups = [g for g in params["groups"] if g in candidate.groups]
    if not groups:
        names = "、".join(GROUP_LABELS[g] for g in params["groups"])
        message = f"不属于{names}，不符合公益性岗位条件（{cited}）"
        return [Reason("public_welfare", message, clause, False)]
    names = "、".join(GROUP_LABELS[g] for g in groups)
    message = f"符合公益性岗位条件：{names}（{cited}）"
    return [Reason("public_welfare", message, clause, True)]


def _years_zh(years: int) -> str:
    return "两" if years == 2 else str(years)
