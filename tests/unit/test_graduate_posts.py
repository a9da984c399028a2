"""policy/graduate_posts.py: （七）'s SOE share at its boundaries — who may reserve, who counts as
an 应届高校毕业生 on the first and last day, and the 50 % line."""

from datetime import date

import pytest

from policy.eligibility import CandidateFacts
from policy.graduate_posts import Share, fresh_graduate, reservation_problem


def graduate(graduated, education="bachelor", school="福州大学", employed=False):
    return CandidateFacts(education=education, school=school, graduation_date=graduated,
                          employed=employed)


@pytest.mark.parametrize("ownership, kind, allowed", [
    ("soe", "regular", True),
    ("soe", "trainee", False),
    ("soe", "public_welfare", False),
    ("private", "regular", False),
    ("public_institution", "regular", False),
])
def test_only_an_soes_regular_post_may_be_reserved_for_graduates(ownership, kind, allowed):
    assert (reservation_problem(ownership, kind) is None) is allowed


def test_a_graduate_of_the_start_dates_year_is_fresh_even_before_leaving_school():
    assert fresh_graduate(graduate(date(2020, 7, 1)), date(2020, 1, 2)).passed
    assert fresh_graduate(graduate(date(2020, 7, 1)), date(2020, 12, 31)).passed


def test_an_unemployed_graduate_counts_as_fresh_through_the_second_anniversary_only():
    left = date(2018, 7, 1)
    reason = fresh_graduate(graduate(left), date(2020, 7, 1))
    assert reason.passed and reason.message.endswith("“以应届毕业生身份参加用人单位招聘（录）考试”（七）")
    assert not fresh_graduate(graduate(left), date(2020, 7, 2)).passed
    assert not fresh_graduate(graduate(left, employed=True), date(2019, 7, 1)).passed


def test_a_non_graduate_is_not_fresh_whatever_the_date():
    assert not fresh_graduate(graduate(date(2020, 7, 1), education="high_school"), date(2020, 8, 1)).passed
    assert not fresh_graduate(graduate(date(2020, 7, 1), education="vocational", school="长乐职专"),
                              date(2020, 8, 1)).passed
    assert fresh_graduate(graduate(date(2020, 7, 1), education="vocational", school="福建技师学院"),
                          date(2020, 8, 1)).passed
    assert not fresh_graduate(graduate(None), date(2020, 8, 1)).passed


@pytest.mark.parametrize("slots, reserved, meets", [(10, 5, True), (10, 4, False), (3, 2, True),
                                                     (3, 1, False), (0, 0, False)])
def test_the_share_meets_the_line_at_exactly_half(slots, reserved, meets):
    assert Share("某国企", slots, reserved).meets is meets
