"""Small random choices the demo's generators share: a weighted pick, a name of its generation."""

from __future__ import annotations

import random

from demo.loaders import table


def weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def name(rng: random.Random, male: bool, born: int) -> str:
    """A Fujian name: common surnames weighted; given names as that generation's parents chose."""
    names = table("names")
    surname = rng.choices([s for s, _ in names["surnames"]], weights=[w for _, w in names["surnames"]])[0]
    generation = "older" if born < 1985 else "younger"
    return surname + rng.choice(names[f"given_{'male' if male else 'female'}_{generation}"])


def round_to(value: float, step: int) -> int:
    return int(round(value / step)) * step
