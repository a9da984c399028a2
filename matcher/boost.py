"""The boosts of a text similarity, written once (matcher/weights.py says why they multiply).

    score = text × multiplier(major fits, township fits, priority, freshness)

Each argument is a scalar or an array over the documents ranked; the rankings and the
explanation of one pair call the same function, so a shown score is the ranked one.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

from matcher.weights import Weights
from policy.codes import WORK_TYPES
from policy.eligibility import CandidateFacts, priority, served_first

Fit = bool | npt.NDArray[np.bool_]
Value = float | npt.NDArray[np.float64]


def multiplier(weights: Weights, major_fit: Fit, town_fit: Fit, priority: Value, freshness: Value,
               wish_fit: Fit = True) -> Any:
    """1 + every boost that applies, each weighed by its weight: a float for one pair, an
    array for the documents ranked. `wish_fit`: the pay and 全职/兼职 the person asked for
    (`wishes_fit`), used as the chosen townships are."""
    return (
        1.0
        + weights.major_fit * major_fit
        + weights.township * town_fit
        + weights.wishes * wish_fit
        + weights.priority * priority
        + weights.freshness * freshness
    )


def wishes_fit(salary_max: Any, post_work: Any, desired_salary: Any, work: Any) -> Any:
    """Whether a post meets the person's 期望月薪 (its top of range reaches it; an unstated pay
    or wish fits) and their 全职/兼职 (the `work` codes of matcher/profiles.py: 0 either, else
    1 + index in WORK_TYPES). Scalars or arrays, either side."""
    pay = (desired_salary == 0) | (salary_max == 0) | (salary_max >= desired_salary)
    return pay & ((work == 0) | (post_work == work))


def work_code(work_type: str) -> int:
    """A 全职/兼职 value as the profiles' code (0 for either)."""
    return WORK_TYPES.index(work_type) + 1 if work_type else 0


def freshness(updated: date | None, as_of: date, days: int) -> float:
    """1.0 for a post updated on `as_of`, falling to 0 after `days`."""
    if updated is None or updated > as_of:
        return 0.0
    return max(0.0, 1.0 - (as_of - updated).days / days)


def days_since(day: date | None, as_of: date) -> int | None:
    return None if day is None or day > as_of else (as_of - day).days


def priority_boost(post_kind: str, facts: CandidateFacts, as_of: date, own_list: bool) -> float:
    """policy.priority (recent graduates on trainee posts) for every reader; on a person's own
    list of posts, public-welfare posts also rise for the groups they serve first — only the
    person reads that list, so it tells nobody else their group."""
    score = priority(post_kind, facts, as_of).score
    if own_list and post_kind == "public_welfare":
        score = max(score, served_first(post_kind, facts).score)
    return score
