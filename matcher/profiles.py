"""Candidates as columns: what the rules and boosts read, compact and vectorised.

At 100,000 candidates a Python object per person costs more memory than the whole index, and a
Python eligibility check per touched candidate costs more time than the text scoring. So the
facts live in numpy columns (dates as ordinals, groups and townships as bit masks), a
`CandidateFacts` is rebuilt only for the few candidates shown, and `eligible()` evaluates
DESIGN.md's rules on whole arrays. It mirrors policy/eligibility.py — the authority, which still
decides every shown result — using that module's parameters and helpers; a test compares the
two on every boundary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, NamedTuple

import numpy as np

from matcher.boost import work_code
from matcher.majors import read_families
from matcher.records import Candidate
from policy.codes import EDUCATION_LEVELS, GROUPS, TOWNSHIPS, WORK_TYPES, education_rank
from policy.eligibility import CandidateFacts, is_graduate, rules, trainee_window_end

MASKS_KEPT = 64
"""Eligibility masks kept (3 kinds × 7 education levels on a day or three): 100 kB each at
100,000 candidates."""
PEOPLE_KEPT = 4096
"""`Person` views kept (a few hundred bytes each): the people recently shown or ranked."""

_GROUP_BIT = {g: 1 << i for i, g in enumerate(GROUPS)}
_TOWN_BIT = {t: 1 << i for i, t in enumerate(TOWNSHIPS)}
_COLUMNS = {
    "education": np.int8,
    "graduate": bool,
    "employed": bool,
    "groups": np.int32,
    "towns": np.int32,
    "major": np.int32,
    "school": np.int32,
    "birth_year": np.int16,
    "birth_md": np.int16,
    "graduated": np.int32,
    "window_end": np.int32,
    "unemployed": np.int32,
    "salary": np.int32,
    "work": np.int8,
    "open": bool,
}
"""Dates are proleptic ordinals, 0 for none; a birth date is split into year and month × 100 +
day (0 for none), which is what a whole-year age compares. `salary` is the 期望月薪 (0 for none),
`work` the 全职/兼职 wanted: 1 + its index in policy.codes.WORK_TYPES, 0 for either."""


def group_mask(groups: Iterable[str]) -> int:
    mask = 0
    for group in groups:
        mask |= _GROUP_BIT[group]
    return mask


def town_mask(townships: Iterable[str]) -> int:
    """Bit i for the i-th township of policy.codes.TOWNSHIPS; 0 means "anywhere"."""
    mask = 0
    for township in townships:
        mask |= _TOWN_BIT.get(township, 0)
    return mask


class Person(NamedTuple):
    """One person as a pair's reasons read them (matcher/pairs.py)."""

    facts: CandidateFacts
    townships: tuple[str, ...]
    major: str
    family: int  # of the major (matcher/majors.py), −1 none
    education: int  # rank (policy.codes.education_rank)
    salary: int | None  # 期望月薪, None if not given
    work: str  # 全职/兼职 wanted, "" either


