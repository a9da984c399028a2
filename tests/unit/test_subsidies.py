"""The subsidies of （六）（七）（十） at their boundaries; every amount is checked in fen."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from policy.eligibility import CandidateFacts
from policy.parameters import Parameter, parameter
from policy.placements import PlacementFacts, extended_until, load_program_params, term_end
from policy.subsidies import (
    Amount,
    EmployerFacts,
    HireFacts,
    LedgerLine,
    graduate_absorption,
    ledger,
    loan_interest_test,
    long_term_unemployed_hire,
    public_welfare_schedule,
    public_welfare_subsidy,
)

GRADUATE_PARAMS = load_program_params("graduate_absorption")
UNEMPLOYED_PARAMS = load_program_params("long_term_unemployed_hire")
PUBLIC_WELFARE = load_program_params("public_welfare")
WAGE = parameter("long_term_unemployed_hire", "minimum_wage_monthly_fen")  # 1,800 yuan, 待确认


def default_rate(day: date) -> Parameter:
    """The public-welfare monthly subsidy's default (1,800 yuan) on every day."""
    return parameter("public_welfare", "monthly_subsidy_fen")
LOAN_PARAMS = load_program_params("loan_interest")

SMALL_FIRM = EmployerFacts(size="small", ownership="private", staff_count=60)
HIRED = date(2020, 9, 1)

# Graduated 1 July 2019 from a university; no group declared.
GRADUATE = CandidateFacts(education="bachelor", school="福州大学", graduation_date=date(2019, 7, 1))
GRADUATE_HIRE = HireFacts(GRADUATE, SMALL_FIRM, "regular", HIRED)


def test_a_small_firm_hiring_a_recent_graduate_earns_one_thousand_yuan():
    amount = graduate_absorption(GRADUATE_HIRE, already_paid=False, params=GRADUATE_PARAMS)
    assert amount.fen == 100000
    assert (amount.rule, amount.clause) == ("graduate_absorption", "（七）")
    assert "1000元" in amount.explanation_zh and amount.explanation_zh.endswith(
        "2020年按每人1000元标准给予一次性吸纳就业补贴”（七）")


@pytest.mark.parametrize(
    "size, fen", [("micro", 100000), ("small", 100000), ("medium", 100000), ("large", 0)]
)
def test_graduate_absorption_is_for_micro_small_and_medium_firms_only(size, fen):
    hire = replace(GRADUATE_HIRE, employer=replace(SMALL_FIRM, size=size))
    assert graduate_absorption(hire, False, GRADUATE_PARAMS).fen == fen


def test_graduate_absorption_is_paid_once_per_person():
    amount = graduate_absorption(GRADUATE_HIRE, already_paid=True, params=GRADUATE_PARAMS)
    assert amount.fen == 0
    assert "每人限一次" in amount.explanation_zh


@pytest.mark.parametrize(
    "graduated, fen",
    [
        (date(2018, 9, 1), 100000),  # the second anniversary is the hire date: still within
        (date(2018, 8, 31), 0),  # a day more than 2 years
        (date(2020, 7, 1), 100000),
    ],
)
def test_a_graduate_counts_within_two_years_of_the_hire_date_inclusive(graduated, fen):
    hire = replace(GRADUATE_HIRE, candidate=replace(GRADUATE, graduation_date=graduated))
    assert graduate_absorption(hire, False, GRADUATE_PARAMS).fen == fen


@pytest.mark.parametrize(
    "education, school, fen",
    [
        ("associate", "福建船政交通职业学院", 100000),
        ("vocational", "福建技师学院", 100000),
        ("vocational", "长乐职业中专学校", 0),  # 中专 is not a graduate of （七）
        ("high_school", "长乐第一中学", 0),
    ],
)
def test_a_graduate_is_a_college_or_technician_college_graduate(education, school, fen):
    hire = replace(GRADUATE_HIRE, candidate=replace(GRADUATE, education=education, school=school))
    assert graduate_absorption(hire, False, GRADUATE_PARAMS).fen == fen


@pytest.mark.parametrize("group", ["fresh_graduate", "unemployed_graduate"])
def test_a_declared_graduate_group_counts_without_a_graduation_date(group):
    candidate = CandidateFacts(education="bachelor", groups=frozenset({group}))
    hire = replace(GRADUATE_HIRE, candidate=candidate)
    assert graduate_absorption(hire, False, GRADUATE_PARAMS).fen == 100000


