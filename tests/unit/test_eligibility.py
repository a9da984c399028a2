"""policy/eligibility.py at every boundary date: DESIGN.md's table, （六）（七）（八）（十）."""

from datetime import date

import pytest

from policy.eligibility import (
    CandidateFacts,
    add_months,
    age_on,
    check,
    priority,
    served_first,
    unemployed_months,
)

AS_OF = date(2020, 9, 1)
# The trainee rule's source: a national notice, not the seed.
NOTICE = "人力资源社会保障部等七部门2020年《关于进一步加强就业见习工作的通知》"


def graduate(graduated: date, education="bachelor", school="福州大学", employed=False, groups=()):
    return CandidateFacts(
        education=education,
        school=school,
        birth_date=date(1990, 1, 1),
        graduation_date=graduated,
        groups=frozenset(groups),
        employed=employed,
    )


def youth(birth: date, groups=("registered_unemployed",), education="high_school"):
    return CandidateFacts(
        education=education, birth_date=birth, graduation_date=date(2015, 6, 30), groups=frozenset(groups)
    )


def test_regular_post_needs_only_the_education_minimum():
    assert check("regular", "associate", CandidateFacts("bachelor"), AS_OF).eligible
    decision = check("regular", "associate", CandidateFacts("high_school"), AS_OF)
    assert not decision.eligible
    assert decision.reasons[0].message == "学历不足：高中 < 大专"


def test_education_reason_reads_have_at_least_need():
    decision = check("regular", "associate", CandidateFacts("bachelor"), AS_OF)
    assert decision.reasons[0].message == "学历满足：本科 ≥ 大专"
    assert check("regular", "none", CandidateFacts("none"), AS_OF).reasons[0].message == "学历不限"


def test_trainee_graduate_is_eligible_on_the_second_anniversary_of_graduation():
    decision = check("trainee", "associate", graduate(date(2018, 9, 1)), AS_OF)
    assert decision.eligible
    assert f"离校未满两年，可参加就业见习（{NOTICE}）" in [r.message for r in decision.reasons]


def test_trainee_graduate_is_not_eligible_the_day_after_the_second_anniversary():
    decision = check("trainee", "associate", graduate(date(2018, 8, 31)), AS_OF)
    assert not decision.eligible
    assert any("离校已超过两年" in r.message for r in decision.reasons)


def test_trainee_window_of_a_leap_day_graduate_ends_on_28_february():
    leap = graduate(date(2020, 2, 29))
    assert check("trainee", "none", leap, date(2022, 2, 28)).eligible
    assert not check("trainee", "none", leap, date(2022, 3, 1)).eligible


def test_trainee_graduate_not_yet_graduated_is_not_eligible():
    assert not check("trainee", "associate", graduate(date(2020, 9, 2)), AS_OF).eligible
    assert check("trainee", "associate", graduate(date(2020, 9, 1)), AS_OF).eligible


def test_employed_graduate_may_not_take_a_trainee_post():
    decision = check("trainee", "associate", graduate(date(2020, 6, 30), employed=True), AS_OF)
    assert not decision.eligible
    assert f"已就业，不符合就业见习条件（{NOTICE}）" in [r.message for r in decision.reasons]


def test_technician_college_graduate_counts_but_a_vocational_school_one_does_not():
    technician = graduate(date(2020, 6, 30), education="vocational", school="福建技师学院")
    vocational = graduate(date(2020, 6, 30), education="vocational", school="长乐职业中专学校")
    assert check("trainee", "vocational", technician, AS_OF).eligible
    decision = check("trainee", "vocational", vocational, AS_OF)
    assert not decision.eligible
    assert "非技师学院" in decision.reasons[1].message


def test_trainee_youth_is_eligible_from_the_16th_birthday_to_the_day_before_the_25th():
    assert check("trainee", "none", youth(date(1995, 9, 2)), AS_OF).eligible  # 24, one day before 25
    assert not check("trainee", "none", youth(date(1995, 9, 1)), AS_OF).eligible  # 25 today
    assert check("trainee", "none", youth(date(2004, 9, 1)), AS_OF).eligible  # 16 today
    assert not check("trainee", "none", youth(date(2004, 9, 2)), AS_OF).eligible  # 15


def test_trainee_youth_must_be_registered_unemployed():
    assert not check("trainee", "none", youth(date(2000, 1, 1), groups=()), AS_OF).eligible


def test_trainee_youth_route_is_explained_with_the_clause():
    decision = check("trainee", "none", youth(date(2000, 1, 1)), AS_OF)
    assert f"16至24周岁登记失业青年，可参加就业见习（{NOTICE}）" in [r.message for r in decision.reasons]


