"""What each of the bureau's and the hiring's events tells whom (the texts of services.notifications).

Kept apart from the services that make the events so their rules read without the wording,
and so the next events (invitations, interviews, offers) add their notices here.
"""

from sqlalchemy.orm import Session

from models import Application, Candidate, Employer, GroupClaim, User
from policy.codes import GROUP_LABELS
from services.hiring_notices import SEE_INBOX
from services.notifications import employer_users, notify

STAGE_NOTICES = {
    "shortlisted": "已通过初筛", "interview": "进入面试阶段，请留意单位的联系",
    "offered": "单位已向您发出录用通知", "hired": "您已被录用", "rejected": "未通过",
}
OUTSIDE = ("sms", "email")


def stage_changed(session: Session, application: Application, actor: User) -> None:
    """The applicant hears of every stage the employer or the bureau moves them to; the
    employer hears when the applicant withdraws."""
    post = application.post
    if application.status == "withdrawn":
        for user in employer_users(session, post.employer_id):
            notify(session, user, "application_withdrawn",
                   f"求职者撤回了对「{post.title}」的申请", subject="application",
                   subject_id=application.id)
        return
    seeker = _user_of(session, application.candidate)
    if seeker is None or seeker.id == actor.id or application.status not in STAGE_NOTICES:
        return
    text = f"您申请的「{post.title}」（{post.employer.name}）{STAGE_NOTICES[application.status]}"
    outside = None
    if application.status == "rejected" and application.reason:
        # The reason is the employer's (or the bureau's) own words: the inbox only, as the
        # hiring conversation's texts (services.hiring_notices).
        outside = text + SEE_INBOX
        text += f"：{application.reason}"
    notify(session, seeker, f"application_{application.status}", text, OUTSIDE,
           subject="application", subject_id=application.id, outside_text=outside)


def applied(session: Session, application: Application) -> None:
    post = application.post
    for user in employer_users(session, post.employer_id):
        notify(session, user, "application_new", f"「{post.title}」收到一份新的申请",
               ("email",), subject="application", subject_id=application.id)


def employer_verified(session: Session, employer: Employer) -> None:
    for user in employer_users(session, employer.id):
        notify(session, user, "employer_verified",
               f"{employer.name}已通过区人社局审核，岗位可以公开发布", OUTSIDE)


def employer_reviewed(session: Session, employer: Employer, decision: str) -> None:
    """退回补充 or 驳回, with the bureau's reason in the inbox; the SMS only says to look."""
    for user in employer_users(session, employer.id):
        notify(session, user, f"employer_{decision}",
               f"{employer.name}的审核结果：{decision}。原因：{employer.review_reason}", OUTSIDE,
               outside_text=f"{employer.name}的审核结果：{decision}，详情请登录就业直通车查看")


def claim_decided(session: Session, claim: GroupClaim) -> None:
    """The group is named only in the inbox: an SMS on a locked screen must not say 低保."""
    seeker = _user_of(session, claim.candidate)
    if seeker is None:
        return
    outcome = "已核验通过" if claim.status == "verified" else "未通过核验"
    notify(session, seeker, f"claim_{claim.status}",
           f"您申报的人员类别「{GROUP_LABELS.get(claim.group, claim.group)}」{outcome}", OUTSIDE,
           outside_text=f"您申报的人员类别{outcome}，详情请登录就业直通车查看")


def _user_of(session: Session, candidate: Candidate) -> User | None:
    return session.get(User, candidate.user_id) if candidate.user_id else None
