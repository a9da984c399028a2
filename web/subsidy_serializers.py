"""JSON shapes of subsidy claims: a ledger line with its state, and a claim as its claimant and
the bureau see it (the note and evidence stay on the pages)."""

from typing import Literal

from typing_extensions import TypedDict  # pydantic reads typing.TypedDict only from 3.12

from models import SubsidyClaim
from services.subsidy_claims import ClaimLine
from web.serializers import IsoDate, IsoDateTime

State = Literal["unclaimed", "claimed", "approved", "rejected", "paid"]


class SubsidyClaimJson(TypedDict):
    id: int
    placement_id: int
    rule: str
    status: State
    amount_fen: int
    explanation: str
    claimed_at: IsoDateTime
    claimed_on: IsoDate
    decided_on: IsoDate | None
    has_attachment: bool
    reason: str | None
    paid_on: IsoDate | None
    voucher: str | None


class SubsidyLineJson(TypedDict):
    placement_id: int
    candidate: str
    employer: str
    rule: str
    amount_fen: int
    explanation: str
    claimant: Literal["employer", "seeker"]
    state: State
    claim: SubsidyClaimJson | None


def claim_json(claim: SubsidyClaim) -> SubsidyClaimJson:
    return SubsidyClaimJson(
        id=claim.id, placement_id=claim.placement_id, rule=claim.rule, status=claim.status,
        amount_fen=claim.amount_fen, explanation=claim.explanation,
        claimed_at=claim.claimed_at.isoformat(), claimed_on=claim.claimed_on.isoformat(),
        decided_on=claim.decided_on.isoformat() if claim.decided_on else None,
        has_attachment=claim.attachment_id is not None,
        reason=claim.reason, paid_on=claim.paid_on.isoformat() if claim.paid_on else None,
        voucher=claim.voucher)


def line_json(line: ClaimLine) -> SubsidyLineJson:
    entry = line.entry
    return SubsidyLineJson(
        placement_id=entry.placement.id, candidate=entry.placement.candidate.name,
        employer=entry.placement.post.employer.name, rule=entry.amount.rule,
        amount_fen=entry.amount.fen, explanation=entry.amount.explanation_zh,
        claimant=line.claimant, state=line.state,
        claim=claim_json(line.claim) if line.claim else None)
