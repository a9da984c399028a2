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

Fit = bool | npt.NDArray[np.bool_]
Value = float | npt.NDArray[np.float64]


def multiplier(weights: Weights, major_fit: Fit, town_fit: Fit, priority: Value, freshness: Value
               ) -> Any:
    """1 + every boost that applies, each weighed by its weight: a float for one pair, an
    array for the documents ranked."""
    return (
        1.0
        + weights.major_fit * major_fit
        + weights.township * town_fit
        + weights.priority * priority
        + weights.freshness * freshness
    )


def freshness(updated: date | None, as_of: date, days: int) -> float:
    """1.0 for a post updated on `as_of`, falling to 0 after `days`."""
    if updated is None or updated > as_of:
        return 0.0
    return max(0.0, 1.0 - (as_of - updated).days / days)


def days_since(day: date | None, as_of: date) -> int | None:
    return None if day is None or day > as_of else (as_of - day).days
