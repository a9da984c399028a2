"""The results of a ranking — candidates for a post, or posts for a candidate — with their
reasons worded lazily and a page at a time: a ranking fixes ids and scores, and the reasons (the
costly part) are worked out when one is read, for it and the next few (`WORDED_TOGETHER`), from
the index as it is then (matcher/results.py). A list shares one query and one side of every
pair: those rows are read against the query in one pass, and on a person's list of posts each
policy rule is worded once per post kind and education minimum, not once a post.
"""

from __future__ import annotations

from datetime import date
from functools import partial
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
Ranked = tuple[int, float, int, bool]
"""A ranked document as matcher/ordering.order gives it: (slot, score, level, served first)."""
Pair = tuple[int, int]
"""(post slot, candidate slot)."""
Worded = tuple[bool, tuple[Reason, ...]]
"""Whether the pair is eligible by the policy, and its reasons."""
WORDED_TOGETHER = 10
"""Results worded at once from the one read: a seeker's list, or a page of a longer list that
its reader may cut (the bureau ranks three pages' worth and shows one)."""


def _asked(index: Matcher, pair: Pair, for_post: bool) -> Query:
    return index.query(index.posts_, pair[0]) if for_post else index.query(index.candidates_, pair[1])


def ranked(index: Matcher, fixed: int, documents: list[Ranked], as_of: date, for_post: bool,
           query: Query) -> list[Result]:
    """The Results of one ranked list: the candidates of post slot `fixed` (`for_post`), or
    the posts of candidate slot `fixed`; `query` is the ranking's own. No reason is worded until
    one is read; then it is, with the next results not yet worded. Read later, the reasons find
    both documents again by id, so an index changed in between explains with what it holds then
    (or refuses a removed document)."""
    pairs = [(fixed, slot) if for_post else (slot, fixed) for slot, _, _, _ in documents]
    ids = [(index.posts_.ids[p], index.candidates_.ids[c]) for p, c in pairs]
    placed = [(level, first) for _, _, level, first in documents]
    worded: dict[int, Worded] = {}

    def unchanged(i: int) -> bool:
        return (index.posts_.slot_of.get(ids[i][0]), index.candidates_.slot_of.get(ids[i][1])) == pairs[i]

    def word(at: int) -> Worded:
        now = (index.slot(index.posts_, ids[at][0], "post"),
               index.slot(index.candidates_, ids[at][1], "candidate"))
        if at not in worded and now == pairs[at]:
            window = [i for i in range(at, min(at + WORDED_TOGETHER, len(pairs)))
                      if i not in worded and unchanged(i)]
            said = reasons(index, [pairs[i] for i in window], as_of, for_post, query,
                           [placed[i] for i in window])
            worded.update(zip(window, said, strict=True))
        if now == pairs[at]:
            return worded[at]
        # A replaced document has a new slot (and compaction moves every slot): its query is
        # taken again from the documents as they are now, so the reasons never mix an old text
        # with a new one.
        return reasons(index, [now], as_of, for_post, _asked(index, now, for_post), [placed[at]])[0]

    doc_ids = [c if for_post else p for p, c in ids]
    return [Result(doc_ids[i], score, partial(word, i), level)
            for i, (_, score, level, _) in enumerate(documents)]


def alone(index: Matcher, p_slot: int, c_slot: int, as_of: date, for_post: bool) -> Result:
    """The Result of one pair explained by itself, asked from the post's side (`for_post`) or
    the person's: its score and level as a ranking would give them, nobody served first."""
    eligible, why = reasons(index, [(p_slot, c_slot)], as_of, for_post,
                            _asked(index, (p_slot, c_slot), for_post), [None])[0]
    similarity = text(index, p_slot, c_slot, for_post)
    post, person = index.post_record(p_slot), index.columns_.person(c_slot)
    facts = person.facts
    major_fit = not post.majors or person.family in index.post_columns_.majors[p_slot]
    town_fit = not post.township or not person.townships or post.township in person.townships
    wish_fit = bool(boost.wishes_fit(post.salary_max or 0, boost.work_code(post.work_type),
                                     person.salary or 0, boost.work_code(person.work)))
    multiplier: float = boost.multiplier(
        index.weights, bool(major_fit), bool(town_fit),
        boost.priority_boost(post.kind, facts, as_of, not for_post),
        boost.freshness(post.updated, as_of, index.weights.freshness_days), wish_fit)
    above = bool(ordering.far_above(index.weights, education_rank(post.education_min), person.education))
    level = int(ordering.levels(index.weights, np.array([similarity]), np.array([above]))[0])
    doc_id = index.candidates_.ids[c_slot] if for_post else index.posts_.ids[p_slot]
    return Result.known(doc_id, similarity * multiplier, eligible, why, level)


def text(index: Matcher, p_slot: int, c_slot: int, for_post: bool) -> float:
    """The pair's text similarity, asked from the post's side (`for_post`) or the person's."""
    store, slot = (index.candidates_, c_slot) if for_post else (index.posts_, p_slot)
    (_, parts), = store.dots([slot], *_asked(index, (p_slot, c_slot), for_post))
    return float(np.sum(parts))


def reasons(index: Matcher, pairs: list[Pair], as_of: date, for_post: bool, query: Query,
            placed: list[Placed | None]) -> list[Worded]:
    """Whether each pair is eligible by the policy, and its reasons, all asked with one
    `query`: the post's (`for_post`) or the person's.

    `placed` is where a ranking put each pair (matcher/ordering.py), worded here from the same
    rule; None (one pair explained alone): nobody is served first. A post's own freshness is
    no reason for one person over another: it is said only in a person's list of posts.
    """
    cols, weights = query
    if for_post:
        found = index.candidates_.dots([c for _, c in pairs], cols, weights)
    else:
        found = index.posts_.dots([p for p, _ in pairs], cols, weights)
    days, terms = index.weights.freshness_days, index.vocabulary_.terms
    ruled: dict[tuple[str, str, int], tuple[bool, list[Reason], list[Reason]]] = {}
    out = []
    for (p_slot, c_slot), (shared, parts), where in zip(pairs, found, placed, strict=True):
        post, person = index.post_record(p_slot), index.columns_.person(c_slot)
        facts, townships = person.facts, person.townships
        key = (post.kind, post.education_min, c_slot)
        if key not in ruled:  # the same rules for every post of a kind and minimum
            decision = check(post.kind, post.education_min, facts, as_of)
            prio = priority(post.kind, facts, as_of)
            above = bool(ordering.far_above(index.weights, education_rank(post.education_min),
                                            person.education))
            ruled[key] = (decision.eligible, explain.rules(decision, prio),
                          explain.far_above(above, facts.education))
        eligible, passed, far_above = ruled[key]
        lines = [] if eligible else list(passed)
        lines += explain.shared_terms([terms[c] for c in shared], parts, index.hidden_terms)
        major_fit = not post.majors or person.family in index.post_columns_.majors[p_slot]
        lines += explain.major_fit(post.majors, person.major, major_fit)
        # A post placed first in its level though it misses the person's townships says why.
        ahead_anyway = bool(where and where[1] and not for_post)
        lines += explain.township_fit(post.township, townships, ahead_anyway)
        lines += explain.wishes(post.salary_max, post.work_type, person.salary, person.work)
        lines += far_above
        if eligible:
            lines += passed
            if where and for_post and where[1]:
                lines += explain.served_first(served_first(post.kind, facts), where[0])
            if not for_post:
                lines += explain.freshness(boost.days_since(post.updated, as_of), days)
        out.append((eligible, tuple(lines)))
    return out
