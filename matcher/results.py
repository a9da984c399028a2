"""What a query returns: results with structured reasons, each reason knowing who may read it.

Rankings reach three audiences. The bureau and the seeker themself read every reason; an
employer must never read which hardship, 低保 or poverty group a person belongs to
(policy.codes.SENSITIVE_GROUPS), not even by contrast with what other people's reasons say. So a
`Reason` that names a person's group is `sensitive` and carries the neutral wording an employer
reads instead; `Result.why_for("employer")` is the only employer-facing view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from matcher.ordering import LEVELS

AUDIENCES = ("bureau", "seeker", "employer")
"""Who reads a result; only the employer gets the neutral wording."""


class Reason(NamedTuple):
    """One line of an explanation.

    `code` says what produced it ("terms.word", "major", "township", a policy rule's code such as
    "public_welfare" or "priority.group", "freshness", "order"). `neutral` replaces a sensitive
    `text` for employers; an empty `neutral` drops the line for them. `fits` splits what fits
    from what does not. A named tuple: a seeker's list of ten posts makes some forty, and a
    frozen dataclass took three times as long to make each.
    """

    code: str
    text: str
    sensitive: bool = False
    neutral: str = ""
    fits: bool = True  # False: something that does not fit (pages style the two apart)

    def shown_to(self, audience: str) -> str:
        """The wording `audience` may read ("" when the line is withheld)."""
        if audience not in AUDIENCES:
            raise ValueError(f"unknown audience {audience!r}; use one of {AUDIENCES}")
        return self.neutral if self.sensitive and audience == "employer" else self.text


class Result:
    """One ranked post or candidate: its score, its reasons in Chinese, and whether it may apply.

    `why` is every reason's full text (for the bureau and the seeker); `reasons` are the same lines
    with their codes and sensitivity, from which `why_for(audience)` words them for a reader.

    The ranking fixes `id` and `score`; whether the pair is eligible (by policy.eligibility, the
    authority) and the reasons are worked out when first read (with the next few results of the
    list, matcher/pairs.py), from the index as it is then.
    Wording ten explanations costs more than finding the ten, and a caller that only needs the
    order (a batch job, a count, the benchmark's ranking figure) should not pay for it.
    """

    __slots__ = ("id", "score", "level", "_explain", "_details")

    def __init__(self, id: str, score: float,
                 explain: Callable[[], tuple[bool, tuple[Reason, ...]]], level: int = len(LEVELS) - 1):
        self.id, self.score, self.level = id, score, level
        self._explain = explain
        self._details: tuple[bool, tuple[Reason, ...]] | None = None

    @classmethod
    def known(cls, id: str, score: float, eligible: bool, reasons: tuple[Reason, ...],
              level: int = len(LEVELS) - 1) -> Result:
        """A result whose reasons are already worded."""
        return cls(id, score, lambda: (eligible, tuple(reasons)), level)

    @property
    def fit(self) -> str:
        """The level of fit as people read it (很匹配 / 较匹配 / 可以考虑): never a raw score."""
        return LEVELS[self.level]

    def _explained(self) -> tuple[bool, tuple[Reason, ...]]:
        if self._details is None:
            self._details = self._explain()
        return self._details

    @property
    def eligible(self) -> bool:
        return self._explained()[0]

    @property
    def reasons(self) -> tuple[Reason, ...]:
        return self._explained()[1]

    @property
    def why(self) -> list[str]:
        return [reason.text for reason in self.reasons]

    def why_for(self, audience: str, fits: bool | None = None) -> list[str]:
        """The reasons `audience` may read, in order, without repeats or withheld lines; only
        what fits (`fits=True`) or only what does not (`fits=False`) when asked."""
        out: list[str] = []
        for reason in self.reasons:
            line = reason.shown_to(audience)
            if line and line not in out and fits in (None, reason.fits):
                out.append(line)
        return out

    @property
    def why_public(self) -> list[str]:
        """The employer's view: no reason names a sensitive group."""
        return self.why_for("employer")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Result):
            return NotImplemented
        return (self.id, self.score, self._explained()) == (other.id, other.score, other._explained())

    __hash__ = None  # type: ignore[assignment]  # equal results compare by value; not hashable

    def __repr__(self) -> str:
        return f"Result(id={self.id!r}, score={self.score!r})"


@dataclass(frozen=True)
class Hit:
    """A keyword-search hit: `terms` are the words of the post to highlight."""

    id: str
    score: float
    terms: tuple[str, ...]
