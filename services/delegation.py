"""The consent a person gives township staff to act for them (代办授权): either a one-time
code sent by SMS to the person's phone, which they read out to the staff member, or a photo of
the consent form they signed.

The code is made and checked as the 忘记密码 code is (services.one_time_codes): 6 digits, kept
only as an argon2 hash, 5 minutes, the newest one only, burned after 5 wrong guesses; the SMS carries it
through the outbox, which drops it once sent. A confirmed consent lets that staff member act
for that person for CONSENT_DAYS; each act is audited naming both (`act_detail`) and the
person is told it was done (`tell_person`). The person may withdraw it at any time, through the
staff member or on their own page (`withdraw_own`).
"""

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from models import Attachment, Candidate, DelegationConsent, User
from policy.errors import Conflict, Forbidden, Invalid, NotFound
from services import audit, notifications, one_time_codes, township_scope
from services.applications import candidate_of

CONSENT_DAYS = 30
CODE_TEXT = ("{staff}（{township}人社协理员）申请为您代办就业服务事项，验证码 {{code}}，5 分钟内有效。"
             "同意请将验证码告知工作人员；如不同意，请勿告知。")
PHOTO_TYPES = ("image/jpeg", "image/png")
METHOD_LABELS = {"sms": "短信验证码", "form": "签字授权书照片"}


def _person(session: Session, staff: User, candidate_id: int) -> Candidate:
    """Only township staff act for people, and only for their own township's."""
    if staff.role != "township":
        raise Forbidden("只有镇街协理员可以代办", code="forbidden")
    return township_scope.visible_person(session, staff, candidate_id)


def send_code(session: Session, staff: User, candidate_id: int, now: datetime) -> DelegationConsent:
    person = _person(session, staff, candidate_id)
    if not person.phone:
        raise Invalid("该人员没有手机号，请上传签字授权书照片", code="no_phone")
    session.execute(update(DelegationConsent).where(
        DelegationConsent.candidate_id == person.id, DelegationConsent.staff_id == staff.id,
        DelegationConsent.method == "sms", DelegationConsent.confirmed_at.is_(None),
    ).values(code_expires_at=now))
    code, code_hash = one_time_codes.make()
    consent = DelegationConsent(candidate_id=person.id, staff_id=staff.id, township=staff.township,
                                method="sms", code_hash=code_hash,
                                code_expires_at=now + one_time_codes.CODE_LIFETIME)
    session.add(consent)
    session.flush()
    notifications.queue(session, "sms", person.phone, "delegation_code",
                        CODE_TEXT.format(staff=staff.name, township=staff.township),
                        user_id=person.user_id, secret=code)
    audit.record(session, staff.id, "request_delegation_code", "candidate", person.id,
                 consent_id=consent.id)
    return consent


def confirm_code(session: Session, staff: User, candidate_id: int, code: str,
                 now: datetime) -> DelegationConsent | None:
    """The confirmed consent, or None for a wrong or expired code. A wrong guess is counted in
    the session, so the caller commits even when it answers "wrong code"."""
    person = _person(session, staff, candidate_id)
    consent = session.scalar(
        select(DelegationConsent).where(
            DelegationConsent.candidate_id == person.id, DelegationConsent.staff_id == staff.id,
            DelegationConsent.method == "sms", DelegationConsent.confirmed_at.is_(None),
            DelegationConsent.code_expires_at > now)
        .order_by(DelegationConsent.id.desc()).limit(1))
    if consent is None or consent.code_hash is None:
        return None
    if not one_time_codes.matches(consent, code, lambda: setattr(consent, "code_expires_at", now)):
        session.flush()
        return None
    return _confirmed(session, staff, person, consent, now)


def record_form(session: Session, staff: User, candidate_id: int, photo: Attachment,
                now: datetime) -> DelegationConsent:
    """A photo (JPEG or PNG, as services.attachments read it from its bytes) of the consent form
    the person signed; a refused one is unlinked with its transaction's rollback."""
    person = _person(session, staff, candidate_id)
    if photo.content_type not in PHOTO_TYPES:
        raise Invalid("授权书请上传 JPEG 或 PNG 照片", code="attachment_type",
                      fields={"attachment": "只能上传 JPEG 或 PNG 照片"})
    consent = DelegationConsent(candidate_id=person.id, staff_id=staff.id, township=staff.township,
                                method="form", attachment_id=photo.id)
    session.add(consent)
    return _confirmed(session, staff, person, consent, now)


def _confirmed(session: Session, staff: User, person: Candidate, consent: DelegationConsent,
               now: datetime) -> DelegationConsent:
    consent.confirmed_at, consent.valid_until = now, now + timedelta(days=CONSENT_DAYS)
    session.flush()
    audit.record(session, staff.id, "grant_delegation", "candidate", person.id,
                 consent_id=consent.id, method=consent.method, person_name=person.name,
                 staff_name=staff.name)
    return consent


