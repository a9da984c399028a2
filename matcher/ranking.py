"""The two rankings: candidates for a post, posts for a candidate. Each has three steps, all on
arrays: the text cosine (matcher/index.py), the hard filters (the education minimum and the
kind's rule, matcher/profiles.py mirroring policy/eligibility.py), the boosts (matcher/boost.py),
and the one ordering rule (matcher/ordering.py: level of fit, who is served first within it,
score). Ties break by id, so the same index and question always give the same list."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from matcher import boost, ordering
from matcher.index import DocStore
from matcher.records import Post
from matcher.results import Result
from policy.codes import POST_KINDS, education_rank
from policy.eligibility import CandidateFacts, check

if TYPE_CHECKING:
    from matcher.engine import Matcher

Slots = npt.NDArray[np.int64]
Scores = npt.NDArray[np.float64]


def rank_candidates(index: Matcher, post_id: str, as_of: date, top: int,
                    candidate_ids: Collection[str] | None, exhaustive: bool,
                    served_first: bool, open_only: bool = False,
                    exclude: Collection[str] = ()) -> list[Result]:
    """`served_first`: the bureau's list, where policy.eligibility.served_first orders people
    within a level of fit; an employer's list passes False (matcher/ordering.py). `open_only`
    keeps those open to offers and `exclude` leaves out a few ids (allowed_candidates)."""
    p_slot = index.slot(index.posts_, post_id, "post")
    post = index.post_record(p_slot)
    cols, weights = index.query(index.posts_, p_slot)
    candidates, columns = index.candidates_, index.columns_
    allowed = allowed_candidates(index, post, as_of, open_only, exclude)
    if exhaustive or candidate_ids is not None:
        slots, text = candidates.scores(cols, weights)
        wanted = None if candidate_ids is None else candidates.mask(candidate_ids)
        slots, text = restrict(candidates, slots, text, wanted)
        keep = allowed[slots]
        slots, text = slots[keep], text[keep]
    else:
        slots, partial = candidates.shortlist(cols, weights, allowed, index.weights.posting_budget)
        slots = best(slots, partial, index.weights.shortlist)
        text = candidates.exact(slots, cols, weights)
    if served_first and candidate_ids is None:
        slots, text = unreached(candidates.alive, allowed, columns.served_first(post.kind), slots, text)
    posts = index.post_columns_
    towns, town = columns["towns"][slots], posts.town[p_slot]
    town_fit = (towns == 0) | (town < 0) | ((towns >> max(town, 0)) & 1 == 1)
    majors = posts.majors[p_slot]
    if majors:
        major_fit = np.isin(columns.families(columns["major"][slots]), list(majors))
    else:
        major_fit = np.ones(len(slots), bool)
    fresh = boost.freshness(post.updated, as_of, index.weights.freshness_days)
    wish_fit = boost.wishes_fit(post.salary_max or 0, boost.work_code(post.work_type),
                                columns["salary"][slots], columns["work"][slots])
    multiplier = boost.multiplier(index.weights, major_fit, town_fit,
                                  columns.priority(post.kind, slots, as_of), fresh, wish_fit)
    above = ordering.far_above(index.weights, int(posts.edu[p_slot]), columns["education"][slots])
    level = ordering.levels(index.weights, text, above)
    first = columns.served_first(post.kind, slots) if served_first else np.zeros(len(slots), bool)
    ranked = ordering.order(slots, level, first, text * multiplier, multiplier, candidates.ids, top)
    return index.explanations(p_slot, ranked, as_of, True, (cols, weights))


def rank_posts(index: Matcher, candidate_id: str, as_of: date, top: int,
               allowed: npt.NDArray[np.bool_] | None, exclude: Collection[str]) -> list[Result]:
    """Within a level of fit, the posts that meet the person's wishes (townships, pay,
    全职/兼职) first, unless one elsewhere fits much better (matcher/ordering.py). `allowed`
    (a mask over the post slots, Matcher.post_mask) restricts the posts; `exclude` leaves out
    a few ids (those the person hid or applied to)."""
    c_slot = index.slot(index.candidates_, candidate_id, "candidate")
    person = index.columns_.person(c_slot)
    facts = person.facts
    cols, weights = index.query(index.candidates_, c_slot)
    slots, text = index.posts_.scores(cols, weights)
    slots, text = restrict(index.posts_, slots, text, allowed)
    if exclude:
        keep = ~index.posts_.mask(exclude)[slots]
        slots, text = slots[keep], text[keep]
    # Eligibility is the education minimum and the kind's own rule: three checks, not one a post.
    kind_ok, by_kind = _by_kind(facts, as_of)
    education = education_rank(facts.education)
    posts = index.post_columns_  # every post's facts as arrays, read by slot
    keep = (posts.edu[slots] <= education) & kind_ok[posts.kind[slots]]
    slots, text = slots[keep], text[keep]
    town_fit = posts.town_fit(slots, int(index.columns_["towns"][c_slot]))
    major_fit = posts.major_fit(slots, person.family)
    fresh = posts.freshness(slots, as_of, index.weights.freshness_days)
    wished = (person.salary or 0, boost.work_code(person.work))
    wish_fit = (boost.wishes_fit(posts.pay[slots], posts.work[slots], *wished) if any(wished)
                else np.ones(len(slots), dtype=bool))
    multiplier = boost.multiplier(index.weights, major_fit, town_fit, by_kind[posts.kind[slots]], fresh,
                                  wish_fit)
    above = ordering.far_above(index.weights, posts.edu[slots], education)
    level = ordering.levels(index.weights, text, above)
    first = ordering.wished_first(index.weights, level, town_fit & wish_fit, text)
    ranked = ordering.order(slots, level, first, text * multiplier, multiplier, index.posts_.ids, top)
    return index.explanations(c_slot, ranked, as_of, False, (cols, weights))


@lru_cache(maxsize=1024)
def _by_kind(facts: CandidateFacts, as_of: date) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.float64]]:
    """For each of POST_KINDS, whether the person may take such a post (the kind's own rule;
    education is checked per post) and the priority boost of their own list. The same person
    and day give the same answer: kept for the people recently ranked (the facts are frozen)."""
    ok = np.array([check(kind, "none", facts, as_of).eligible for kind in POST_KINDS])
    boosts = np.array([boost.priority_boost(kind, facts, as_of, True) for kind in POST_KINDS],
                      dtype=np.float64)
    ok.flags.writeable = boosts.flags.writeable = False  # shared between requests
    return ok, boosts


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



def unreached(alive: npt.NDArray[np.bool_], allowed: npt.NDArray[np.bool_],
              first: npt.NDArray[np.bool_], slots: Slots, text: Scores) -> tuple[Slots, Scores]:
    """The bureau's list also holds, at text score 0, the people of the groups served first
    whom the post's words do not reach: a post with a short text still puts them first among
    people of the same (lowest) level (matcher/ordering.py), not behind whoever happens to
    share one of its few words."""
    wanted = alive & allowed & first
    wanted[slots] = False
    added = np.flatnonzero(wanted)
    if not len(added):
        return slots, text
    return np.concatenate([slots, added]), np.concatenate([text, np.zeros(len(added))])


def restrict(store: DocStore, slots: Slots, scores: Scores,
             allowed: npt.NDArray[np.bool_] | None) -> tuple[Slots, Scores]:
    """Keep only the alive documents `allowed` (a mask over the slots, DocStore.mask); those
    the text did not touch come in with score 0."""
    if allowed is None:
        return slots, scores
    inside = allowed & store.alive
    wanted = np.flatnonzero(inside)
    full = np.zeros(len(wanted))
    hit = inside[slots]
    full[np.searchsorted(wanted, slots[hit])] = scores[hit]
    return wanted, full


def best(slots: Slots, scores: Scores, n: int) -> Slots:
    """The slots of the `n` highest scores, and every slot tied with the n-th."""
    if len(scores) <= n:
        return slots
    kth = np.partition(scores, len(scores) - n)[len(scores) - n]
    kept: Slots = slots[scores >= kth]
    return kept