@pytest.mark.parametrize(
    "hired, fen",
    [
        (date(2019, 12, 31), 0),
        (date(2020, 1, 1), 100000),
        (date(2020, 12, 31), 100000),
        (date(2021, 1, 1), 0),
    ],
)
def test_hiring_subsidies_are_for_hires_in_2020(hired, fen):
    candidate = replace(GRADUATE, graduation_date=date(2019, 7, 1))
    hire = replace(GRADUATE_HIRE, candidate=candidate, start_date=hired)
    assert graduate_absorption(hire, False, GRADUATE_PARAMS).fen == fen


@pytest.mark.parametrize("kind", ["trainee", "public_welfare"])
def test_trainee_and_public_welfare_posts_earn_no_hiring_subsidy(kind):
    amount = graduate_absorption(replace(GRADUATE_HIRE, post_kind=kind), False, GRADUATE_PARAMS)
    assert amount.fen == 0
    assert "不符合条件" in amount.explanation_zh


def test_a_public_institution_is_not_a_firm_for_hiring_subsidies():
    hire = replace(GRADUATE_HIRE, employer=replace(SMALL_FIRM, ownership="public_institution"))
    assert graduate_absorption(hire, False, GRADUATE_PARAMS).fen == 0


LONG_UNEMPLOYED = CandidateFacts(
    education="high_school", groups=frozenset({"registered_unemployed"}), unemployed_since=date(2020, 3, 1)
)
UNEMPLOYED_HIRE = HireFacts(LONG_UNEMPLOYED, SMALL_FIRM, "regular", date(2020, 9, 1))


@pytest.mark.parametrize(
    "hired, fen",
    [
        (date(2020, 8, 31), 0),  # 5 months and 30 days
        (date(2020, 9, 1), 180000),  # exactly 6 months: "半年以上" includes the bound
        (date(2020, 9, 2), 180000),
    ],
)
def test_hiring_someone_unemployed_half_a_year_earns_a_month_of_minimum_wage(hired, fen):
    amount = long_term_unemployed_hire(replace(UNEMPLOYED_HIRE, start_date=hired), UNEMPLOYED_PARAMS, WAGE)
    assert amount.fen == fen
    assert (amount.rule, amount.clause) == ("long_term_unemployed_hire", "（十）")


def test_the_refusal_says_how_long_the_person_had_been_unemployed():
    amount = long_term_unemployed_hire(
        replace(UNEMPLOYED_HIRE, start_date=date(2020, 8, 31)), UNEMPLOYED_PARAMS, WAGE
    )
    assert "登记失业5个月" in amount.explanation_zh


def test_only_registered_unemployment_counts():
    candidate = replace(LONG_UNEMPLOYED, groups=frozenset({"hardship"}))
    amount = long_term_unemployed_hire(replace(UNEMPLOYED_HIRE, candidate=candidate), UNEMPLOYED_PARAMS, WAGE)
    assert amount.fen == 0


def test_the_long_term_unemployed_subsidy_is_for_any_size_of_firm():
    hire = replace(UNEMPLOYED_HIRE, employer=replace(SMALL_FIRM, size="large"))
    assert long_term_unemployed_hire(hire, UNEMPLOYED_PARAMS, WAGE).fen == 180000


START = date(2020, 9, 15)
PLACEMENT = PlacementFacts("public_welfare", START, term_end("public_welfare", START, PUBLIC_WELFARE))


@pytest.mark.parametrize(
    "as_of, fen",
    [
        (date(2020, 10, 13), 0),  # the first month ends on 14 October
        (date(2020, 10, 14), 180000),
        (date(2021, 3, 13), 900000),
        (date(2021, 3, 14), 1080000),  # the term's last day
        (date(2021, 9, 1), 1080000),  # nothing after the term
    ],
)
def test_the_public_welfare_subsidy_is_paid_per_term_month_once_it_is_over(as_of, fen):
    assert public_welfare_subsidy(PLACEMENT, as_of, PUBLIC_WELFARE, default_rate).fen == fen


def test_a_full_term_from_a_month_end_earns_exactly_six_months():
    start = date(2020, 8, 31)
    placement = PlacementFacts("public_welfare", start, term_end("public_welfare", start, PUBLIC_WELFARE))
    months = public_welfare_schedule(placement, date(2021, 3, 1), PUBLIC_WELFARE, default_rate)
    assert [m.fen for m in months] == [180000] * 6
    assert months[-1].last_day_served == date(2021, 2, 28)


