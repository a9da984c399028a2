"""邀请投递: an employer invites a recommended (masked) person to apply to one of its posts.

Only people who let employers find them (`open_to_offers`) can be invited; anyone else is
"not found", like an id that names nobody, so an employer learns nothing about who opted out.
Accepting makes the application through services.applications.apply (the same rules as a
seeker's own); declining tells the employer only that it was declined. An employer sends at
most `daily_limit` invitations a day (the app's day), across all its posts.
"""

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from models import Application, Candidate, Invitation, Post, User
from models.base import utcnow
from policy.errors import Conflict, NotFound
from services import audit, hiring_notices
from services.applications import application_of, apply, candidate_of
from services.posts import owned_post


def invite(session: Session, actor: User, post_id: int, candidate_id: int, message: str,
           today: date, daily_limit: int) -> Invitation:
    post = owned_post(session, actor, post_id)
    candidate = session.get(Candidate, candidate_id)
    if candidate is None or not candidate.open_to_offers:
        raise NotFound("求职者不存在或不接受邀请", code="candidate_not_found")
    if candidate.user_id is None:
        # Registered at the bureau's counter, with no login to answer from: the bureau's
        # worklist reaches them instead.
        raise Conflict("该求职者尚未开通线上账号，不能在线邀请，请联系区人社局推荐",
                       code="candidate_offline")
    if post.status != "open":
        raise Conflict("该岗位已停止招聘", code="post_closed")
    if application_of(session, candidate.id, post.id) is not None:
        raise Conflict("该求职者已申请此岗位", code="already_applied")
    sent_today = session.scalar(select(func.count(Invitation.id)).where(
        Invitation.employer_id == post.employer_id, Invitation.sent_on == today)) or 0
    if sent_today >= daily_limit:
        raise Conflict(f"每个单位每天最多发出 {daily_limit} 份邀请，请明天再发",
                       code="invitation_limit")
    invitation = Invitation(post_id=post.id, candidate_id=candidate.id,
                            employer_id=post.employer_id, sent_by_id=actor.id,
                            message=message.strip(), sent_on=today)
    try:
        with session.begin_nested():
            session.add(invitation)
            session.flush()
    except IntegrityError as exc:
        raise Conflict("已邀请过该求职者投递此岗位", code="already_invited") from exc
    audit.record(session, actor.id, "invite", "invitation", invitation.id, post_id=post.id,
                 candidate_id=candidate.id)
    hiring_notices.invited(session, invitation)
    return invitation


def my_invitations(session: Session, user: User) -> list[Invitation]:
    candidate = candidate_of(session, user)
    return list(session.scalars(
        select(Invitation).where(Invitation.candidate_id == candidate.id)
        .options(joinedload(Invitation.post).joinedload(Post.employer))
        .order_by(Invitation.id.desc())))


def accept(session: Session, user: User, invitation_id: int, today: date) -> Application:
    invitation = _pending_own(session, user, invitation_id)
    application = apply(session, user, invitation.post_id, today)
    invitation.status, invitation.application_id = "accepted", application.id
    _answered(session, user, invitation)
    return application


def decline(session: Session, user: User, invitation_id: int) -> Invitation:
    invitation = _pending_own(session, user, invitation_id)
    invitation.status = "declined"
    _answered(session, user, invitation)
    return invitation


def _pending_own(session: Session, user: User, invitation_id: int) -> Invitation:
    candidate = candidate_of(session, user)
    invitation = session.scalar(select(Invitation).where(Invitation.id == invitation_id)
                                .with_for_update())
    if invitation is None or invitation.candidate_id != candidate.id:
        raise NotFound("邀请不存在", code="invitation_not_found")
    if invitation.status != "pending":
        raise Conflict("该邀请已答复", code="invitation_answered")
    return invitation


def _answered(session: Session, user: User, invitation: Invitation) -> None:
    invitation.answered_at = utcnow()
    session.flush()
    audit.record(session, user.id, invitation.status, "invitation", invitation.id)
    hiring_notices.invitation_answered(session, invitation)
