"""The one ordering rule of every ranked list, and the words that say why one comes first.

    1. the level of fit: 很匹配, 较匹配, 可以考虑 — read from the text similarity alone (how well
       the work fits), against thresholds calibrated on the labelled set
       (evaluation/calibration.py); a person far above a simple post (a doctorate for a post
       asking for 初中) drops a level, so one shared keyword cannot put them first;
    2. within a level, who is served first — the reader's own question:
       the bureau's lists: the groups of policy.eligibility.served_first (public welfare:
       就业困难人员、低保、脱贫/低收入; regular posts: 低保家庭劳动力);
       a seeker's list: posts that meet what the person asked for (the chosen townships, the
       期望月薪, 全职/兼职), unless one that does not fits much better (`wished_first`: its
       text beats every wished post of its level by `weights.much_better`) — shown, and marked;
       an employer's list: nobody, so its order cannot betray a sensitive group;
    3. the score (text × boosts), then the boosts alone, then the id.

A level is a boost within fit, never a filter: a much better fit outside the preference stays
above, and says so (`reason`).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from matcher.weights import Weights

LEVELS = ("很匹配", "较匹配", "可以考虑")
"""Level 0 is the best; the labels are what pages and the API show instead of a score."""

Array = npt.NDArray[np.float64]


def levels(weights: Weights, text: Array, far_above: npt.NDArray[np.bool_] | None = None
           ) -> npt.NDArray[np.int8]:
    """The level of each text similarity (0 很匹配, 1 较匹配, 2 可以考虑); `far_above` drops one."""
    level = np.where(text >= weights.fit_high, 0, np.where(text >= weights.fit_mid, 1, 2))
    if far_above is not None:
        level = np.minimum(level + far_above, len(LEVELS) - 1)
    return level.astype(np.int8)


def far_above(weights: Weights, post_education: int | npt.NDArray[np.int8],
              education: int | npt.NDArray[np.int8]) -> npt.NDArray[np.bool_]:
    """Education far above a simple post: the post asks at most `simple_post_education` and the
    person holds `overqualified_education` or more (education ranks of policy.codes). Either side
    may be an array (a post's candidates, a person's posts)."""
    simple = np.asarray(post_education) <= weights.simple_post_education
    above: npt.NDArray[np.bool_] = simple & (np.asarray(education) >= weights.overqualified_education)
    return above


def wished_first(weights: Weights, level: npt.NDArray[np.int8], wished: npt.NDArray[np.bool_],
                 text: Array) -> npt.NDArray[np.bool_]:
    """Who goes first within each level of a person's list of posts: the wished posts, and a
    post elsewhere whose text is `much_better` times the best wished one of its level."""
    best = np.zeros(len(LEVELS))  # each level's best wished text (0 where none: texts are ≥ 0)
    np.maximum.at(best, level[wished], text[wished])
    first: npt.NDArray[np.bool_] = wished | (text >= weights.much_better * best[level])
    return first


def order(slots: npt.NDArray[np.int64], level: npt.NDArray[np.int8], first: npt.NDArray[np.bool_],
          scores: Array, boosts: Array, ids: list[str], top: int) -> list[tuple[int, float, int, bool]]:
    """The `top` best (slot, score, level, served first): by level, then served first, then
    score, then the boosts alone (what still tells apart people no text reached: a short post's
    township and major), then id — never the order rows were stored in. Every document tied
    with the top-th on (level, first, score) is sorted, so a cut through a tie is decided too."""
    if len(slots) == 0:
        return []
    # One sortable number per document: the level and the preference outrank any score. Scores
    # are compared to 9 decimals: a document re-indexed (a person's groups changed) is summed in
    # another order, and a last-bit difference must not reorder twins by anything but their id.
    span = float(scores.max()) + 1.0 if len(scores) else 1.0
    key = (level.astype(np.float64) * 2 + (~first)) * span - np.round(scores, 9)
    if len(key) > top:
        kth = np.partition(key, top - 1)[top - 1]
        keep = key <= kth
        slots, key, scores, level, first = slots[keep], key[keep], scores[keep], level[keep], first[keep]
        boosts = boosts[keep]
    # (sorted as Python values: indexing numpy arrays one element at a time is slow)
    rows = list(zip(key.tolist(), (-boosts).tolist(), [ids[slot] for slot in slots.tolist()],
                    slots.tolist(), scores.tolist(), level.tolist(), first.tolist(), strict=True))
    rows.sort(key=lambda row: row[:3])
    return [(slot, score, lvl, ahead) for _, _, _, slot, score, lvl, ahead in rows[:top]]


def elsewhere(missed: str) -> str:
    """The mark of a post placed first although it misses a wish: it fits much better."""
    return f"{missed}，但比符合意向的岗位明显更匹配，仍排在前面"


def reason(level: int, first: bool, preference: str) -> str:
    """The rule's words for one ranked document: `preference` is the one it met ("优先安排：
    低保家庭成员；依据：…（八）") or missed, and the level says where that put it — said before
    the source, which stays last."""
    label = LEVELS[level]
    said, cites, source = preference.partition("；依据：")
    if first:
        return f"{said}，在“{label}”中排在前面{cites}{source}"
    return f"{said}，因{label}仍列出{cites}{source}"
