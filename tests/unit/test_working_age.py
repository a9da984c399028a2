"""劳动年龄内 of （九）: from the 16th birthday to the day before the statutory retirement age."""

from datetime import date, timedelta

import pytest

from policy.errors import Invalid
from policy.identifiers import make_id_number, sex_from_id
from policy.parameters import parameter
from policy.working_age import check_working_age

BORN = date(1970, 5, 17)
DAY = timedelta(days=1)


def _refused(birth, sex, cadre, as_of):
    try:
        check_working_age(birth, sex, cadre, as_of)
    except Invalid as refusal:
        assert refusal.code == "outside_working_age"
        return str(refusal.message)
    return None


@pytest.mark.parametrize("sex", ["male", "female"])
def test_the_day_before_the_16th_birthday_is_refused_and_the_birthday_accepted(sex):
    sixteen = date(1986, 5, 17)
    message = _refused(BORN, sex, False, sixteen - DAY)
    assert message is not None and "1986年5月17日年满16周岁" in message
    assert _refused(BORN, sex, False, sixteen) is None


@pytest.mark.parametrize(("sex", "cadre", "age", "who"), [
    ("male", False, 60, "男性"), ("male", True, 60, "男性"),
    ("female", False, 50, "女工人"), ("female", True, 55, "女干部"),
])
def test_the_last_day_before_retirement_is_accepted_and_the_retirement_birthday_refused(sex, cadre, age, who):
    retirement = BORN.replace(year=BORN.year + age)
    assert _refused(BORN, sex, cadre, retirement - DAY) is None
    message = _refused(BORN, sex, cadre, retirement)
    assert message is not None and f"{who}法定退休年龄为{age}周岁" in message
    assert _refused(BORN, sex, cadre, retirement + DAY) is not None


def test_a_29_february_birthday_counts_from_1_march_in_a_common_year():
    leap = date(2004, 2, 29)
    assert _refused(leap, "male", False, date(2020, 2, 28)) is not None
    assert _refused(leap, "male", False, date(2020, 2, 29)) is None
    assert _refused(leap, "female", False, date(2054, 2, 28)) is None
    assert _refused(leap, "female", False, date(2054, 3, 1)) is not None


def test_sex_is_read_from_the_17th_character_of_the_id_number():
    assert sex_from_id(make_id_number("350182", BORN, 123)) == "male"
    assert sex_from_id(make_id_number("350182", BORN, 124)) == "female"


def test_the_ages_are_parameters_that_name_their_source():
    assert parameter("working_age", "min_age").value == 16
    assert parameter("working_age", "retirement_age_male").value == 60
    assert parameter("working_age", "retirement_age_female_worker").value == 50
    assert parameter("working_age", "retirement_age_female_cadre").value == 55
    assert "国发〔1978〕104号" in parameter("working_age", "retirement_age_male").label
    assert parameter("post_listing", "stale_after_days").label == "本区经办规则"
