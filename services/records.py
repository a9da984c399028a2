"""Translate database rows into the plain facts that policy and the matcher reason about."""

from models import Candidate
from policy.eligibility import CandidateFacts


def candidate_facts(candidate: Candidate, verified_only: bool = False) -> CandidateFacts:
    """Facts for the eligibility rules.

    `verified_only` counts only groups the bureau has confirmed: placements and subsidies
    rest on verified status, while ranking may use declared (待核验) groups too.
    """
    if verified_only:
        groups = frozenset(c.group for c in candidate.group_claims if c.status == "verified")
    else:
        groups = frozenset(candidate.groups)
    return CandidateFacts(
        education=candidate.education,
        school=candidate.school,
        birth_date=candidate.birth_date,
        graduation_date=candidate.graduation_date,
        groups=groups,
        unemployed_since=candidate.unemployed_since,
        employed=candidate.employed,
    )