def current(session: Session, staff: User, candidate_id: int, now: datetime) -> DelegationConsent | None:
    """This staff member's standing consent from this person, if any."""
    return session.scalar(
        select(DelegationConsent).where(
            DelegationConsent.candidate_id == candidate_id, DelegationConsent.staff_id == staff.id,
            DelegationConsent.confirmed_at.is_not(None), DelegationConsent.withdrawn_at.is_(None),
            DelegationConsent.valid_until > now)
        .order_by(DelegationConsent.id.desc()).limit(1))


def withdraw(session: Session, staff: User, candidate_id: int, now: datetime) -> DelegationConsent:
    """The person withdraws their consent through the staff member, who records it: nothing
    more may be done for them until they consent again."""
    person = _person(session, staff, candidate_id)
    consent = current(session, staff, person.id, now)
    if consent is None:
        raise Conflict("没有有效的代办授权", code="no_delegation_consent")
    _withdrawn(session, staff, person, consent, now)
    return consent


def withdraw_own(session: Session, user: User, consent_id: int, now: datetime) -> DelegationConsent:
    """The person withdraws a consent on their own page (services.delegated_acts lists them),
    without the staff member, who is told in their inbox. Another person's consent is "not
    found", like one that does not exist."""
    person = candidate_of(session, user)
    consent = session.scalar(select(DelegationConsent).where(
        DelegationConsent.id == consent_id, DelegationConsent.candidate_id == person.id,
        DelegationConsent.confirmed_at.is_not(None)))
    if consent is None:
        raise NotFound("授权记录不存在", code="delegation_not_found")
    _withdrawn(session, user, person, consent, now)
    notifications.notify(session, consent.staff, "delegation_withdrawn",
                         f"{person.name}已撤回给您的代办授权（{METHOD_LABELS[consent.method]}，"
                         f"{consent.confirmed_at:%Y-%m-%d}），此后不能再为其代办；如需代办，请重新取得本人授权。")
    return consent


def _withdrawn(session: Session, actor: User, person: Candidate, consent: DelegationConsent,
               now: datetime) -> None:
    """End a standing consent now, audited by whoever withdrew it (the person, or the staff
    member recording their word) with both names. One UPDATE that only a standing consent
    matches: of two withdrawals at once, the second finds nothing to end."""
    ended = session.execute(update(DelegationConsent).where(
        DelegationConsent.id == consent.id, DelegationConsent.withdrawn_at.is_(None),
        DelegationConsent.valid_until > now).values(withdrawn_at=now)
        .execution_options(synchronize_session=False))
    if ended.rowcount != 1:
        raise Conflict("该授权已撤回或已过期", code="delegation_not_valid")
    session.refresh(consent)
    audit.record(session, actor.id, "withdraw_delegation", "candidate", person.id,
                 consent_id=consent.id, person_name=person.name, staff_name=consent.staff.name)


def require(session: Session, staff: User, candidate_id: int,
            now: datetime) -> tuple[Candidate, DelegationConsent]:
    """The person and the consent an act for them rests on; refused without one."""
    person = _person(session, staff, candidate_id)
    consent = current(session, staff, person.id, now)
    if consent is None:
        raise Forbidden("代办须先取得本人授权：短信验证码确认，或上传本人签字的授权书照片",
                        code="delegation_consent_required")
    return person, consent


def act_detail(staff: User, person: Candidate, consent: DelegationConsent) -> dict:
    """What the audit entry of an act for the person carries: both names and the consent."""
    return {"on_behalf_of": person.id, "person_name": person.name, "staff_name": staff.name,
            "staff_township": staff.township, "consent_id": consent.id, "consent_method": consent.method}


def tell_person(session: Session, staff: User, person: Candidate, what: str,
                previous_phone: str = "") -> None:
    """The person learns what was done for them: in their inbox (and by SMS to their login)
    when they have an account, else by SMS to the phone on record — and to `previous_phone`
    too when the act changed that number, so a wrong or hostile change does not go unseen."""
    text = (f"{staff.township}人社协理员{staff.name}已根据您的授权为您代办：{what}。"
            "如有疑问，请联系所在镇街或区人社局。")
    user = session.get(User, person.user_id) if person.user_id else None
    if user is not None:
        notifications.notify(session, user, "delegated_act", text, channels=("sms",))
        return
    for phone in dict.fromkeys(p for p in (person.phone, previous_phone) if p):
        notifications.queue(session, "sms", phone, "delegated_act", text)
