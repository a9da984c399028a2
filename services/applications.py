"""Applications: a seeker applies once per post, may withdraw, and the employer moves it
through the hiring stages; every stage entered is kept as history.

"hired" records the placement through services.placements, the same rules the bureau's
placements obey (slots, quota, eligibility on verified groups).
"""

from datetime import date

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from models import Application, ApplicationEvent, Candidate, Offer, Placement, Post, User
from policy import eligibility
from policy.errors import Conflict, Invalid, NotFound
from services import audit, notices
from services.placements import place_candidate
from services.post_search import get_public_post
from services.posts import active_placements, owned_post
from services.records import candidate_facts

STAGES = ("applied", "shortlisted", "interview", "offered", "hired")
OPEN_STATUSES = ("applied", "shortlisted", "interview", "offered")
STATUS_LABELS = {
    "applied": "已申请", "shortlisted": "初筛通过", "interview": "面试", "offered": "已发录用通知",
    "hired": "已录用", "rejected": "未通过", "withdrawn": "已撤回",
}


def next_stage(status: str) -> str | None:
    """The one stage an open application may move to besides "rejected"."""
    if status not in OPEN_STATUSES:
        return None
    return STAGES[STAGES.index(status) + 1]


def find_candidate(session: Session, user: User) -> Candidate | None:
    return session.scalar(select(Candidate).where(Candidate.user_id == user.id))


def candidate_of(session: Session, user: User) -> Candidate:
    """The seeker's own profile; registration creates it, so a missing one is "not found"."""
    candidate = find_candidate(session, user)
    if candidate is None:
        raise candidate_not_found()
    return candidate


def application_not_found() -> NotFound:
    return NotFound("申请不存在", code="application_not_found")


def candidate_not_found() -> NotFound:
    return NotFound("找不到您的求职资料", code="candidate_not_found")


def eligibility_for(candidate: Candidate, post: Post, today: date) -> eligibility.Decision:
    """Declared (待核验) groups count here; the placement checks the verified ones."""
    return eligibility.check(post.kind, post.education_min, candidate_facts(candidate), today)


def apply(session: Session, user: User, post_id: int, today: date) -> Application:
    return apply_for(session, user, candidate_of(session, user), post_id, today)


def apply_for(session: Session, actor: User, candidate: Candidate, post_id: int, today: date,
              **audit_detail) -> Application:
    """The application itself, by the person or by township staff acting for them (代办,
    services.proxy_acts, whose `audit_detail` names the person and the consent)."""
    post = get_public_post(session, post_id)
    existing = session.scalar(select(Application).where(
        Application.post_id == post.id, Application.candidate_id == candidate.id))
    if existing is not None:
        raise _already_applied(existing)
    _check_open(session, candidate, post, today)
    application = Application(post_id=post.id, candidate_id=candidate.id, status="applied")
    try:
        with session.begin_nested():  # added inside: begin_nested() flushes what is pending first
            session.add(application)
            session.flush()
    except IntegrityError as exc:
        # A second click raced the first one: the unique constraint decided.
        raise Conflict("您已申请过该岗位，请勿重复申请", code="already_applied") from exc
    _history(session, application, actor, "applied")
    audit.record(session, actor.id, "apply", "application", application.id, post_id=post.id,
                 **audit_detail)
    notices.applied(session, application)
    return application


def _check_open(session: Session, candidate: Candidate, post: Post, today: date) -> None:
    """What applying (or applying again) needs of the post now: open, not full, and the person
    eligible on what they declared."""
    if post.status != "open":
        raise Conflict("该岗位已停止招聘", code="post_closed")
    if active_placements(session, post.id) >= post.slots:
        raise Conflict("该岗位名额已满", code="post_full")
    decision = eligibility_for(candidate, post, today)
    if not decision.eligible:
        failed = [r.message for r in decision.reasons if not r.passed]
        raise Conflict("不符合该岗位条件：" + "；".join(failed), code="ineligible",
                       fields={"reasons": failed})


def renew(session: Session, user: User, application_id: int, today: date) -> Application:
    """A withdrawn application may be renewed once (the withdrawal may have been a slip): it
    is "applied" again, under the rules of applying today; a second renewal is refused."""
    candidate = candidate_of(session, user)
    application = session.get(Application, application_id)
    if application is None or application.candidate_id != candidate.id:
        raise application_not_found()
    if application.status != "withdrawn":
        raise Conflict("只有已撤回的申请可以重新申请", code="not_renewable")
    applied_before = [e for e in history(session, application.id) if e.status == "applied"]
    if len(applied_before) > 1:
        raise Conflict("撤回后只能重新申请一次", code="already_renewed")
    _check_open(session, candidate, application.post, today)
    _move(session, application, user, "applied", "")
    return application


def enter_stage(session: Session, actor: User, application: Application, to: str) -> None:
    """An interview or an offer moves an open application forward to its stage, skipping the
    stages before it, never back. The seeker is told by the interview's or the offer's own
    notice, not a second time here."""
    if application.status not in OPEN_STATUSES:
        raise Conflict(f"申请已{STATUS_LABELS[application.status]}，不能再变更", code="application_closed")
    if STAGES.index(to) > STAGES.index(application.status):
        _move(session, application, actor, to, "", tell=False)


