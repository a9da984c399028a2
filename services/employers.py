"""The bureau's verification of employers: until verified, an employer's posts are not public."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Employer
from models.base import utcnow
from policy.errors import NotFound
from services import audit, notices


def verify_employer(session: Session, employer_id: int, actor_id: int) -> Employer:
    employer = session.get(Employer, employer_id)
    if employer is None:
        raise NotFound("找不到该单位", code="employer_not_found")
    if employer.verified_at is None:
        employer.verified_at = utcnow()
        audit.record(session, actor_id, "verify", "employer", employer.id)
        session.flush()
        notices.employer_verified(session, employer)
    return employer


def unverified_employers(session: Session) -> list[Employer]:
    """The bureau's verification queue, oldest registration first."""
    return list(session.scalars(
        select(Employer).where(Employer.verified_at.is_(None)).order_by(Employer.created_at, Employer.id)
    ))


def find_employer(session: Session, employer_id: int | None) -> Employer | None:
    """The employer with this id, or None (no id, or no such employer): a page's filter."""
    return session.get(Employer, employer_id) if employer_id else None
