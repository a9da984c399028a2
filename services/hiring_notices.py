"""What the invitations, interviews and offers tell whom (services.notices holds the stages').

The seeker hears each step in the inbox and by SMS/e-mail; a text that carries the employer's
own words or an address stays in the signed-in inbox, and the outside copy only points there.
The employer hears of an answer — never why an invitation was declined.
"""

from sqlalchemy.orm import Session

from models import Application, Candidate, Interview, Invitation, Offer, Post, User
from services.notifications import employer_users, notify

OUTSIDE = ("sms", "email")
SEE_INBOX = "，详情请登录就业直通车查看"


def seeker_user(session: Session, candidate: Candidate) -> User | None:
    return session.get(User, candidate.user_id) if candidate.user_id else None


def _tell_seeker(session: Session, candidate: Candidate, kind: str, text: str, outside: str,
                 subject: str, subject_id: int) -> None:
    user = seeker_user(session, candidate)
    if user is not None:
        notify(session, user, kind, text, OUTSIDE, subject=subject, subject_id=subject_id,
               outside_text=outside + SEE_INBOX)


def _tell_employer(session: Session, post: Post, kind: str, text: str, subject: str,
                   subject_id: int) -> None:
    for user in employer_users(session, post.employer_id):
        notify(session, user, kind, text, ("email",), subject=subject, subject_id=subject_id)


def invited(session: Session, invitation: Invitation) -> None:
    post = invitation.post
    text = f"{post.employer.name}邀请您投递「{post.title}」"
    words = f"：{invitation.message}" if invitation.message else ""
    _tell_seeker(session, invitation.candidate, "invitation_new", text + words, text,
                 "invitation", invitation.id)


def invitation_answered(session: Session, invitation: Invitation) -> None:
    outcome = "已接受并投递" if invitation.status == "accepted" else "已婉拒"
    _tell_employer(session, invitation.post, f"invitation_{invitation.status}",
                   f"您对「{invitation.post.title}」发出的一份邀请{outcome}", "invitation",
                   invitation.id)


def interview_scheduled(session: Session, interview: Interview, when: str) -> None:
    application = interview.application
    post = application.post
    text = (f"{post.employer.name}邀请您参加「{post.title}」面试：{when}，地点：{interview.place}，"
            f"联系人：{interview.contact} {interview.contact_phone}".rstrip())
    if interview.notes:
        text += f"，备注：{interview.notes}"
    _tell_seeker(session, application.candidate, "interview_new", text,
                 f"{post.employer.name}「{post.title}」面试安排在{when}", "interview", interview.id)


INTERVIEW_ANSWERS = {"confirmed": "确认参加", "declined": "不参加", "reschedule": "希望改期"}


def interview_answered(session: Session, interview: Interview) -> None:
    post = interview.application.post
    text = f"「{post.title}」的面试，求职者{INTERVIEW_ANSWERS[interview.status]}"
    if interview.seeker_note:
        text += f"：{interview.seeker_note}"
    _tell_employer(session, post, f"interview_{interview.status}", text, "interview", interview.id)


def interview_tomorrow(session: Session, interview: Interview, when: str) -> None:
    post = interview.application.post
    text = f"提醒：明天{when}参加{post.employer.name}「{post.title}」面试，地点：{interview.place}"
    _tell_seeker(session, interview.application.candidate, "interview_reminder", text,
                 f"提醒：明天{when}有{post.employer.name}的面试", "interview", interview.id)


def offered(session: Session, offer: Offer, application: Application) -> None:
    post = application.post
    text = (f"{post.employer.name}向您发出「{post.title}」录用通知：{offer.start_date.isoformat()}到岗，"
            f"月薪{offer.monthly_pay}元")
    if offer.term_months:
        text += f"，见习期{offer.term_months}个月"
    text += f"；请在{offer.expires_on.isoformat()}前答复"
    _tell_seeker(session, application.candidate, "offer_new", text,
                 f"{post.employer.name}向您发出「{post.title}」录用通知", "offer", offer.id)


def offer_answered(session: Session, offer: Offer, application: Application) -> None:
    outcome = {"accepted": "已接受，录用已登记", "declined": "已婉拒", "expired": "已过期"}[offer.status]
    _tell_employer(session, application.post, f"offer_{offer.status}",
                   f"「{application.post.title}」的录用通知{outcome}", "offer", offer.id)
