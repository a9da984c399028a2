"""Translate database rows into the plain facts that policy and the matcher reason about."""

from datetime import datetime

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