def test_a_month_cut_short_by_the_end_is_paid_by_days_served():
    # Month 2 runs 15 Oct – 14 Nov (31 days); ended 24 Oct after 10 days: 1800 × 10/31 = 580.645 yuan.
    ended = replace(PLACEMENT, ended_on=date(2020, 10, 24))
    months = public_welfare_schedule(ended, date(2020, 12, 1), PUBLIC_WELFARE, default_rate)
    assert [(m.days_served, m.days_in_month, m.fen) for m in months] == [(30, 30, 180000), (10, 31, 58065)]
    amount = public_welfare_subsidy(ended, date(2020, 12, 1), PUBLIC_WELFARE, default_rate)
    assert amount.fen == 238065
    assert "第2个月10/31天580.65元" in amount.explanation_zh


def test_a_partial_month_is_due_only_once_the_placement_has_ended():
    ended = replace(PLACEMENT, ended_on=date(2020, 10, 24))
    assert public_welfare_subsidy(ended, date(2020, 10, 23), PUBLIC_WELFARE, default_rate).fen == 180000
    assert public_welfare_subsidy(ended, date(2020, 10, 24), PUBLIC_WELFARE, default_rate).fen == 238065


def test_working_past_the_term_earns_nothing_more():
    stayed = replace(PLACEMENT, ended_on=date(2021, 6, 30))
    assert public_welfare_subsidy(stayed, date(2021, 7, 1), PUBLIC_WELFARE, default_rate).fen == 1080000


def test_an_extended_placement_is_still_subsidised_for_six_months_only():
    # The probe of issue 12: 2020-07-01 + 6 months, extended by 12 months, was paid 18 × 1,800.
    start = date(2020, 7, 1)
    last = term_end("public_welfare", start, PUBLIC_WELFARE)
    placement = PlacementFacts("public_welfare", start, last, extended_until(last, 12))
    months = public_welfare_schedule(placement, date(2022, 6, 1), PUBLIC_WELFARE, default_rate)
    assert len(months) == 6 and not any(m.extension for m in months)
    assert months[-1].last_day_served == date(2020, 12, 31)
    amount = public_welfare_subsidy(placement, date(2022, 6, 1), PUBLIC_WELFARE, default_rate)
    assert amount.fen == 6 * 180000
    assert "延长期不另发补贴" in amount.explanation_zh


@pytest.mark.parametrize("start", [date(2020, 1, 1) + timedelta(days=n) for n in range(0, 366, 7)]
                         + [date(2020, 7, 1), date(2020, 7, 2), date(2020, 12, 31)])
def test_the_subsidy_never_exceeds_six_months_for_any_start_in_2020(start):
    last = term_end("public_welfare", start, PUBLIC_WELFARE)
    for extended in (None, extended_until(last, 12)):
        placement = PlacementFacts("public_welfare", start, last, extended)
        amount = public_welfare_subsidy(placement, date(2023, 1, 1), PUBLIC_WELFARE, default_rate)
        assert amount.fen == 6 * 180000
        # Exactly 6 months are due on the term's last day, not one day earlier.
        assert public_welfare_subsidy(placement, last, PUBLIC_WELFARE, default_rate).fen == 6 * 180000
        before = public_welfare_subsidy(placement, last - timedelta(days=1), PUBLIC_WELFARE, default_rate)
        assert before.fen == 5 * 180000


def test_other_placements_earn_no_public_welfare_subsidy():
    trainee = PlacementFacts("trainee", START)
    assert public_welfare_schedule(trainee, date(2021, 6, 1), PUBLIC_WELFARE, default_rate) == []
    assert public_welfare_subsidy(trainee, date(2021, 6, 1), PUBLIC_WELFARE, default_rate).fen == 0


def _hires(count, contract_months=12, year=2020, groups=frozenset({"registered_unemployed"})):
    person = CandidateFacts(education="high_school", groups=groups)
    return [HireFacts(person, SMALL_FIRM, "regular", date(year, 6, 1), contract_months) for _ in range(count)]


@pytest.mark.parametrize(
    "staff, hires, eligible",
    [
        (20, 3, True),  # exactly 15%
        (20, 2, False),  # 10%
        (40, 6, True),  # exactly 15%
        (40, 5, False),  # 12.5%
        (100, 15, True),  # exactly 100 staff: still 15%
        (100, 14, False),
        (101, 9, True),  # over 100 staff: 8.9% ≥ 8%
        (101, 8, False),  # 7.9%
        (200, 16, True),  # exactly 8%
    ],
)
def test_loan_interest_needs_new_hires_of_fifteen_percent_or_eight_over_a_hundred(staff, hires, eligible):
    employer = replace(SMALL_FIRM, staff_count=staff)
    decision = loan_interest_test(employer, _hires(hires), 2020, LOAN_PARAMS)
    assert decision.eligible is eligible
    ratio = decision.reasons[-1]
    assert ratio.code == "loan_interest.ratio" and ratio.passed is eligible


