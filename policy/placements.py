"""The life of a placement as the seed bounds it: terms, extensions, expiry, ends, follow-ups.

Pure functions of plain values, a program's parameters and an as-of date. The parameters are a
section of `policy/data/programs_<year>.json` (what a QuotaProgram's `params` hold), so a district
or a year changes data, not code.

Date conventions, chosen once here and shared with `policy/subsidies.py`:
- A term of n months starting on day S covers S up to the day before S's "n-month anniversary";
  a day-of-month the target month lacks rolls to the first of the next month (as birthdays do
  in `eligibility.age_on`). So 2020-09-01 + 6 months ends 2021-02-28, 2020-08-31 + 6 months
  also ends 2021-02-28 (the anniversary "31 February" is 1 March), and 2020-08-28 + 6 months
  ends 2021-02-27. The last day is inside the term, and a term never exceeds n months.
- An extension is a new term starting the day after the old one ends.
- `ended_on` is the last day in post; a placement is "ended" from that day on.
"""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

from policy.codes import POST_KINDS
from policy.eligibility import CandidateFacts, Reason
from policy.errors import Invalid
from policy.sources import LOCAL_RULE, SEED, basis, cite

# One section of a program's data file (policy/data/programs_<year>.json), as parsed JSON.
Params = dict[str, Any]

END_REASONS: tuple[str, ...] = ("term_over", "retained", "left_for_job", "dismissed", "other")

END_REASON_LABELS: dict[str, str] = {
    "term_over": "期满",
    "retained": "留用",
    "left_for_job": "已就业离岗",
    "dismissed": "解除",
    "other": "其他",
}

EXPIRY_STATUSES: tuple[str, ...] = ("active", "due_soon", "overdue", "ended")

EXPIRY_STATUS_LABELS: dict[str, str] = {
    "active": "在岗",
    "due_soon": "即将期满",
    "overdue": "已过期未处理",
    "ended": "已结束",
}


TARGET_RULES: tuple[str, ...] = ("cap", "floor")

TARGET_RULE_LABELS: dict[str, str] = {
    "cap": "上限：提供岗位不超过目标（岗位数）",
    "floor": "下限：安置人数不少于目标（人数）",
}


def default_target_rule(kind: str) -> str:
    """（七） "不少于50个见习岗位" is a floor of people placed; （六）'s 500 temporary public-welfare
    posts are a cap on posts (slots) offered."""
    return "floor" if kind == "trainee" else "cap"


def fill_rate(target_rule: str, target: int, slots_offered: int, placed: int) -> float:
    """A floor is met by people placed, and passes 100 % when more are placed (never clipped);
    a cap is used up by the posts offered (a refilled slot is the same post)."""
    if target <= 0:
        return 0.0
    return (placed if target_rule == "floor" else slots_offered) / target


@dataclass(frozen=True)
class PlacementFacts:
    """What the rules read about a placement; built from a Placement row.

    `stably_employed` is the bureau's knowledge that the holder has found stable (unsubsidised)
    employment; a public-welfare post itself does not count.
    """

    kind: str
    start_date: date
    term_end: date | None = None
    extended_until: date | None = None
    ended_on: date | None = None
    stably_employed: bool = False


@dataclass(frozen=True)
class EndRecord:
    """How a placement ended. `retained` is True/False for a trainee （七）, None otherwise."""

    reason: str
    ended_on: date
    retained: bool | None


@cache
def _program_file(year: int) -> str:
    return resources.files("policy").joinpath(f"data/programs_{year}.json").read_text("utf-8")


def load_program_params(kind: str, year: int = 2020) -> Params:
    """One section of `programs_<year>.json` (a post kind or a subsidy), as a fresh dict.

    Fresh on every call so a caller that edits its copy (a program raising its target) never
    changes what the next caller reads.
    """
    data = json.loads(_program_file(year))
    if kind.startswith("_") or not isinstance(data.get(kind), dict):
        raise ValueError(f"no program parameters for {kind!r} in {year}")
    section: Params = data[kind]
    return section


def program_definitions(year: int) -> list[Params]:
    """The year's quota programs as the seed sets them (`programmes` in programs_<year>.json):
    key, name, kind, target, target_rule, start, end. `flask load-programs <year>` writes them."""
    try:
        data = json.loads(_program_file(year))
    except FileNotFoundError as exc:
        raise ValueError(f"no program data for {year}") from exc
    return [dict(p) for p in data.get("programmes", [])]


def param_date(value: str | None) -> date | None:
    """A date parameter: ISO text in the data file, None when the data leave it open."""
    return None if value is None else date.fromisoformat(value)


def zh_date(day: date) -> str:
    """2020-09-01 → "2020年9月1日", as dates are written in messages."""
    return f"{day.year}年{day.month}月{day.day}日"


