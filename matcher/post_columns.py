"""Posts as columns: what a person's ranking reads of every post, kept as arrays by slot.

A seeker's list of posts weighs every visible post (its education minimum, kind, township,
pay, 全职/兼职, freshness, majors). Read from the `Post` records one by one, that cost a Python
call per post and per request; kept here as arrays beside the records, it is a few numpy
operations. The arrays grow with each added post and are cut with the records at compaction,
so a slot means the same post in all of them (matcher/index.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
import numpy.typing as npt

from matcher.boost import work_code
from matcher.records import Post
from policy.codes import POST_KINDS, TOWNSHIPS, education_rank


def town_index(township: str) -> int:
    return TOWNSHIPS.index(township) if township in TOWNSHIPS else -1


class PostColumns:
    """The post records by slot (None once removed) and their columns: `edu` (education rank
    of the minimum), `town` (index in TOWNSHIPS, −1 none), `kind` (index in POST_KINDS), `pay`
    (top of the salary range, 0 unstated), `work` (matcher.boost.work_code), `day` (ordinal
    of the last update, 0 unknown) and `majors` (the majors' families, matcher/majors.py)."""

    def __init__(self, posts: list[Post], families: Callable[[tuple[str, ...]], frozenset[int]]):
        self._families = families
        self.records: list[Post | None] = list(posts)
        self.majors: list[frozenset[int]] = [families(p.majors) for p in posts]
        self.edu = np.array([education_rank(p.education_min) for p in posts], dtype=np.int8)
        self.town = np.array([town_index(p.township) for p in posts], dtype=np.int8)
        self.kind = np.array([POST_KINDS.index(p.kind) for p in posts], dtype=np.int8)
        self.pay = np.array([p.salary_max or 0 for p in posts], dtype=np.int64)
        self.work = np.array([work_code(p.work_type) for p in posts], dtype=np.int8)
        self.day = np.array([p.updated.toordinal() if p.updated else 0 for p in posts], dtype=np.int64)
        self._major_fit: dict[int, npt.NDArray[np.bool_]] = {}  # family → every slot's fit
        self._fresh: tuple[date, int, npt.NDArray[np.float64]] | None = None  # day, days, every slot's

    def check(self, post: Post) -> None:
        """Raise, before anything is added, for a post the columns cannot hold."""
        POST_KINDS.index(post.kind), education_rank(post.education_min), work_code(post.work_type)

    def append(self, post: Post) -> None:
        """A new slot at the end (after `check`)."""
        self.records.append(post)
        self.majors.append(self._families(post.majors))
        self.edu = np.append(self.edu, np.int8(education_rank(post.education_min)))
        self.town = np.append(self.town, np.int8(town_index(post.township)))
        self.kind = np.append(self.kind, np.int8(POST_KINDS.index(post.kind)))
        self.pay = np.append(self.pay, np.int64(post.salary_max or 0))
        self.work = np.append(self.work, np.int8(work_code(post.work_type)))
        self.day = np.append(self.day, np.int64(post.updated.toordinal() if post.updated else 0))
        self._major_fit, self._fresh = {}, None

    def keep(self, kept: list[int]) -> None:
        """Keep these slots, in this order (after the DocStore compacted)."""
        self.records = [self.records[s] for s in kept]
        self.majors = [self.majors[s] for s in kept]
        for name in ("edu", "town", "kind", "pay", "work", "day"):
            setattr(self, name, getattr(self, name)[kept])
        self._major_fit, self._fresh = {}, None

    def freshness(self, slots: npt.NDArray[np.int64], as_of: date, days: int) -> npt.NDArray[np.float64]:
        """matcher.boost.freshness of each slot's post, on arrays (the same floats). Worked out
        over every slot for the day last asked, until the posts change: the same for every reader."""
        if self._fresh is None or self._fresh[:2] != (as_of, days):
            since = as_of.toordinal() - self.day
            self._fresh = (as_of, days, np.where((self.day == 0) | (since < 0), 0.0,
                                                 np.maximum(0.0, 1.0 - since / days)))
        every = self._fresh[2]
        fresh: npt.NDArray[np.float64] = every[slots]
        return fresh

    def town_fit(self, slots: npt.NDArray[np.int64], wanted: int) -> npt.NDArray[np.bool_]:
        """Whether each slot's post is in one of the `wanted` townships (a mask of
        matcher.profiles.town_mask: 0 anywhere) or names none."""
        if not wanted:
            return np.ones(len(slots), dtype=bool)
        bits = self.town[slots]
        fits: npt.NDArray[np.bool_] = (bits < 0) | ((np.int64(wanted) >> np.maximum(bits, 0)) & 1 == 1)
        return fits

    def major_fit(self, slots: npt.NDArray[np.int64], family: int) -> npt.NDArray[np.bool_]:
        """Whether each slot's post names no major or names the person's family. Worked out
        over every slot once per family until the posts change: a seeker's list reads all the
        visible posts, a Python call each per request otherwise."""
        fits = self._major_fit.get(family)
        if fits is None:
            fits = self._major_fit[family] = np.fromiter(
                (not majors or family in majors for majors in self.majors), dtype=bool,
                count=len(self.majors))
        chosen: npt.NDArray[np.bool_] = fits[slots]
        return chosen