@pytest.mark.parametrize("staff, eligible", [(19, False), (20, True)])
def test_loan_interest_needs_at_least_twenty_staff(staff, eligible):
    employer = replace(SMALL_FIRM, staff_count=staff)
    decision = loan_interest_test(employer, _hires(3), 2020, LOAN_PARAMS)
    staff_reason = next(r for r in decision.reasons if r.code == "loan_interest.staff")
    assert staff_reason.passed is eligible
    assert decision.eligible is eligible


@pytest.mark.parametrize(
    "size, eligible", [("micro", True), ("small", True), ("medium", False), ("large", False)]
)
def test_loan_interest_is_for_small_and_micro_firms(size, eligible):
    employer = replace(SMALL_FIRM, size=size, staff_count=20)
    assert loan_interest_test(employer, _hires(3), 2020, LOAN_PARAMS).eligible is eligible


def test_only_qualifying_hires_of_the_year_on_contracts_of_a_year_count():
    employer = replace(SMALL_FIRM, staff_count=20)
    counted = _hires(2)
    for extra in (
        _hires(1, contract_months=11),
        _hires(1, contract_months=None),
        _hires(1, year=2019),
        _hires(1, groups=frozenset({"hubei"})),
    ):
        assert not loan_interest_test(employer, counted + extra, 2020, LOAN_PARAMS).eligible
    assert loan_interest_test(employer, counted + _hires(1, contract_months=36), 2020, LOAN_PARAMS).eligible


def test_the_loan_interest_verdict_explains_itself_in_chinese():
    decision = loan_interest_test(replace(SMALL_FIRM, staff_count=20), _hires(3), 2020, LOAN_PARAMS)
    assert [r.message for r in decision.reasons] == [
        "小型企业；依据：长政〔2020〕28号（十）",
        "现有职工20人，不少于20人；依据：长政〔2020〕28号（十）",
        "2020年新招用符合条件人员3人（劳动合同12个月以上），占现有职工15.0%，达到15%；依据：长政〔2020〕28号（十）",
    ]


def test_a_firm_without_staff_fails_the_ratio_without_dividing_by_zero():
    decision = loan_interest_test(replace(SMALL_FIRM, staff_count=0), _hires(3), 2020, LOAN_PARAMS)
    assert not decision.eligible and not decision.reasons[-1].passed


def test_the_ledger_sums_each_rule_in_fen_and_counts_only_paid_amounts():
    lines = [
        Amount(180000, "public_welfare_post", "（六）", ""),
        Amount(100000, "graduate_absorption", "（七）", ""),
        Amount(0, "graduate_absorption", "（七）", ""),
        Amount(100000, "graduate_absorption", "（七）", ""),
        Amount(58065, "public_welfare_post", "（六）", ""),
    ]
    assert ledger(lines) == [
        LedgerLine("graduate_absorption", "高校毕业生一次性吸纳就业补贴", "（七）", 2, 200000),
        LedgerLine("public_welfare_post", "公益性岗位补贴", "（六）", 2, 238065),
    ]


def test_an_empty_ledger_has_no_lines():
    assert ledger([]) == []


def test_the_ledger_refuses_an_unknown_rule():
    with pytest.raises(ValueError):
        ledger([Amount(1, "bonus", "（一）", "")])


def test_a_person_already_paid_earns_no_second_long_term_unemployed_subsidy():
    assert long_term_unemployed_hire(UNEMPLOYED_HIRE, UNEMPLOYED_PARAMS, WAGE).fen == 180000
    again = long_term_unemployed_hire(UNEMPLOYED_HIRE, UNEMPLOYED_PARAMS, WAGE, already_paid=True)
    assert again.fen == 0 and "每人限一次" in again.explanation_zh


def test_no_confirmed_registration_at_the_hire_earns_nothing():
    person = replace(UNEMPLOYED_HIRE.candidate, unemployed_since=None)
    amount = long_term_unemployed_hire(replace(UNEMPLOYED_HIRE, candidate=person), UNEMPLOYED_PARAMS, WAGE)
    assert amount.fen == 0 and "经人社局确认" in amount.explanation_zh
