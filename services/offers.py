"""录用通知: the employer offers a start date and monthly pay (and a trainee post's term); the
seeker accepts, which makes the hire, or declines; unanswered, the offer expires after
OFFER_DAYS.

A pending offer holds one of the post's slots, so an accepted offer never meets a full post:
making an offer counts the active placements and the other pending offers under the post's
row lock (services.posts.lock_post, the lock every placement takes first), and so does every
placement (services.placements). Accepting goes through the placement path of hiring
(services.applications.advance → services.placements.place_candidate) in the employer's name
that made the offer, so the slots, the quota and the eligibility on verified groups are read
again at acceptance, and the placement is the one the bureau, the subsidies and the SOE share
read.
"""

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Application, Candidate, Offer, Placement, User
from models.base import utcnow
from policy.errors import Conflict, Invalid, NotFound
from services import audit, hiring_notices
from services.applications import (
    advance,
    candidate_of,
    enter_stage,
    owned_application,
    withdraw,
)
from services.placements import check_rules, check_trainee_term
from services.posts import active_placements, held_offers, lock_post

OFFER_DAYS = 7
# "offered": again, once the last offer expired unanswered (one pending offer at a time).
OFFER_STAGES = ("applied", "shortlisted", "interview", "offered")


def make_offer(session: Session, actor: User, application_id: int, start_date: date,
               monthly_pay: int, term_months: int | None, today: date) -> Offer:
    application = owned_application(session, actor, application_id)
    post = lock_post(session, application.post_id)
    if post is None:
        raise NotFound("岗位不存在", code="post_not_found")
    expire_due(session, today, post.id)
    if application.status not in OFFER_STAGES:
        raise Conflict("该申请当前不能发出录用通知", code="application_closed")
    if application.status == "offered" and session.scalar(select(Offer.id).where(
            Offer.application_id == application.id, Offer.status == "pending").limit(1)):
        raise Conflict("已有待答复的录用通知，请等对方答复或通知过期", code="application_closed")
    if start_date < today:
        raise Invalid("到岗日期不能早于今天", code="start_date_past", fields={"start_date": "不能早于今天"})
    if post.kind == "trainee":
        check_trainee_term(session, start_date, term_months)
    elif term_months is not None:
        raise Invalid("只有见习岗位填写见习期限", code="term_not_applicable",
                      fields={"term_months": "非见习岗位不填"})
    if active_placements(session, post.id) + held_offers(session, post.id) >= post.slots:
        raise Conflict(f"岗位名额已满或已被待答复的录用通知占用（共 {post.slots} 个）", code="post_full")
    check_rules(session, actor, post, application.candidate, start_date)
    offer = Offer(application_id=application.id, post_id=post.id, start_date=start_date,
                  monthly_pay=monthly_pay, term_months=term_months, made_on=today,
                  expires_on=today + timedelta(days=OFFER_DAYS), created_by_id=actor.id)
    session.add(offer)
    session.flush()
    enter_stage(session, actor, application, "offered")
    audit.record(session, actor.id, "offer", "offer", offer.id, application_id=application.id,
                 start_date=start_date.isoformat(), monthly_pay=monthly_pay,
                 term_months=term_months)
    hiring_notices.offered(session, offer, application)
    return offer


def accept(session: Session, user: User, offer_id: int, today: date) -> Offer:
    """The hire: stage `hired` and the placement, starting on the offer's date (today if
    that has passed). A refusal at this point (the person no longer eligible on verified
    groups) leaves the offer pending, for the bureau or the employer to sort out."""
    offer, application = _pending_own(session, user, offer_id, today)
    offer.status, offer.answered_at = "accepted", utcnow()
    session.flush()  # no longer held: the placement below takes the slot it held
    employer_user = session.get(User, offer.created_by_id)
    if employer_user is None:
        raise NotFound("录用通知不存在", code="offer_not_found")
    advance(session, employer_user, application.id, "hired", start_date=max(offer.start_date, today),
            term_months=offer.term_months)
    audit.record(session, user.id, "accept", "offer", offer.id, application_id=application.id)
    hiring_notices.offer_answered(session, offer, application)
    return offer


def decline(session: Session, user: User, offer_id: int, today: date) -> Offer:
    """Declining frees the slot and closes the application as withdrawn by the seeker."""
    offer, application = _pending_own(session, user, offer_id, today)
    offer.status, offer.answered_at = "declined", utcnow()
    session.flush()
    audit.record(session, user.id, "decline", "offer", offer.id, application_id=application.id)
    withdraw(session, user, application.id)
    hiring_notices.offer_answered(session, offer, application)
    return offer


def my_offers(session: Session, user: User) -> list[Offer]:
    candidate = candidate_of(session, user)
    return list(session.scalars(
        select(Offer).join(Application, Application.id == Offer.application_id)
        .where(Application.candidate_id == candidate.id).order_by(Offer.id.desc())))


def of_application(session: Session, application_id: int) -> list[Offer]:
    return list(session.scalars(select(Offer).where(Offer.application_id == application_id)
                                .order_by(Offer.id.desc())))


def current_job(session: Session, candidate_id: int) -> Placement | None:
    """The person's job now (their newest active placement): their page shows it in place of
    失业登记, which a person in work has no use for."""
    return session.scalar(select(Placement).where(
        Placement.candidate_id == candidate_id, Placement.ended_on.is_(None))
        .order_by(Placement.start_date.desc(), Placement.id.desc()).limit(1))


def expire_due(session: Session, today: date, post_id: int | None = None) -> int:
    """Pending offers past their last day stop holding a slot (the worker's daily job; and
    before any count of a post's held slots); the employer is told, as of an answer."""
    query = select(Offer).where(Offer.status == "pending", Offer.expires_on < today)
    if post_id is not None:
        query = query.where(Offer.post_id == post_id)
    due = session.scalars(query.order_by(Offer.id).with_for_update()).all()
    for offer in due:
        offer.status = "expired"
        hiring_notices.offer_answered(session, offer, offer.application)
    session.flush()
    return len(due)


def _pending_own(session: Session, user: User, offer_id: int, today: date) -> tuple[Offer, Application]:
    candidate: Candidate = candidate_of(session, user)
    offer = session.get(Offer, offer_id)
    if offer is None or offer.application.candidate_id != candidate.id:
        raise NotFound("录用通知不存在", code="offer_not_found")
    lock_post(session, offer.post_id)
    session.refresh(offer)
    if offer.status == "pending" and offer.expires_on < today:
        offer.status = "expired"
        session.flush()
    if offer.status != "pending":
        raise Conflict("该录用通知已过期或已答复", code="offer_closed")
    return offer, offer.application
