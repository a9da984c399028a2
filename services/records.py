"""Translate database rows into the plain facts that policy and the matcher reason about."""

from datetime import date, datetime
from typing import Any

from models import Candidate
from policy.eligibility import CandidateFacts
from services.consent import claimed_before


def candidate_facts(candidate: Candidate, verified_only: bool = False,
                    as_of: datetime | None = None) -> CandidateFacts:
    """Facts for the eligibility rules.

    `verified_only` counts only groups the bureau has confirmed: placements and subsidies
    rest on verified status, while ranking may use declared (待核验) groups too. `as_of`, the
    time a decision was taken (a placement's creation), keeps a verified group whose consent
    was withdrawn after it: what was decided then keeps what was true then.
    """
    if verified_only:
        groups = frozenset(c.group for c in candidate.group_claims if claimed_before(c, as_of))
    else:
        groups = frozenset(candidate.groups)
    return CandidateFacts.of(candidate, groups)


REGISTERED_UNEMPLOYED = "registered_unemployed"


def hire_snapshot(candidate: Candidate, registered_since: date | None,
                  as_of: datetime | None = None) -> dict[str, Any]:
    """What the one-off hiring subsidies （七）（十） read about a person, fixed at the hire.

    Only what those rules read (no name, school or birth date: erasure has nothing to scrub
    here): verified groups as of the hire, education and graduation then, and the start of the
    bureau-confirmed registration running on the start date (`registered_since`,
    services.registrations) — never the seeker's editable date. Stored with the placement as
    JSON (`Placement.hire_facts`) so a later job, edit or ended registration changes nothing.
    """
    facts = candidate_facts(candidate, verified_only=True, as_of=as_of)
    groups = set(facts.groups)
    if registered_since is not None:
        groups.add(REGISTERED_UNEMPLOYED)
    return {
        "education": facts.education, "graduation_date": _iso(facts.graduation_date),
        "groups": sorted(groups), "registered_unemployed_since": _iso(registered_since),
    }


def hire_candidate(snapshot: dict[str, Any]) -> CandidateFacts:
    """The facts of a hire back from its snapshot; `unemployed_since` is the confirmed
    registration's start (None when there was none)."""
    return CandidateFacts(
        education=snapshot["education"],
        graduation_date=_day(snapshot["graduation_date"]),
        groups=frozenset(snapshot["groups"]),
        unemployed_since=_day(snapshot["registered_unemployed_since"]),
    )


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)