def withdraw(session: Session, user: User, application_id: int) -> Application:
    candidate = candidate_of(session, user)
    application = session.get(Application, application_id)
    if application is None or application.candidate_id != candidate.id:
        raise NotFound("申请不存在", code="application_not_found")
    if application.status not in OPEN_STATUSES:
        raise Conflict(f"申请{STATUS_LABELS[application.status]}，不能撤回", code="not_withdrawable")
    _move(session, application, user, "withdrawn", "")
    return application


def advance(
    session: Session, actor: User, application_id: int, to: str, reason: str = "",
    start_date: date | None = None, contract_months: int | None = None,
    term_months: int | None = None,
) -> Application:
    """Employer (own posts) or bureau moves an application one stage on, or rejects it.

    Stages go in order (applied → shortlisted → interview → offered → hired); rejecting is
    possible from any open stage and needs a reason; hiring records the placement.
    """
    application = session.get(Application, application_id)
    if application is None:
        raise NotFound("申请不存在", code="application_not_found")
    post = owned_post(session, actor, application.post_id)
    if application.status not in OPEN_STATUSES:
        raise Conflict(f"申请已{STATUS_LABELS[application.status]}，不能再变更", code="application_closed")
    reason = reason.strip()
    if to == "rejected":
        if not reason:
            raise Invalid("请填写未通过的原因", code="reason_required", fields={"reason": "必填"})
    elif to != next_stage(application.status):
        raise Invalid("只能进入下一阶段或标记为未通过", code="invalid_stage", fields={"to": "无效阶段"})
    if to == "hired":
        if start_date is None:
            raise Invalid("请填写到岗日期", code="start_date_required", fields={"start_date": "必填"})
        place_candidate(session, actor, post.id, application.candidate_id, start_date,
                        contract_months, term_months)
    _move(session, application, actor, to, reason[:255])
    return application


def place_or_hire(
    session: Session, actor: User, post_id: int, candidate_id: int, start_date: date,
    contract_months: int | None = None, term_months: int | None = None,
) -> Placement:
    """POST /placements: the bureau places anyone the rules admit; an employer places only by
    hiring its own applicant, the application's 录用 step after 已发录用通知.

    For an employer, a person who did not apply to the post (or a post not its own) is "not
    found" before anything else is looked at: the answer says nothing about who they are."""
    if actor.role != "employer":
        return place_candidate(session, actor, post_id, candidate_id, start_date, contract_months,
                               term_months)
    post = owned_post(session, actor, post_id)
    application = application_of(session, candidate_id, post.id)
    if application is None:
        raise NotFound("该求职者未申请此岗位", code="application_not_found")
    if application.status in OPEN_STATUSES and application.status != "offered":
        raise Invalid("请先向该申请人发出录用通知，再登记录用", code="invalid_stage",
                      fields={"candidate_id": f"申请{STATUS_LABELS[application.status]}"})
    advance(session, actor, application.id, "hired", start_date=start_date,
            contract_months=contract_months, term_months=term_months)
    return session.scalar(select(Placement).where(
        Placement.post_id == post.id, Placement.candidate_id == candidate_id))


def history(session: Session, application_id: int) -> list[ApplicationEvent]:
    return list(session.scalars(select(ApplicationEvent).where(
        ApplicationEvent.application_id == application_id).order_by(ApplicationEvent.id)))


def seeker_applications(session: Session, user: User) -> list[Application]:
    candidate = candidate_of(session, user)
    return list(session.scalars(
        select(Application).where(Application.candidate_id == candidate.id)
        .options(joinedload(Application.post).joinedload(Post.employer))
        .order_by(Application.id.desc())))


def post_applications(session: Session, actor: User, post_id: int) -> list[Application]:
    post = owned_post(session, actor, post_id)
    return list(session.scalars(
        select(Application).where(Application.post_id == post.id)
        .options(joinedload(Application.candidate).selectinload(Candidate.group_claims))
        .order_by(Application.id)))


def _move(session: Session, application: Application, actor: User, to: str, reason: str,
          tell: bool = True) -> None:
    application.status, application.reason = to, reason
    if to not in OPEN_STATUSES:
        # A closed application's pending offer holds no slot any more (services.offers).
        session.execute(update(Offer).where(Offer.application_id == application.id,
                                            Offer.status == "pending").values(status="withdrawn"))
    session.flush()
    _history(session, application, actor, to, reason)
    audit.record(session, actor.id, to, "application", application.id, reason=reason)
    if tell:
        notices.stage_changed(session, application, actor)


def _history(session, application, actor, status, reason="") -> None:
    session.add(ApplicationEvent(application_id=application.id, status=status, reason=reason,
                                 actor_id=actor.id))
    session.flush()


def _already_applied(existing: Application) -> Conflict:
    if existing.status == "withdrawn":
        return Conflict("您已撤回过该岗位的申请，不能再次申请", code="already_applied")
    return Conflict("您已申请过该岗位，请勿重复申请", code="already_applied")


def application_of(session: Session, candidate_id: int, post_id: int) -> Application | None:
    return session.scalar(select(Application).where(
        Application.candidate_id == candidate_id, Application.post_id == post_id))


def owned_application(session: Session, actor: User, application_id: int) -> Application:
    """An application of one of the actor's posts (or any, for the bureau); else "not found"."""
    application = session.get(Application, application_id)
    if application is None:
        raise NotFound("申请不存在", code="application_not_found")
    try:
        owned_post(session, actor, application.post_id)
    except NotFound:
        raise NotFound("申请不存在", code="application_not_found") from None
    return application