class CandidateColumns:
    """One row per slot, in the same slots as the candidates' DocStore."""

    def __init__(self, normalise: Callable[[str], str]):
        self._normalise = normalise
        self.columns = {name: np.zeros(0, dtype=kind) for name, kind in _COLUMNS.items()}
        self.majors: list[str] = []
        self._families = read_families(normalise)
        self._family_ids: dict[str, int] = {}
        self._family_of: list[int] = []  # per major id: its family's id (matcher/majors.py)
        self._family_table = np.zeros(0, dtype=np.int32)  # _family_of + [-1], for array lookups
        self.schools: list[str] = []
        self._major_ids: dict[str, int] = {}
        self._school_ids: dict[str, int] = {}
        self._pending: list[dict[str, Any]] = []
        self._masks: dict[tuple[str, str, date], np.ndarray] = {}
        self._people: dict[int, Person] = {}  # by slot (CandidateColumns.person)

    def __len__(self) -> int:
        return len(self.columns["education"]) + len(self._pending)

    def append(self, candidate: Candidate) -> None:
        """Queue a row; `flush()` (called by every reader) turns queued rows into arrays."""
        facts = candidate.facts()
        self._pending.append(
            {
                "education": education_rank(candidate.education),
                "graduate": is_graduate(facts),
                "employed": candidate.employed,
                "groups": group_mask(candidate.groups),
                "towns": town_mask(candidate.townships),
                "major": self.major_id(candidate.major),
                "school": _intern(self._school_ids, self.schools, candidate.school),
                "birth_year": candidate.birth_date.year if candidate.birth_date else 0,
                "birth_md": candidate.birth_date.month * 100 + candidate.birth_date.day
                if candidate.birth_date
                else 0,
                "graduated": _ordinal(candidate.graduation_date),
                "window_end": _ordinal(
                    candidate.graduation_date and trainee_window_end(candidate.graduation_date)
                ),
                "unemployed": _ordinal(candidate.unemployed_since),
                "salary": candidate.desired_salary or 0,
                "work": work_code(candidate.work_type),
                "open": candidate.open_to_offers,
            }
        )

    def flush(self) -> None:
        if not self._pending:
            return
        for name, kind in _COLUMNS.items():
            new = np.fromiter((row[name] for row in self._pending), dtype=kind, count=len(self._pending))
            self.columns[name] = np.concatenate([self.columns[name], new])
        self._pending = []

    def __getitem__(self, name: str) -> np.ndarray:
        self.flush()
        return self.columns[name]

    def keep(self, kept: list[int]) -> None:
        """Keep these slots, in this order (after the DocStore compacted)."""
        self.flush()
        self.columns = {name: column[kept] for name, column in self.columns.items()}
        self._masks = {}  # slots move: the masks are rebuilt on their next use (compaction is rare)
        self._people = {}

    def major_id(self, major: str) -> int:
        """A small integer per normalised major name, shared with the posts' majors; −1 for none."""
        if not major.strip():
            return -1
        name = self._normalise(major).strip()
        major_id = _intern(self._major_ids, self.majors, name)
        if major_id == len(self._family_of):
            family = self._families.get(name, name)
            self._family_of.append(self._family_ids.setdefault(family, len(self._family_ids)))
        return major_id

    def family_id(self, major: str) -> int:
        """The family (matcher/majors.py) of a major name, as a small integer; −1 for none."""
        major_id = self.major_id(major)
        return self._family_of[major_id] if major_id >= 0 else -1

    def families(self, major_ids: np.ndarray) -> np.ndarray:
        """The family of each major id (−1 stays −1)."""
        if len(self._family_table) != len(self._family_of) + 1:
            self._family_table = np.array(self._family_of + [-1], dtype=np.int32)
        found: np.ndarray = self._family_table[major_ids]
        return found

    def person(self, slot: int) -> Person:
        """What one pair's reasons read of the person, rebuilt once per slot (a row never
        changes in place) and kept for those recently shown: each of a list's ten reasons,
        and the next request's, read the same person's."""
        found = self._people.get(slot)
        if found is None:
            if len(self._people) >= PEOPLE_KEPT:
                del self._people[next(iter(self._people))]
            found = self._people[slot] = self._person(slot)
        return found

    def _person(self, slot: int) -> Person:
        self.flush()
        c = {name: column[slot].item() for name, column in self.columns.items()}
        facts = CandidateFacts(
            education=EDUCATION_LEVELS[c["education"]],
            school=self.schools[c["school"]],
            birth_date=date(c["birth_year"], c["birth_md"] // 100, c["birth_md"] % 100)
            if c["birth_year"]
            else None,
            graduation_date=_day(c["graduated"]),
            groups=frozenset(g for g, bit in _GROUP_BIT.items() if c["groups"] & bit),
            unemployed_since=_day(c["unemployed"]),
            employed=bool(c["employed"]),
        )
        return Person(facts, tuple(t for t, bit in _TOWN_BIT.items() if c["towns"] & bit),
                      self.majors[c["major"]] if c["major"] >= 0 else "",
                      int(self.families(np.array([c["major"]]))[0]), c["education"],
                      c["salary"] or None, WORK_TYPES[c["work"] - 1] if c["work"] else "")

    def eligible(self, post_kind: str, education_min: str, slots: np.ndarray, as_of: date) -> np.ndarray:
        """policy.eligibility.check(...).eligible for each slot, on whole arrays."""
        ok: np.ndarray = self["education"][slots] >= education_rank(education_min)
        if post_kind == "regular":
            return ok
        employed, groups = self["employed"][slots], self["groups"][slots]
        if post_kind == "public_welfare":
            wanted = group_mask(rules()["public_welfare"]["groups"])
            welfare: np.ndarray = ok & ~employed & (groups & wanted != 0)
            return welfare
        params, today = rules()["trainee"], as_of.toordinal()
        graduated = self["graduated"][slots]
        recent = (
            self["graduate"][slots]
            & (graduated > 0)
            & (graduated <= today)
            & (today <= self["window_end"][slots])
        )
        years = self["birth_year"][slots].astype(np.int32)
        age = as_of.year - years - (self["birth_md"][slots] > as_of.month * 100 + as_of.day)
        registered = groups & group_mask([params["youth_group"]]) != 0
        youth = registered & (years > 0) & (params["youth_age_min"] <= age) & (age <= params["youth_age_max"])
        trainee: np.ndarray = ok & ((recent & ~employed) | youth)
        return trainee

    def eligible_mask(self, post_kind: str, education_min: str, as_of: date) -> np.ndarray:
        """`eligible()` of every slot, kept per rule and day. A row never changes in place (a
        replaced candidate takes a new slot), so a kept mask only grows by the new rows."""
        key = (post_kind, education_min, as_of)
        mask = self._masks.pop(key, np.zeros(0, dtype=bool))
        n = len(self["education"])
        if len(mask) < n:
            new = np.arange(len(mask), n)
            mask = np.concatenate([mask, self.eligible(post_kind, education_min, new, as_of)])
        self._masks[key] = mask  # most recently used last
        while len(self._masks) > MASKS_KEPT:
            del self._masks[next(iter(self._masks))]
        return mask

    def priority(self, post_kind: str, slots: np.ndarray, as_of: date) -> np.ndarray:
        """policy.eligibility.priority(...).score for each slot, on whole arrays."""
        if post_kind != "trainee":
            return np.zeros(len(slots))
        today = as_of.toordinal()
        graduated, end = self["graduated"][slots], self["window_end"][slots]
        within = self["graduate"][slots] & (graduated > 0) & (graduated <= today) & (today <= end)
        span = np.where(within, end - graduated, 1)
        left: np.ndarray = np.where(within, (end - today) / span, 0.0)
        return left

    def served_first(self, post_kind: str, slots: np.ndarray | None = None) -> np.ndarray:
        """policy.eligibility.served_first(...).score > 0 for each slot (every slot when
        `slots` is None), on whole arrays."""
        first = group_mask(rules().get(post_kind, {}).get("priority_groups", ()))
        groups = self["groups"] if slots is None else self["groups"][slots]
        served: np.ndarray = groups & first != 0
        return served

    def export(self) -> tuple[dict[str, np.ndarray], dict[str, list[str]]]:
        """Arrays and string tables for saving."""
        self.flush()
        return dict(self.columns), {"majors": self.majors, "schools": self.schools}

    @classmethod
    def restore(
        cls, normalise: Callable[[str], str], arrays: dict[str, np.ndarray],
        tables: dict[str, list[str]],
    ) -> CandidateColumns:
        columns = cls(normalise)
        columns.columns = {name: arrays[name].astype(kind) for name, kind in _COLUMNS.items()}
        for value in tables["majors"]:
            columns.major_id(value)
        for value in tables["schools"]:
            _intern(columns._school_ids, columns.schools, value)
        return columns


def _intern(ids: dict[str, int], values: list[str], value: str) -> int:
    if value not in ids:
        ids[value] = len(values)
        values.append(value)
    return ids[value]


def _ordinal(day: date | None) -> int:
    return day.toordinal() if day else 0


def _day(ordinal: int | np.integer[Any]) -> date | None:
    return date.fromordinal(int(ordinal)) if ordinal else None