def months_later(day: date, months: int) -> date:
    """The n-month anniversary of `day`; a day the month lacks rolls to the 1st of the next."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    if day.day > calendar.monthrange(year, month)[1]:
        year, month = divmod(year * 12 + month, 12)
        return date(year, month + 1, 1)
    return date(year, month, day.day)


def term_last_day(first_day: date, months: int) -> date:
    """The last day of a term of `months` months starting on `first_day` (see module notes)."""
    return months_later(first_day, months) - timedelta(days=1)


def term_end(kind: str, start_date: date, params: Params) -> date | None:
    """（六）: a public-welfare term lasts the program's `term_months` (at most 6) from the start.

    A trainee placement ends its term only when the program gives one (（七） sets none);
    a regular placement has no term. Returns the last day of the term, inclusive.
    """
    if kind not in POST_KINDS:
        raise ValueError(f"unknown post kind: {kind!r}")
    if kind == "regular" or params.get("term_months") is None:
        return None
    return term_last_day(start_date, params["term_months"])


def trainee_term_end(start_date: date, months: int, shortest: int, longest: int) -> date:
    """The national 2020 就业见习 notice: a traineeship lasts 3 to 12 months (`shortest`,
    `longest`: bureau settings that follow it), set at placement. Returns its last day."""
    if not shortest <= months <= longest:
        raise Invalid(f"见习期限应为{shortest}至{longest}个月（国家就业见习通知）",
                      code="trainee_term_invalid", fields={"term_months": f"{shortest}至{longest}个月"})
    return term_last_day(start_date, months)


def extended_until(term_end_day: date, months: int) -> date:
    """（六）: the last day of an extension of `months` starting the day after the term ends."""
    return term_last_day(term_end_day + timedelta(days=1), months)


def extension_window(params: Params) -> tuple[date | None, date | None]:
    """（六）"今年内对从事公益性岗位政策期满仍未实现稳定就业的": the first and last term end
    that may be extended (2020: terms ending from 2020-01-01 through 2020-12-31)."""
    extension = params.get("extension") or {}
    return param_date(extension.get("term_ending_from")), param_date(extension.get("term_ending_by"))


def extension_offered(term_end_day: date, params: Params) -> bool:
    """Whether the seed allows extending a term that ends on `term_end_day` at all."""
    extension = params.get("extension") or {}
    if not extension.get("allowed"):
        return False
    first, last = extension_window(params)
    return (first is None or term_end_day >= first) and (last is None or term_end_day <= last)


def extension_citation(params: Params) -> str:
    """The seed's words allowing the extension, with their measure."""
    words = (params.get("extension") or {}).get("words")
    clause = params.get("clause", "（六）")
    return cite(words, clause) if words else f"{SEED}{clause}"


def extension_note(placement: PlacementFacts, params: Params) -> str:
    """What the expiry page says about extending this placement, exactly: whether the seed
    allows it for this term end, until when it may be applied for (the bureau's own window,
    cited as 本区经办规则), and that the subsidy stays at most `term_months` months."""
    cited = extension_citation(params)
    cap = f"公益性岗位补贴最长{params['term_months']}个月，延长期不另发补贴"
    if placement.term_end is None:
        return cap
    if placement.extended_until is not None:
        return f"已延长至{zh_date(placement.extended_until)}；{cap}{basis(cited)}"
    ends = zh_date(placement.term_end)
    if not extension_offered(placement.term_end, params):
        first, last = extension_window(params)
        span = "、".join(x for x in (first and f"{zh_date(first)}起", last and f"{zh_date(last)}前") if x)
        window = f"，{span}期满的才可延长" if span else ""
        return f"期满日{ends}不在延长政策范围内{window}，不能延长；{cap}{basis(cited)}"
    notice = params["expiry_notice_days"]
    opens = zh_date(placement.term_end - timedelta(days=notice))
    return (f"期满日{ends}：期满仍未实现稳定就业的，可延长至多{params['extension']['max_months']}个月；"
            f"自{opens}起（期满前{notice}天内，{LOCAL_RULE}）办理；{cap}{basis(cited)}")


