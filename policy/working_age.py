"""劳动年龄内 of （九）: who may register as unemployed, by birth date and sex from the 身份证号.

Working age runs from the 16th birthday (included) to the statutory retirement age (excluded):
the day before the birthday at retirement age is the last day of working age, the birthday
itself is retirement. Ages grow on the birthday, as `policy.eligibility.age_on` counts them:
someone born on 29 February turns 16 (or 60) on 1 March of a common year. The ages are
parameters of `policy/data/settings.json` (national rules the bureau keeps current), women's
depending on whether the person declares being a cadre (干部) or a worker (工人, the default).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from policy.errors import Invalid
from policy.parameters import Parameter, Settings
from policy.placements import months_later, zh_date

SECTION = "working_age"


@dataclass(frozen=True)
class WorkingAge:
    """The window [first_day, retirement) and the parameters that set it."""

    first_day: date
    retirement: date
    min_age: Parameter
    retirement_age: Parameter


def retirement_parameter(sex: str, cadre: bool, settings: Settings, as_of: date) -> Parameter:
    if sex == "male":
        return settings.at(SECTION, "retirement_age_male", as_of)
    name = "retirement_age_female_cadre" if cadre else "retirement_age_female_worker"
    return settings.at(SECTION, name, as_of)


def working_age(birth_date: date, sex: str, cadre: bool, settings: Settings | None = None,
                as_of: date | None = None) -> WorkingAge:
    """The person's working-age window; `sex` is "male" or "female" (policy.identifiers). The
    ages are the bureau's settings in effect on `as_of` (the data file's without settings)."""
    if sex not in ("male", "female"):
        raise ValueError(f"unknown sex {sex!r}")
    settings, day = settings or Settings(), as_of or birth_date
    min_age = settings.at(SECTION, "min_age", day)
    retirement_age = retirement_parameter(sex, cadre, settings, day)
    return WorkingAge(months_later(birth_date, 12 * min_age.value),
                      months_later(birth_date, 12 * retirement_age.value), min_age, retirement_age)


def check_working_age(birth_date: date, sex: str, cadre: bool, as_of: date,
                      settings: Settings | None = None) -> None:
    """Invalid (code `outside_working_age`) with a Chinese message when `as_of` is outside it."""
    window = working_age(birth_date, sex, cadre, settings, as_of)
    if as_of < window.first_day:
        raise Invalid(
            f"失业登记须在法定劳动年龄内：您将于{zh_date(window.first_day)}年满{window.min_age.value}周岁，"
            "届时方可办理", code="outside_working_age")
    if as_of >= window.retirement:
        who = "男性" if sex == "male" else ("女干部" if cadre else "女工人")
        raise Invalid(
            f"失业登记须在法定劳动年龄内：{who}法定退休年龄为{window.retirement_age.value}周岁，"
            f"您已于{zh_date(window.retirement)}达到，不能办理失业登记", code="outside_working_age")

