"""The subsidies the seed promises, computed from placements, employers and candidates.

Every function is pure and returns an `Amount` in integer fen with the rule and clause behind it
and a Chinese explanation the ledger page shows; a person or a hire that does not qualify gets
an Amount of 0 fen whose explanation says why, so a ledger can list refusals too. The startup-
loan interest subsidy is paid by the bank, not the bureau: it is a yes/no test (a `Decision`).
Amounts, months and thresholds the seed states come from a `programs_<year>.json` section
(`params`); the amounts it does not state (a monthly subsidy, the minimum wage) are bureau
settings (`policy.parameters`), passed in as the `Parameter` in effect, or as a `Rate` that gives
the one in effect on a day; every Amount names the settings it used (`parameters`) so a page
prints them, 待确认 or not, next to the sum.

Public-welfare subsidy (（六）), decided here: it is paid per term month, the months counted
from the start date as in `policy/placements.py` (a term from 15 September has months 15 Sep –
14 Oct, …), and an extension's months from the day after the term ends. A month served in full
earns the whole monthly amount, so a full 6-month term earns exactly 6 × the monthly amount; a
month cut short by the placement's end earns days served / days in that month, rounded half up
to the fen. A month is due once its last day served is on or before the as-of date. The seed
subsidises temporary posts for at most 6 months: an extension (（六） "可延长一年") lengthens the
placement's term, never the subsidy, so no month after the original term is paid.

Trainee subsidy (就业见习补贴, the national 2020 就业见习 notice): paid to the host employer per
month of traineeship, the months counted as above over the term set at placement, each at the
monthly amount in effect on its first day.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from policy.codes import EMPLOYER_SIZE_LABELS, GROUP_LABELS, OWNERSHIP_LABELS
from policy.eligibility import (
    CandidateFacts,
    Decision,
    Reason,
    graduated_within,
    is_long_term_unemployed,
    rules,
    unemployed_months,
)
from policy.parameters import Parameter
from policy.placements import Params, PlacementFacts, months_later, zh_date
from policy.sources import SEED, basis, cite_section

RULES: tuple[str, ...] = ("graduate_absorption", "long_term_unemployed_hire", "public_welfare_post",
                          "trainee_post")

RULE_LABELS: dict[str, str] = {
    "graduate_absorption": "高校毕业生一次性吸纳就业补贴",
    "long_term_unemployed_hire": "吸纳登记失业半年以上人员一次性吸纳就业补贴",
    "public_welfare_post": "公益性岗位补贴",
    "trainee_post": "就业见习补贴（见习单位）",
}

TRAINEE_SOURCE = rules()["trainee"]["source"]  # the national 2020 就业见习 notice, by name
"""How the trainee subsidy is cited: the national 2020 就业见习 notice, not a measure of the seed."""

Rate = Callable[[date], Parameter]
"""The monthly amount in effect on a day (a bureau setting, or a programme's own amount)."""


@dataclass(frozen=True)
class Amount:
    """A sum owed under one rule, in fen, with the seed's clause and the reason in Chinese."""

    fen: int
    rule: str
    clause: str
    explanation_zh: str
    parameters: tuple[Parameter, ...] = field(default=())  # the settings the sum used


@dataclass(frozen=True)
class EmployerFacts:
    size: str
    ownership: str
    staff_count: int = 0


@dataclass(frozen=True)
class HireFacts:
    """A person taken on by an employer: a placement, or a hire the employer declares."""

    candidate: CandidateFacts
    employer: EmployerFacts
    post_kind: str
    start_date: date
    contract_months: int | None = None


@dataclass(frozen=True)
class SubsidyMonth:
    """One term month of a public-welfare placement and what it earns."""

    number: int
    first_day: date
    last_day_served: date
    days_served: int
    days_in_month: int
    extension: bool
    fen: int
    rate: Parameter | None = None


@dataclass(frozen=True)
class LedgerLine:
    """The total of one rule: how many amounts were paid (more than 0 fen) and their sum."""

    rule: str
    label_zh: str
    clause: str
    count: int
    fen: int


def graduate_absorption(hire: HireFacts, already_paid: bool, params: Params) -> Amount:
    """（七）: 1,000 yuan once per graduate hired in 2020 by a micro, small or medium firm.

    A graduate is a fresh or unemployed graduate by group, or a college (大专 and up) or technician
    college graduate whose graduation lies within the 2 years up to the hire date (the window
    of `eligibility`). Only hires into regular posts count (see the data file's note).
    """
    refusal = _hire_refusal(hire, params)
    if refusal:
        return _zero("graduate_absorption", params, refusal)
    employer = hire.employer
    if employer.size not in params["employer_sizes"]:
        sizes = "/".join(EMPLOYER_SIZE_LABELS[s] for s in params["employer_sizes"])
        size = EMPLOYER_SIZE_LABELS[employer.size]
        return _zero("graduate_absorption", params, f"{size}企业，补贴仅限{sizes}企业")
    candidate = hire.candidate
    groups = [g for g in params["graduate_groups"] if g in candidate.groups]
    if groups:
        who = GROUP_LABELS[groups[0]]
    elif graduated_within(candidate, hire.start_date):
        who = "毕业2年内的高校（含技师学院）毕业生"
    else:
        return _zero("graduate_absorption", params, "非高校毕业生或毕业已超过2年")
    if already_paid:
        return _zero("graduate_absorption", params, "该毕业生已享受过吸纳就业补贴，每人限一次")
    fen = params["amount_fen"]
    return _amount(fen, "graduate_absorption", params, f"吸纳{who}，每人{_yuan(fen)}，一次性发放")


def long_term_unemployed_hire(hire: HireFacts, params: Params, wage: Parameter,
                              already_paid: bool = False) -> Amount:
    """（十）: hiring someone registered unemployed for half a year or more earns one month of
    the local minimum wage, once per person, for hires in 2020. `wage` is the monthly minimum
    wage in effect on the hire date, a bureau setting (the seed names no figure).

    `candidate.unemployed_since` is the start of the bureau-confirmed registration running on
    the hire date (services.registrations), fixed at the hire; `already_paid` says the person
    already earned this subsidy through an earlier hire.

    "半年以上" includes the bound (以上 counts the number itself, 民法典第1259条), the same as
    `eligibility.is_long_term_unemployed`, whose threshold this reuses: unemployed since
    1 March and hired on 1 September qualifies, hired on 31 August does not.
    """
    refusal = _hire_refusal(hire, params)
    if refusal:
        return _zero("long_term_unemployed_hire", params, refusal)
    candidate = hire.candidate
    if params["group"] not in candidate.groups:
        return _zero("long_term_unemployed_hire", params, f"非{GROUP_LABELS[params['group']]}")
    if candidate.unemployed_since is None:
        return _zero("long_term_unemployed_hire", params, "录用时没有经人社局确认、仍在登记中的失业登记")
    months = unemployed_months(candidate.unemployed_since, hire.start_date)
    if not is_long_term_unemployed(candidate.unemployed_since, hire.start_date):
        return _zero("long_term_unemployed_hire", params, f"录用时登记失业{months}个月，未满半年")
    if already_paid:
        return _zero("long_term_unemployed_hire", params, "该人员已享受过吸纳就业补贴，每人限一次")
    wage_months = params["minimum_wage_months"]
    fen = wage.value * wage_months
    message = f"录用时已登记失业{months}个月，按{wage_months}个月当地最低工资标准（{_yuan(wage.value)}/月）"
    return _amount(fen, "long_term_unemployed_hire", params, message, (wage,))


def public_welfare_schedule(placement: PlacementFacts, as_of: date, params: Params,
                            rate: Rate) -> list[SubsidyMonth]:
    """（六）: the term months due by `as_of`: the original term only, at most `term_months` (6).

    An extension's months are never subsidised ("临时性公益岗位…补贴期限最长不超过6个月").
    """
    if placement.kind != "public_welfare":
        return []
    return _term_schedule(placement, as_of, int(params["term_months"]), rate)


def public_welfare_subsidy(placement: PlacementFacts, as_of: date, params: Params,
                           rate: Rate) -> Amount:
    """（六）: the public-welfare post subsidy earned by `as_of`: at most 6 months, extended or not."""
    if placement.kind != "public_welfare":
        return _zero("public_welfare_post", params, "非公益性岗位安置")
    months = public_welfare_schedule(placement, as_of, params, rate)
    capped = f"延长期不另发补贴（最长{params['term_months']}个月），" if placement.extended_until else ""
    return _monthly_amount("public_welfare_post", params, months, as_of, capped)


def trainee_subsidy(placement: PlacementFacts, as_of: date, rate: Rate) -> Amount:
    """就业见习补贴 (national 2020 就业见习 notice): the monthly amount in effect, per month of
    traineeship due by `as_of`, over the term set at placement (3 to 12 months)."""
    params = {"clause": TRAINEE_SOURCE}
    if placement.kind != "trainee" or placement.term_end is None:
        return _zero("trainee_post", params, "非设定见习期限的见习安置")
    months = _term_schedule(placement, as_of, 10**6, rate)
    return _monthly_amount("trainee_post", params, months, as_of, "")


def _term_schedule(placement: PlacementFacts, as_of: date, max_months: int,
                   rate: Rate) -> list[SubsidyMonth]:
    """The term months due by `as_of`, at most `max_months`, up to the term end or the end."""
    if placement.term_end is None:
        raise ValueError("a subsidised placement always has a term end")
    anchor = placement.start_date
    stop = placement.term_end if placement.ended_on is None else min(placement.term_end, placement.ended_on)
    months: list[SubsidyMonth] = []
    for k in range(max_months):
        first = months_later(anchor, k)
        if first > stop:
            break
        last = months_later(anchor, k + 1) - timedelta(days=1)
        served = min(last, stop)
        if served > as_of:
            break
        days, length = (served - first).days + 1, (last - first).days + 1
        monthly = rate(first)
        fen = _pro_rata(monthly.value, days, length)
        months.append(SubsidyMonth(k + 1, first, served, days, length, False, fen, monthly))
    return months


def _monthly_amount(rule: str, params: Params, months: list[SubsidyMonth], as_of: date,
                    prefix: str) -> Amount:
    """The sum of the months with how it was reached: whole months by rate, part months alone."""
    if not months:
        return _amount(0, rule, params, f"截至{zh_date(as_of)}尚无已满的补贴月份")
    rates = tuple(dict.fromkeys(m.rate for m in months if m.rate is not None))
    parts = []
    for monthly in rates:
        whole = [m for m in months if m.rate == monthly and m.days_served == m.days_in_month]
        if whole:
            parts.append(f"{len(whole)}个整月×{_yuan(monthly.value)}")
    parts += [
        f"第{m.number}个月{m.days_served}/{m.days_in_month}天{_yuan(m.fen)}"
        for m in months
        if m.days_served < m.days_in_month
    ]
    fen = sum(m.fen for m in months)
    return _amount(fen, rule, params, f"{prefix}{' + '.join(parts)}，合计{_yuan(fen)}", rates)


def loan_interest_test(
    employer: EmployerFacts, hires: Iterable[HireFacts], year: int, params: Params
) -> Decision:
    """（十）: may a small or micro firm apply for the startup-guarantee-loan interest subsidy?

    New hires in `year` of qualifying persons on contracts of at least 1 year must reach 15% of
    the current staff (8% when staff exceeds 100; exactly 100 is still 15%), and the staff must
    be at least 20 ("原则上", applied as a rule). Reaching the percentage exactly passes. Every
    condition is returned, passed or not, so a refusal can be explained.
    """
    clause = params["clause"]
    cited = basis(f"{SEED}{clause}")
    reasons = []
    size = EMPLOYER_SIZE_LABELS[employer.size]
    small = employer.size in params["employer_sizes"]
    size_message = f"{size}企业" + ("" if small else "，贴息仅限小微企业")
    reasons.append(Reason("loan_interest.size", f"{size_message}{cited}", clause, small))
    staff = employer.staff_count
    enough_staff = staff >= params["min_staff"]
    relation = "不少于" if enough_staff else "少于"
    message = f"现有职工{staff}人，{relation}{params['min_staff']}人{cited}"
    reasons.append(Reason("loan_interest.staff", message, clause, enough_staff))
    qualified = sum(
        1
        for h in hires
        if h.start_date.year == year
        and (h.contract_months or 0) >= params["min_contract_months"]
        and any(g in h.candidate.groups for g in params["qualifying_groups"])
    )
    large = staff > params["large_staff_over"]
    percent = params["large_ratio_percent"] if large else params["ratio_percent"]
    reached = staff > 0 and qualified * 100 >= staff * percent
    share = f"{qualified * 100 / staff:.1f}%" if staff else "—"
    verdict = "达到" if reached else "未达到"
    message = (
        f"{year}年新招用符合条件人员{qualified}人（劳动合同{params['min_contract_months']}个月以上），"
        f"占现有职工{share}，{verdict}{percent}%{cited}"
    )
    reasons.append(Reason("loan_interest.ratio", message, clause, reached))
    return Decision(eligible=all(r.passed for r in reasons), reasons=reasons)


def ledger(lines: Iterable[Amount]) -> list[LedgerLine]:
    """Totals per rule in RULES order; `count` counts the amounts actually paid (> 0 fen)."""
    totals: dict[str, LedgerLine] = {}
    for line in lines:
        if line.rule not in RULE_LABELS:
            raise ValueError(f"unknown subsidy rule: {line.rule!r}")
        total = totals.get(line.rule) or LedgerLine(line.rule, RULE_LABELS[line.rule], line.clause, 0, 0)
        totals[line.rule] = replace(total, count=total.count + int(line.fen > 0), fen=total.fen + line.fen)
    return [totals[rule] for rule in RULES if rule in totals]


def _hire_refusal(hire: HireFacts, params: Params) -> str | None:
    """The conditions both one-off hiring subsidies share: the firm, the post kind, the year."""
    if hire.employer.ownership not in params["employer_ownerships"]:
        return f"{OWNERSHIP_LABELS[hire.employer.ownership]}不属于企业，不享受吸纳就业补贴"
    if hire.post_kind not in params["post_kinds"]:
        return "见习和公益性岗位不属于吸纳就业，不享受该补贴"
    start, end = date.fromisoformat(params["hired_from"]), date.fromisoformat(params["hired_until"])
    if not start <= hire.start_date <= end:
        return f"录用日期不在{zh_date(start)}至{zh_date(end)}政策期内"
    return None


def _pro_rata(monthly_fen: int, days: int, length: int) -> int:
    """monthly × days / length in fen, rounded half up, in integers (never a float)."""
    return (2 * monthly_fen * days + length) // (2 * length)


def _amount(fen: int, rule: str, params: Params, message: str,
             parameters: tuple[Parameter, ...] = ()) -> Amount:
    """A sum with its reason; the source is the seed's words and measure, or a national notice
    by name when the rule is not the seed's (the 见习补贴)."""
    clause = params["clause"]
    cited = cite_section(params) if clause.startswith("（") else clause
    return Amount(fen, rule, clause, f"{RULE_LABELS[rule]}：{message}{basis(cited)}", parameters)


def _zero(rule: str, params: Params, reason: str) -> Amount:
    return _amount(0, rule, params, f"不符合条件，{reason}")


def _yuan(fen: int) -> str:
    yuan, rest = divmod(fen, 100)
    return f"{yuan}元" if rest == 0 else f"{yuan}.{rest:02d}元"