def test_age_grows_on_the_birthday_and_a_leap_day_birthday_on_1_march():
    assert age_on(date(2000, 9, 1), date(2020, 9, 1)) == 20
    assert age_on(date(2000, 9, 2), date(2020, 9, 1)) == 19
    assert age_on(date(2000, 2, 29), date(2021, 2, 28)) == 20
    assert age_on(date(2000, 2, 29), date(2021, 3, 1)) == 21


@pytest.mark.parametrize(
    "group", ["hardship", "low_income", "poverty", "registered_unemployed", "unemployed_graduate"]
)
def test_public_welfare_post_takes_each_of_the_five_groups(group):
    facts = CandidateFacts("junior_high", groups=frozenset({group}))
    assert check("public_welfare", "none", facts, AS_OF).eligible


def test_public_welfare_reason_names_the_group_and_the_clause():
    facts = CandidateFacts("junior_high", groups=frozenset({"hardship"}))
    decision = check("public_welfare", "none", facts, AS_OF)
    assert "符合公益性岗位条件：就业困难人员（本区经办规则）" in [r.message for r in decision.reasons]


def test_public_welfare_post_refuses_other_groups_and_the_employed():
    assert not check(
        "public_welfare", "none", CandidateFacts("junior_high", groups=frozenset({"veteran"})), AS_OF
    ).eligible
    employed = CandidateFacts("junior_high", groups=frozenset({"hardship"}), employed=True)
    decision = check("public_welfare", "none", employed, AS_OF)
    assert not decision.eligible
    assert "已就业，不符合公益性岗位条件（本区经办规则）" in [r.message for r in decision.reasons]


def test_every_kind_also_requires_the_education_minimum():
    facts = CandidateFacts("junior_high", groups=frozenset({"hardship"}))
    assert not check("public_welfare", "high_school", facts, AS_OF).eligible
    assert not check(
        "trainee", "bachelor", graduate(date(2020, 6, 30), education="associate"), AS_OF
    ).eligible


def test_unknown_post_kind_is_an_error():
    with pytest.raises(ValueError):
        check("internship", "none", CandidateFacts("none"), AS_OF)


def test_unemployed_six_months_is_reached_on_the_same_day_six_months_later():
    assert unemployed_months(date(2020, 3, 1), date(2020, 9, 1)) == 6
    assert unemployed_months(date(2020, 3, 1), date(2020, 8, 31)) == 5
    assert unemployed_months(date(2020, 8, 31), date(2021, 2, 28)) == 6
    assert unemployed_months(None, AS_OF) == 0
    assert unemployed_months(date(2020, 9, 2), AS_OF) == 0


def test_add_months_clamps_to_the_last_day_of_the_month():
    assert add_months(date(2020, 8, 31), 1) == date(2020, 9, 30)
    assert add_months(date(2020, 1, 31), 1) == date(2020, 2, 29)
    assert add_months(date(2020, 11, 15), 3) == date(2021, 2, 15)


LOW_INCOME_FIRST = "优先安排：低保家庭成员；依据：“复产复工中优先使用低保家庭劳动力”（八）"


def test_public_welfare_posts_serve_hardship_low_income_and_poverty_first():
    first = CandidateFacts("junior_high", groups=frozenset({"low_income"}))
    other = CandidateFacts("junior_high", groups=frozenset({"registered_unemployed"}))
    assert served_first("public_welfare", first).score == 1.0
    assert served_first("public_welfare", first).reasons[0].message == LOW_INCOME_FIRST
    assert served_first("public_welfare", other).score == 0.0
    assert priority("public_welfare", first, AS_OF).score == 0.0  # never in anyone's score


def test_regular_posts_serve_low_income_families_first_and_trainee_posts_nobody():
    poor = CandidateFacts("junior_high", groups=frozenset({"low_income"}))
    hardship = CandidateFacts("junior_high", groups=frozenset({"hardship"}))
    assert served_first("regular", poor).reasons[0].message == LOW_INCOME_FIRST
    assert served_first("regular", hardship).score == 0.0
    assert served_first("trainee", poor).score == 0.0


def test_trainee_priority_prefers_the_most_recent_graduates():
    recent = priority("trainee", graduate(date(2020, 7, 1)), AS_OF).score
    older = priority("trainee", graduate(date(2019, 7, 1)), AS_OF).score
    assert 1.0 > recent > older > 0.0
    assert priority("regular", graduate(date(2020, 7, 1)), AS_OF).score == 0.0