def can_extend(placement: PlacementFacts, months: int, as_of: date, params: Params) -> Reason:
    """（六）: "今年内对从事公益性岗位政策期满仍未实现稳定就业的，政策享受期限可延长一年".

    A public-welfare placement, still open, never extended before, in a program that allows it,
    whose term ends within the program's window (2020: terms ending in 2020, "今年内"), whose
    holder is still not stably employed, for 1 to `max_months` months. The extension extends the
    placement's term only: the temporary post's subsidy stays at most 6 months
    (`policy.subsidies.public_welfare_schedule`). When to apply — from `expiry_notice_days`
    before the term ends — is not in the seed: it is the bureau's own rule and cited as such.
    The first failing rule is returned.
    """
    clause = params.get("clause", "（六）")
    cited = extension_citation(params)
    extension = params.get("extension") or {}

    def refuse(code: str, message: str, source: str = cited) -> Reason:
        return Reason(f"extension.{code}", f"{message}{basis(source)}", clause, False)

    if placement.kind != "public_welfare":
        return refuse("not_public_welfare", "只有公益性岗位可以延长政策享受期限")
    if placement.ended_on is not None and placement.ended_on <= as_of:
        return refuse("ended", f"该安置已于{zh_date(placement.ended_on)}结束，不能延长")
    if placement.extended_until is not None:
        return refuse("already_extended", "政策享受期限只能延长一次，已延长过")
    if not extension.get("allowed"):
        return refuse("not_allowed", "本项目不允许延长政策享受期限")
    if placement.term_end is None:
        raise ValueError("a public-welfare placement always has a term end")
    if not extension_offered(placement.term_end, params):
        first, last = extension_window(params)
        span = "至".join(zh_date(d) for d in (first, last) if d is not None)
        return refuse("window_closed", f"延长政策仅适用于{span}期间期满的人员，"
                      f"本安置{zh_date(placement.term_end)}期满")
    opens = placement.term_end - timedelta(days=params["expiry_notice_days"])
    if as_of < opens:
        return refuse("too_early", f"期满前{params['expiry_notice_days']}天内方可办理延长",
                      LOCAL_RULE)
    if placement.stably_employed:
        return refuse("stably_employed", "已实现稳定就业，不再延长")
    max_months = extension["max_months"]
    if not 1 <= months <= max_months:
        return refuse("months", f"延长期限应为1至{max_months}个月")
    until = extended_until(placement.term_end, months)
    message = f"期满仍未实现稳定就业，可延长{months}个月至{zh_date(until)}{basis(cited)}"
    return Reason("extension.ok", message, clause, True)


def expiry_status(ends_on: date | None, ended_on: date | None, as_of: date, params: Params) -> str:
    """（六）: where a placement stands on the bureau's expiry worklist on `as_of`.

    `ends_on` is the term end, or the extension's end when extended. "ended" once an end is
    recorded on or before `as_of`; "overdue" from the day after `ends_on` while nothing is
    recorded; "due_soon" from `expiry_notice_days` (30) days before `ends_on` through the day
    itself; "active" otherwise, and always for a placement without a term.
    """
    if ended_on is not None and ended_on <= as_of:
        return "ended"
    if ends_on is None:
        return "active"
    if as_of > ends_on:
        return "overdue"
    if (ends_on - as_of).days <= params["expiry_notice_days"]:
        return "due_soon"
    return "active"


def end_record(kind: str, start_date: date, ended_on: date, reason: str,
               term_end_day: date | None = None) -> EndRecord:
    """Every placement ends with a reason from END_REASONS; nothing is deleted.

    （七）: a trainee placement records whether the trainee was retained (留用), which the reason
    decides. "retained" makes no sense for a regular hire, which has no trial term to end. A
    traineeship ends at the latest on its term's last day (`term_end_day`): it may stop early,
    never run past the term set at placement (the national notice's 12 months at most).
    """
    if kind not in POST_KINDS:
        raise ValueError(f"unknown post kind: {kind!r}")
    if reason not in END_REASONS:
        raise Invalid(f"未知的结束原因：{reason}", code="end_reason_unknown")
    if ended_on < start_date:
        raise Invalid("结束日期不能早于开始日期", code="end_before_start")
    if kind == "trainee" and term_end_day is not None and ended_on > term_end_day:
        raise Invalid(f"见习期限至{zh_date(term_end_day)}，结束日期不能晚于期满日",
                      code="end_after_term")
    if kind == "regular" and reason == "retained":
        raise Invalid("招聘岗位没有留用环节，请选择其他结束原因", code="end_reason_not_applicable")
    retained = reason == "retained" if kind == "trainee" else None
    return EndRecord(reason, ended_on, retained)


def followup_due(person: CandidateFacts, last_contact: date | None, as_of: date, params: Params) -> bool:
    """（十四）: registered unemployed and hardship persons are followed up once a calendar month.

    Due when the person is in one of the followed groups and has not been contacted between the
    first of `as_of`'s month and `as_of` (a contact recorded after `as_of` does not count).
    """
    if not any(group in person.groups for group in params["groups"]):
        return False
    if last_contact is None or last_contact > as_of:
        return True
    return (last_contact.year, last_contact.month) != (as_of.year, as_of.month)
