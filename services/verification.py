"""The bureau's verification of self-declared groups (高校毕业生, 就业困难人员, 低保 …).

Declared groups count for ranking at once (marked 待核验); placements and subsidies count
only verified ones, so each decision is audited with who and when.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from models import GroupClaim
from models.base import utcnow
from policy.errors import Conflict, NotFound
from services import audit, notices


def pending_claims(session: Session, limit: int = 200) -> list[GroupClaim]:
    return list(session.scalars(
        select(GroupClaim).where(GroupClaim.status == "declared")
        .options(joinedload(GroupClaim.candidate))
        .order_by(GroupClaim.candidate_id, GroupClaim.group).limit(limit)
    ))


def decide_claim(
    session: Session, actor_id: int, candidate_id: int, group: str, approve: bool
) -> GroupClaim:
    claim = session.get(GroupClaim, (candidate_id, group))
    if claim is None:
        raise NotFound("找不到该人员类别申报", code="claim_not_found")
    if claim.status != "declared":
        raise Conflict("该申报已处理", code="claim_decided")
    claim.status = "verified" if approve else "rejected"
    claim.decided_by_id, claim.decided_at = actor_id, utcnow()
    audit.record(session, actor_id, "verify_group" if approve else "reject_group", "candidate",
                 candidate_id, group=group, before={"status": "declared"},
                 after={"status": claim.status})
    session.flush()
    notices.claim_decided(session, claim)
    return claim
