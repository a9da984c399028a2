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
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
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


# --- search through the API (evaluation/data/dev-search/README.md) ---------------------------

def count_honesty(results: Sequence[str], judged: Mapping[str, int], total: int,
                  min_grade: int = 1) -> float:
    """Of the `total` results a search claims, the share that are relevant (grade >= min_grade)
    among those it listed; a search claiming nothing scores 0, so silence is not honesty."""
    if total <= 0:
        return 0.0
    return sum(1 for doc in results if judged.get(doc, 0) >= min_grade) / total


def recall_all(results: Sequence[str], judged: Mapping[str, int]) -> float:
    """Share of the graded documents found anywhere in the result list (0.0 with none graded)."""
    graded = [doc for doc, grade in judged.items() if grade > 0]
    if not graded:
        return 0.0
    listed = set(results)
    return sum(1 for doc in graded if doc in listed) / len(graded)


def pairwise_priority_order(
    ranking: Sequence[str], priority: Collection[str], fit: Mapping[str, int],
    eligible: Collection[str],
) -> float | None:
    """Share of pairs (priority p, non-priority n), both eligible, p's fit >= n's fit and at
    least one of them listed, where p is ranked above n (a listed person is above an unlisted
    one). None when there is no such pair (nothing to judge)."""
    position = {person: rank for rank, person in enumerate(ranking)}
    unlisted = len(ranking)
    ahead = pairs = 0
    for p in eligible:
        if p not in priority:
            continue
        for n in eligible:
            if n in priority or fit.get(p, 0) < fit.get(n, 0):
                continue
            if p not in position and n not in position:
                continue
            pairs += 1
            ahead += position.get(p, unlisted) < position.get(n, unlisted)
    return ahead / pairs if pairs else None


def share_of(people: Iterable[str], group: Collection[str]) -> float:
    """Share of `people` in `group` (0.0 of nobody)."""
    people = list(people)
    return sum(1 for person in people if person in group) / len(people) if people else 0.0
