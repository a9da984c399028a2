"""The bureau's verification of employers: until verified, an employer's posts are not public.

Verification checks the licence (统一社会信用代码, legal representative, address) and ends in
one of three decisions, each audited: 通过审核; 退回补充, which asks the employer to complete
its details (saving them puts it back in the queue, services.profiles.save_company); or 驳回.
The reason of the last two is shown on the employer's page.
"""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import AuditEntry, Employer
from models.base import utcnow
from policy.errors import Conflict, Invalid, NotFound
from services import audit, notices

DECISION_LABELS = {"verify": "通过审核", "return": "退回补充", "reject": "驳回"}
STORED_DECISIONS = {"return": "returned", "reject": "rejected"}
REVIEW_STATE_LABELS = {"returned": "已退回补充", "rejected": "已驳回"}
REASON_MAX_LENGTH = 200


@dataclass(frozen=True)
class Review:
    decision: str  # a key of DECISION_LABELS
    reason: str = ""
    confirmed: bool = False  # the bureau ticked that the licence matches (needed to verify)


def review_problems(review: Review) -> dict[str, str]:
    """Every reason the review cannot be recorded, by field (empty: it can). The page's form
    shows them all at once; review_employer refuses with them."""
    problems = {}
    if review.decision not in DECISION_LABELS:
        problems["decision"] = "请选择审核结果"
    elif review.decision == "verify":
        if not review.confirmed:
            problems["confirmed"] = "请确认已核对营业执照信息"
    elif not review.reason.strip():
        problems["reason"] = f"{DECISION_LABELS[review.decision]}须填写原因，单位会看到"
    if len(review.reason.strip()) > REASON_MAX_LENGTH:
        problems["reason"] = f"原因最多 {REASON_MAX_LENGTH} 字"
    return problems


def get_employer(session: Session, employer_id: int) -> Employer:
    employer = session.get(Employer, employer_id)
    if employer is None:
        raise NotFound("找不到该单位", code="employer_not_found")
    return employer


def verify_employer(session: Session, employer_id: int, actor_id: int) -> Employer:
    employer = get_employer(session, employer_id)
    if employer.verified_at is None:
        employer.verified_at = employer.reviewed_at = utcnow()
        employer.review_decision, employer.review_reason = None, ""
        audit.record(session, actor_id, "verify", "employer", employer.id)
        session.flush()
        notices.employer_verified(session, employer)
    return employer


def review_employer(session: Session, employer_id: int, actor_id: int, review: Review) -> Employer:
    """The bureau's decision on an employer not yet verified, audited with its reason."""
    problems = review_problems(review)
    if problems:
        raise Invalid("审核信息不完整，请检查标红的项目", code="invalid_review", fields=problems)
    employer = get_employer(session, employer_id)
    if employer.verified:
        raise Conflict("该单位已通过审核", code="employer_already_verified")
    if review.decision == "verify":
        return verify_employer(session, employer_id, actor_id)
    employer.review_decision = STORED_DECISIONS[review.decision]
    employer.review_reason = review.reason.strip()
    employer.reviewed_at = utcnow()
    audit.record(session, actor_id, f"{review.decision}_employer", "employer", employer.id,
                 reason=employer.review_reason)
    session.flush()
    notices.employer_reviewed(session, employer, DECISION_LABELS[review.decision])
    return employer


def unverified_employers(session: Session) -> list[Employer]:
    """The bureau's verification queue, oldest registration first: not verified, and neither
    rejected nor returned and still waiting for the employer's details."""
    return list(session.scalars(
        select(Employer).where(Employer.verified_at.is_(None), Employer.review_decision.is_(None))
        .order_by(Employer.created_at, Employer.id)
    ))


def decided_employers(session: Session, limit: int = 50) -> list[Employer]:
    """Employers returned or rejected, latest decision first: what the bureau may look at again."""
    return list(session.scalars(
        select(Employer).where(Employer.verified_at.is_(None), Employer.review_decision.is_not(None))
        .order_by(Employer.reviewed_at.desc(), Employer.id).limit(limit)
    ))


def review_history(session: Session, employer_id: int) -> list[AuditEntry]:
    """The employer's registration, decisions and resubmissions, oldest first."""
    return list(session.scalars(
        select(AuditEntry).where(AuditEntry.entity == "employer", AuditEntry.entity_id == employer_id,
                                 AuditEntry.action.in_(("register", "verify", "return_employer",
                                                        "reject_employer", "resubmit")))
        .order_by(AuditEntry.at, AuditEntry.id)
    ))


def find_employer(session: Session, employer_id: int | None) -> Employer | None:
    """The employer with this id, or None (no id, or no such employer): a page's filter."""
    return session.get(Employer, employer_id) if employer_id else None
