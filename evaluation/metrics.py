"""Ranking metrics of the dev set's README, written out so tests can check them by hand.

The definitions follow `evaluation/data/dev/README.md`: nDCG@k with gain 2^grade - 1 and a
log2(rank + 1) discount, MRR@k of the first grade-3 item, P@k counting grade >= 2, and the
number of ineligible items in the top k. A query absent from a run counts 0, so a ranker
cannot look better by skipping hard queries. Only numpy and the standard library are used:
the metrics must not depend on the matcher they judge.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np

Qrels = Mapping[str, Mapping[str, int]]
"""query id -> {document id -> grade}; unlisted documents have grade 0."""

Run = Mapping[str, Sequence[str]]
"""query id -> ranked document ids, best first."""


def _discounts(n: int) -> np.ndarray:
    """1 / log2(rank + 1) for ranks 1..n."""
    return 1.0 / np.log2(np.arange(2, n + 2))


def dcg(grades: Sequence[int]) -> float:
    """Discounted cumulative gain of grades in rank order, gain 2^grade - 1."""
    gains = np.exp2(np.asarray(grades, dtype=float)) - 1.0
    return float(gains @ _discounts(len(gains)))


def ndcg_at_k(ranking: Sequence[str], judged: Mapping[str, int], k: int) -> float:
    """nDCG@k of one ranking; 0.0 when nothing is relevant (no ideal ranking to compare)."""
    ideal = dcg(sorted(judged.values(), reverse=True)[:k])
    if ideal == 0.0:
        return 0.0
    return dcg([judged.get(doc, 0) for doc in ranking[:k]]) / ideal


def reciprocal_rank_at_k(
    ranking: Sequence[str], judged: Mapping[str, int], k: int, grade: int = 3
) -> float:
    """1 / rank of the first item of at least `grade` within the top k, else 0.0."""
    for rank, doc in enumerate(ranking[:k], start=1):
        if judged.get(doc, 0) >= grade:
            return 1.0 / rank
    return 0.0


def precision_at_k(
    ranking: Sequence[str], judged: Mapping[str, int], k: int, min_grade: int = 2
) -> float:
    """Share of the k slots holding an item of at least `min_grade`; empty slots count as misses."""
    return sum(1 for doc in ranking[:k] if judged.get(doc, 0) >= min_grade) / k


def ineligible_at_k(ranking: Sequence[str], is_eligible: Callable[[str], bool], k: int) -> int:
    """How many of the top k the eligibility rules forbid (DESIGN.md: must be 0)."""
    return sum(1 for doc in ranking[:k] if not is_eligible(doc))


def mean_over_queries(
    run: Run, qrels: Qrels, metric: Callable[[Sequence[str], Mapping[str, int]], float]
) -> float:
    """Mean of `metric` over every judged query; a query missing from the run scores 0."""
    if not qrels:
        return 0.0
    return float(np.mean([metric(run.get(query, ()), judged) for query, judged in qrels.items()]))


def load_qrels(path: Path) -> dict[str, dict[str, int]]:
    """Read `post_id<TAB>candidate_id<TAB>grade` lines into {post_id: {candidate_id: grade}}."""
    qrels: dict[str, dict[str, int]] = defaultdict(dict)
    with open(path, encoding="utf-8", newline="") as handle:
        for post_id, candidate_id, grade in csv.reader(handle, delimiter="\t"):
            qrels[post_id][candidate_id] = int(grade)
    return dict(qrels)


def invert_qrels(qrels: Qrels) -> dict[str, dict[str, int]]:
    """The same judgements keyed by document: {candidate_id: {post_id: grade}} for the other
    direction. Candidates with no relevant post drop out, as they have no ideal ranking."""
    inverted: dict[str, dict[str, int]] = defaultdict(dict)
    for query, judged in qrels.items():
        for doc, grade in judged.items():
            if grade > 0:
                inverted[doc][query] = grade
    return dict(inverted)
