"""The two rankings: candidates for a post, posts for a candidate. Each has three steps, all on
arrays: the text cosine (matcher/index.py), the hard filters (the education minimum and the
kind's rule, matcher/profiles.py mirroring policy/eligibility.py), and the boosts
(matcher/boost.py) after dropping what cannot reach the top even with every boost. Ties break
by id, so the same index and question always give the same list."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from matcher import boost
from matcher.index import DocStore
from matcher.records import Post
from matcher.results import Result
from policy.codes import POST_KINDS, education_rank
from policy.eligibility import check, priority

if TYPE_CHECKING:
    from matcher.engine import Matcher

Slots = npt.NDArray[np.int64]
Scores = npt.NDArray[np.float64]


def rank_candidates(index: Matcher, post_id: str, as_of: date, top: int,
                    candidate_ids: Collection[str] | None, exhaustive: bool,
                    open_only: bool = False, exclude: Collection[str] = ()) -> list[Result]:
    p_slot = index.slot(index.posts_, post_id, "post")
    post = index.post_record(p_slot)
    cols, weights = index.query(index.posts_, p_slot)
    candidates, columns = index.candidates_, index.columns_
    allowed = allowed_candidates(index, post, as_of, open_only, exclude)
    if exhaustive or candidate_ids is not None:
        slots, text = candidates.scores(cols, weights)
        slots, text = restrict(candidates, slots, text, candidate_ids)
        keep = allowed[slots]
        slots, text = slots[keep], text[keep]
    else:
        slots, partial = candidates.shortlist(cols, weights, allowed, index.weights.posting_budget)
        slots = best(slots, partial, index.weights.shortlist)
        text = candidates.exact(slots, cols, weights)
    slots, text = cut(index, slots, text, top)
    towns, town = columns["towns"][slots], index.post_town_[p_slot]
    town_fit = (towns == 0) | (town < 0) | ((towns >> max(town, 0)) & 1 == 1)
    majors = index.post_majors_[p_slot]
    major_fit = np.isin(columns["major"][slots], list(majors)) if majors else np.ones(len(slots), bool)
    fresh = boost.freshness(post.updated, as_of, index.weights.freshness_days)
    multiplier = boost.multiplier(index.weights, major_fit, town_fit,
                                  columns.priority(post.kind, slots, as_of), fresh)
    ranked = top_of(slots, text * multiplier, candidates.ids, top)
    query = (cols, weights)
    return [index.explanation(p_slot, slot, as_of, True, score, query) for slot, score in ranked]


def rank_posts(index: Matcher, candidate_id: str, as_of: date, top: int,
               post_ids: Collection[str] | None) -> list[Result]:
    c_slot = index.slot(index.candidates_, candidate_id, "candidate")
    facts = index.columns_.facts(c_slot)
    cols, weights = index.query(index.candidates_, c_slot)
    slots, text = index.posts_.scores(cols, weights)
    slots, text = restrict(index.posts_, slots, text, post_ids)
    # Eligibility is the education minimum and the kind's own rule: three checks, not one a post.
    kind_ok = np.array([check(kind, "none", facts, as_of).eligible for kind in POST_KINDS])
    keep = (index.post_edu_[slots] <= education_rank(facts.education)) & kind_ok[index.post_kind_[slots]]
    slots, text = cut(index, slots[keep], text[keep], top)
    towns, mask = index.post_town_[slots], index.columns_["towns"][c_slot]
    town_fit = (mask == 0) | (towns < 0) | ((mask >> np.maximum(towns, 0)) & 1 == 1)
    major = index.columns_["major"][c_slot]
    majors = index.post_majors_
    major_fit = np.array([not majors[s] or major in majors[s] for s in slots], bool)
    by_kind = np.array([priority(kind, facts, as_of).score for kind in POST_KINDS], dtype=np.float64)
    days = index.weights.freshness_days
    fresh = np.array([boost.freshness(index.post_record(s).updated, as_of, days) for s in slots],
                     dtype=np.float64)
    multiplier = boost.multiplier(index.weights, major_fit, town_fit, by_kind[index.post_kind_[slots]], fresh)
    ranked = top_of(slots, text * multiplier, index.posts_.ids, top)
    query = (cols, weights)
    return [index.explanation(slot, c_slot, as_of, False, score, query) for slot, score in ranked]


def allowed_candidates(index: Matcher, post: Post, as_of: date, open_only: bool,
                       exclude: Collection[str]) -> npt.NDArray[np.bool_]:
    """The candidates a ranking may return, as a mask over every slot: eligible for the post
    (a mask kept per rule and day), open to offers when `open_only`, minus the few `exclude`.
    Made of kept columns and the excluded ids only, so the work does not grow with the number
    of people beyond a pass over one byte per person."""
    columns, store = index.columns_, index.candidates_
    mask: npt.NDArray[np.bool_] = columns.eligible_mask(post.kind, post.education_min, as_of)
    if open_only:
        mask = mask & columns["open"]
    gone = [store.slot_of[i] for i in exclude if i in store.slot_of]
    if gone:
        mask = mask.copy()  # the kept eligibility mask is shared by every ranking of the day
        mask[gone] = False
    return mask


def cut(index: Matcher, slots: Slots, text: Scores, top: int) -> tuple[Slots, Scores]:
    """Drop documents that cannot reach the top even with every boost.

    Each of the best `top` ends with at least its text score (the multiplier is ≥ 1), so a
    document whose text × the largest multiplier is below the top-th text score cannot pass it.
    """
    if len(text) <= top:
        return slots, text
    kth = np.partition(text, len(text) - top)[len(text) - top]
    keep = text * index.weights.max_multiplier() >= kth
    return slots[keep], text[keep]


def restrict(store: DocStore, slots: Slots, scores: Scores,
             ids: Collection[str] | None) -> tuple[Slots, Scores]:
    """Keep only the documents in `ids`; those the text did not touch come in with score 0."""
    if ids is None:
        return slots, scores
    wanted = np.array(sorted({store.slot_of[i] for i in ids if i in store.slot_of}), dtype=np.int64)
    full = np.zeros(len(wanted))
    hit = np.isin(slots, wanted)
    full[np.searchsorted(wanted, slots[hit])] = scores[hit]
    return wanted, full


def best(slots: Slots, scores: Scores, n: int) -> Slots:
    """The slots of the `n` highest scores, and every slot tied with the n-th."""
    if len(scores) <= n:
        return slots
    kth = np.partition(scores, len(scores) - n)[len(scores) - n]
    kept: Slots = slots[scores >= kth]
    return kept


def top_of(slots: Slots, scores: Scores, ids: list[str], top: int) -> list[tuple[int, float]]:
    """The `top` best (slot, score), ties by id: everything at or above the top-th score is sorted,
    so a tie at the cut is decided by id too."""
    if len(scores) > top:
        kth = np.partition(scores, len(scores) - top)[len(scores) - top]
        keep = scores >= kth
        slots, scores = slots[keep], scores[keep]
    order = sorted(range(len(slots)), key=lambda i: (-scores[i], ids[slots[i]]))[:top]
    return [(int(slots[i]), float(scores[i])) for i in order]
