"""matcher/profiles.py's vectorised rules agree with policy/eligibility.py, the authority."""

import random
from datetime import date, timedelta

import numpy as np
import pytest

from matcher.profiles import CandidateColumns
from matcher.records import Candidate
from policy.codes import EDUCATION_LEVELS, GROUPS, POST_KINDS
from policy.eligibility import check, priority

AS_OF = date(2020, 9, 1)


def boundary_candidates() -> list[Candidate]:
    """Every boundary of the rules (2nd anniversary, 16th/25th birthday, leap days) and noise."""
    rng = random.Random(7)
    days = [AS_OF - timedelta(days=d) for d in (-1, 0, 1, 365, 730, 731, 732)] + [
        date(2018, 9, 1),
        date(2020, 2, 29),
    ]
    births = [date(1995, 9, 1), date(1995, 9, 2), date(2004, 9, 1), date(2004, 9, 2), date(1996, 2, 29), None]
    out = []
    for i in range(600):
        out.append(
            Candidate(
                id=f"C{i}",
                education=rng.choice(EDUCATION_LEVELS),
                school=rng.choice(["福建技师学院", "长乐职业中专", "福州大学", ""]),
                birth_date=rng.choice(births),
                graduation_date=rng.choice(days + [None]),
                groups=tuple(rng.sample(GROUPS, rng.randint(0, 3))),
                employed=rng.random() < 0.3,
            )
        )
    return out


@pytest.fixture(scope="module")
def columns():
    cols = CandidateColumns(str.lower)
    for candidate in boundary_candidates():
        cols.append(candidate)
    return cols


@pytest.mark.parametrize("as_of", [AS_OF, date(2021, 2, 28), date(2021, 3, 1), date(2022, 8, 31)])
@pytest.mark.parametrize("kind", POST_KINDS)
def test_vectorised_eligibility_equals_the_policy_check_at_every_boundary(columns, kind, as_of):
    slots = np.arange(len(columns))
    for minimum in ("none", "vocational", "associate"):
        mask = columns.eligible(kind, minimum, slots, as_of)
        expected = [check(kind, minimum, c.facts(), as_of).eligible for c in boundary_candidates()]
        assert mask.tolist() == expected


@pytest.mark.parametrize("kind", POST_KINDS)
def test_vectorised_priority_equals_the_policy_priority(columns, kind):
    slots = np.arange(len(columns))
    expected = [priority(kind, c.facts(), AS_OF).score for c in boundary_candidates()]
    assert columns.priority(kind, slots, AS_OF).tolist() == expected


def test_facts_round_trip_through_the_columns(columns):
    for slot, candidate in enumerate(boundary_candidates()):
        assert columns.person(slot).facts == candidate.facts()


def test_a_kept_eligibility_mask_grows_with_new_rows_and_equals_the_rule():
    cols = CandidateColumns(str.lower)
    people = boundary_candidates()
    for candidate in people[:300]:
        cols.append(candidate)
    first = cols.eligible_mask("trainee", "vocational", AS_OF)
    assert len(first) == 300
    for candidate in people[300:]:
        cols.append(candidate)
    grown = cols.eligible_mask("trainee", "vocational", AS_OF)
    expected = cols.eligible("trainee", "vocational", np.arange(len(people)), AS_OF)
    assert grown.tolist() == expected.tolist()
    assert grown[:300].tolist() == first.tolist()
    other_day = cols.eligible_mask("trainee", "vocational", date(2022, 8, 31))
    assert other_day.tolist() == cols.eligible("trainee", "vocational", np.arange(len(people)),
                                               date(2022, 8, 31)).tolist()
    assert other_day.tolist() != grown.tolist()  # the day is part of the key


def test_compaction_drops_the_kept_masks_so_slots_cannot_be_misread():
    cols = CandidateColumns(str.lower)
    for candidate in boundary_candidates():
        cols.append(candidate)
    cols.eligible_mask("public_welfare", "none", AS_OF)
    kept = list(range(0, len(cols), 2))
    cols.keep(kept)
    mask = cols.eligible_mask("public_welfare", "none", AS_OF)
    people = boundary_candidates()
    expected = [check("public_welfare", "none", people[i].facts(), AS_OF).eligible for i in kept]
    assert mask.tolist() == expected
