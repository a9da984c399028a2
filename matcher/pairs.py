"""One pair's result — a candidate for a post, or a post for a candidate — with its reasons
worded lazily: a ranking fixes ids and scores, and the reasons (the costly part) are worked out
when first read, from the index as it is then (matcher/results.py)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from matcher import boost, explain, ordering
from matcher.results import Reason, Result
from policy.codes import education_rank
from policy.eligibility import check, priority, served_first

if TYPE_CHECKING:
    from matcher.engine import Matcher

Query = tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]
Placed = tuple[int, bool]
"""Where the ordering rule put a ranked document: its level, and whether it was served first."""


def result(index: Matcher, p_slot: int, c_slot: int, as_of: date, for_post: bool,
           score: float | None = None, query: Query | None = None, placed: Placed | None = None
           ) -> Result:
    """The Result of one pair: a candidate for a post (`for_post`) or a post for a candidate.

    `score` and `query`, when given, are the ranking's own (the score is the same formula,
    summed in another order) and the reasons wait until they are read; otherwise all is
    computed here. Read later, the reasons find both documents again by id, so an index
    changed in between explains with what it holds then (or refuses a removed document).
    """
    def asked(p: int, c: int) -> Query:
        return index.query(index.posts_, p) if for_post else index.query(index.candidates_, c)

    first = query or asked(p_slot, c_slot)
    post_id, candidate_id = index.posts_.ids[p_slot], index.candidates_.ids[c_slot]
    doc_id = candidate_id if for_post else post_id

    def worded() -> tuple[bool, tuple[Reason, ...], float, int]:
        p_now = index.slot(index.posts_, post_id, "post")
        c_now = index.slot(index.candidates_, candidate_id, "candidate")
        # A replaced document has a new slot (and compaction moves every slot): then the
        # query is taken again from the documents as they are now, so the reasons never
        # mix an old text with a new one.
        now = first if (p_now, c_now) == (p_slot, c_slot) else asked(p_now, c_now)
        return details(index, p_now, c_now, as_of, for_post, now, placed)

    if score is None or placed is None:
        eligible, reasons, score, level = worded()
        return Result.known(doc_id, score, eligible, reasons, level)
    return Result(doc_id, score, lambda: worded()[:2], placed[0])


def text(index: Matcher, p_slot: int, c_slot: int, for_post: bool) -> float:
    """The pair's text similarity, asked from the post's side (`for_post`) or the person's."""
    if for_post:
        cols, weights = index.query(index.posts_, p_slot)
        return float(index.candidates_.dot(c_slot, cols, weights)[1].sum())
    cols, weights = index.query(index.candidates_, c_slot)
    return float(index.posts_.dot(p_slot, cols, weights)[1].sum())


def details(index: Matcher, p_slot: int, c_slot: int, as_of: date, for_post: bool, query: Query,
            placed: Placed | None = None) -> tuple[bool, tuple[Reason, ...], float, int]:
    """(eligible by the policy, the reasons, the score, the level of fit) of one pair.

    `placed` is where a ranking put the pair (matcher/ordering.py), worded here from the same
    rule; without it (one pair explained alone) the level is read from the text and nobody is
    served first. A post's own freshness is no reason for one person over another: it is said
    only in a person's list of posts.
    """
    post, person = index.post_record(p_slot), index.columns_.person(c_slot)
    facts, townships, major = person.facts, person.townships, person.major
    cols, weights = query
    if for_post:
        shared, parts = index.candidates_.dot(c_slot, cols, weights)
    else:
        shared, parts = index.posts_.dot(p_slot, cols, weights)
    major_fit = not post.majors or person.family in index.post_columns_.majors[p_slot]
    town_fit = not post.township or not townships or post.township in townships
    decision = check(post.kind, post.education_min, facts, as_of)
    prio = priority(post.kind, facts, as_of)
    days = index.weights.freshness_days
    salary, work = person.salary, person.work
    wish_fit = bool(boost.wishes_fit(post.salary_max or 0, boost.work_code(post.work_type), salary or 0,
                                     boost.work_code(work)))
    multiplier: float = boost.multiplier(index.weights, bool(major_fit), bool(town_fit),
                                         boost.priority_boost(post.kind, facts, as_of, not for_post),
                                         boost.freshness(post.updated, as_of, days), wish_fit)
    above = bool(ordering.far_above(index.weights, education_rank(post.education_min), person.education))
    text = float(parts.sum())
    if placed:
        level = placed[0]
    else:
        level = int(ordering.levels(index.weights, np.array([text]), np.array([above]))[0])
    reasons = explain.rules(decision, prio) if not decision.eligible else []
    terms = [index.vocabulary_.terms[c] for c in shared.tolist()]
    reasons += explain.shared_terms(terms, parts.tolist(), index.hidden_terms)
    reasons += explain.major_fit(post.majors, major, bool(major_fit))
    # A post placed first in its level though it misses the person's townships says why.
    ahead_anyway = bool(placed and placed[1] and not for_post)
    reasons += explain.township_fit(post.township, townships, ahead_anyway)
    reasons += explain.wishes(post.salary_max, post.work_type, salary, work)
    reasons += explain.far_above(above, facts.education)
    if decision.eligible:
        reasons += explain.rules(decision, prio)
        if placed and for_post and placed[1]:
            reasons += explain.served_first(served_first(post.kind, facts), level)
        if not for_post:
            reasons += explain.freshness(boost.days_since(post.updated, as_of), days)
    return decision.eligible, tuple(reasons), text * multiplier, level
