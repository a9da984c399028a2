"""The bureau's verification of self-declared groups (高校毕业生, 就业困难人员, 低保 …).

Declared groups count for ranking at once (marked 待核验); placements and subsidies count
only verified ones, so each decision is audited with who and when. The bureau decides on
evidence: the school and graduation date of a graduate, the registration history of an
unemployed person, the certificate a person uploads for 低保 / 脱贫. A refusal carries the
reason the person reads on their profile.
"""

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from models import Attachment, Candidate, GroupClaim, UnemploymentRegistration, User
from models.base import utcnow
from policy.errors import Conflict, Invalid, NotFound
from policy.subsidy_claims import reason_required
from services import audit, notices

GRADUATE_GROUPS = frozenset({"fresh_graduate", "unemployed_graduate"})
REGISTRATION_GROUPS = frozenset({"registered_unemployed", "hardship"})
# Groups proven by a certificate the person uploads (低保证 / 脱贫户证明).
CERTIFICATE_GROUPS = frozenset({"low_income", "poverty"})


@dataclass(frozen=True)
class PendingClaim:
    """A claim awaiting a decision and what the bureau decides on."""

    claim: GroupClaim
    registrations: list[UnemploymentRegistration]

    @property
    def shows_school(self) -> bool:
        return self.claim.group in GRADUATE_GROUPS

    @property
    def shows_registrations(self) -> bool:
        return self.claim.group in REGISTRATION_GROUPS

    @property
    def needs_certificate(self) -> bool:
        return self.claim.group in CERTIFICATE_GROUPS


def pending_count(session: Session, group: str | None = None) -> int:
    query = select(func.count()).select_from(GroupClaim).where(GroupClaim.status == "declared")
    return session.scalar(query.where(GroupClaim.group == group) if group else query) or 0


def pending_claims(session: Session, group: str | None = None, limit: int = 200) -> list[PendingClaim]:
    """The oldest profiles' claims first, of one group if given (a worker takes one kind of
    evidence at a time)."""
    query = select(GroupClaim).where(GroupClaim.status == "declared")
    if group:
        query = query.where(GroupClaim.group == group)
    claims = list(session.scalars(
        query.options(joinedload(GroupClaim.candidate), joinedload(GroupClaim.attachment))
        .order_by(GroupClaim.candidate_id, GroupClaim.group).limit(limit)
    ))
    history: dict[int, list[UnemploymentRegistration]] = defaultdict(list)
    wanted = {c.candidate_id for c in claims if c.group in REGISTRATION_GROUPS}
    if wanted:
        for registration in session.scalars(
                select(UnemploymentRegistration)
                .where(UnemploymentRegistration.candidate_id.in_(wanted))
                .order_by(UnemploymentRegistration.unemployed_since, UnemploymentRegistration.id)):
            history[registration.candidate_id].append(registration)
    return [PendingClaim(c, history[c.candidate_id]) for c in claims]


def decide_claim(
    session: Session, actor_id: int, candidate_id: int, group: str, approve: bool, reason: str = ""
) -> GroupClaim:
    # Locked: two staff deciding at once must not both pass the "declared" check.
    claim = session.get(GroupClaim, (candidate_id, group), with_for_update=True)
    if claim is None:
        raise NotFound("找不到该人员类别申报", code="claim_not_found")
    if claim.status != "declared":
        raise Conflict("该申报已处理", code="claim_decided")
    claim.reason = None if approve else reason_required(reason)
    claim.status = "verified" if approve else "rejected"
    claim.decided_by_id, claim.decided_at = actor_id, utcnow()
    audit.record(session, actor_id, "verify_group" if approve else "reject_group", "candidate",
                 candidate_id, group=group, reason=claim.reason, before={"status": "declared"},
                 after={"status": claim.status})
    session.flush()
    notices.claim_decided(session, claim)
    return claim


def attach_certificate(session: Session, user: User, group: str, attachment: Attachment) -> GroupClaim:
    """The person's certificate for a declared 低保 / 脱贫 claim (a newer file replaces the old
    as evidence; both files stay on record)."""
    if group not in CERTIFICATE_GROUPS:
        raise Invalid("该人员类别无需上传证明", code="certificate_not_needed")
    claim = session.scalar(
        select(GroupClaim).join(Candidate, Candidate.id == GroupClaim.candidate_id)
        .where(GroupClaim.group == group, Candidate.user_id == user.id))
    if claim is None or claim.status != "declared":
        raise NotFound("没有待核验的该类别申报", code="claim_not_found")
    before = claim.attachment_id
    claim.attachment_id = attachment.id
    audit.record(session, user.id, "attach_group_evidence", "candidate", claim.candidate_id,
                 group=group, before={"attachment_id": before}, after={"attachment_id": attachment.id})
    session.flush()
    return claim
