"""Personal data (PIPL, GB/T 35273): who read what, the bureau's reveal of a 身份证号.

Everywhere else the 身份证号 and phone are masked (policy.identifiers.mask_*); the exceptions
are the person's own pages and the reads below, each of which leaves an audit entry, so the
bureau can answer "who saw this person's number, and when".
"""

from sqlalchemy.orm import Session

from models import Candidate, User
from policy.errors import NotFound
from services import audit


def record_contact_views(session: Session, actor: User, post_id: int, candidate_ids: list[int]) -> None:
    """An employer saw applicants' full names and phones (issue 5, Audit): one entry per person,
    so the audit page filtered by candidate shows every employer that read them. The bureau's
    own reads are its job and are not logged here."""
    if actor.role != "employer":
        return
    for candidate_id in candidate_ids:
        audit.record(session, actor.id, "view_contact", "candidate", candidate_id, post_id=post_id)
    session.flush()


def reveal_id_number(session: Session, actor: User, candidate_id: int) -> Candidate:
    """The bureau's 查看完整身份证号: the person, after an audit entry naming who asked."""
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        raise NotFound("求职者不存在", code="candidate_not_found")
    audit.record(session, actor.id, "reveal_id_number", "candidate", candidate.id)
    session.flush()
    return candidate
