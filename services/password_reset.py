"""忘记密码: a one-time code by SMS, then a new password.

The answer to "send me a code" is the same whether or not the phone has an account (the same
work is done: a code is made and hashed either way), so the form tells nobody who is
registered; the web layer limits how often a phone or an address may ask. A code lasts
5 minutes, is kept only as an argon2 hash, ends when a newer one is asked for, when used, or
after 5 wrong guesses; the SMS carries it through the outbox, which drops it once sent.
Setting the new password ends every session, as a password change does.
"""

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from models import PasswordReset, User
from policy.identifiers import InvalidIdentifier, validate_mobile
from services import audit, notifications, one_time_codes
from services.accounts import end_sessions
from services.passwords import DUMMY_HASH, check_strength, hash_password, verify_password

CODE_LIFETIME = one_time_codes.CODE_LIFETIME
MAX_WRONG_ATTEMPTS = one_time_codes.MAX_WRONG_ATTEMPTS
# What either page or the API answers, whatever the phone.
CODE_SENT = "如果该手机号已注册，验证码已通过短信发送，5 分钟内有效"
WRONG_CODE = "验证码不正确或已过期"
CODE_TEXT = "您正在重置就业直通车的登录密码，验证码 {code}，5 分钟内有效。如非本人操作，请忽略本短信。"


def request_code(session: Session, phone: str, now: datetime) -> None:
    """Queue a code to the account with this phone, if there is one; the caller answers alike."""
    code, code_hash = one_time_codes.make()
    user = _active_user(session, phone)
    if user is None:
        return
    _end_open_codes(session, user, now)
    session.add(PasswordReset(user_id=user.id, code_hash=code_hash, expires_at=now + CODE_LIFETIME))
    notifications.queue(session, "sms", user.phone, "password_reset", CODE_TEXT, user_id=user.id,
                        secret=code)
    audit.record(session, None, "request_password_reset", "user", user.id)
    session.flush()


def reset_password(session: Session, phone: str, code: str, password: str, now: datetime) -> User | None:
    """The account whose password is now `password`, or None when the phone, the code or its
    age is wrong (one answer for all). A wrong guess is counted in the session, so the caller
    commits even when it answers "wrong code". A weak password raises Invalid before the code
    is used up."""
    user = _active_user(session, phone)
    reset = None if user is None else session.scalar(
        select(PasswordReset).where(PasswordReset.user_id == user.id, PasswordReset.ended_at.is_(None),
                                    PasswordReset.expires_at > now)
        .order_by(PasswordReset.id.desc()).limit(1))
    if user is None or reset is None:
        verify_password(DUMMY_HASH, code)  # the same work as a real check
        return None
    if not one_time_codes.matches(reset, code, lambda: setattr(reset, "ended_at", now)):
        session.flush()
        return None
    check_strength(password, (user.phone, user.name))
    user.password_hash = hash_password(password)
    end_sessions(user)
    reset.ended_at = now
    audit.record(session, user.id, "reset_password", "user", user.id)
    notifications.notify(session, user, "password_reset_done",
                         "您的登录密码已通过短信验证码重置，其他设备上的登录已全部退出。如非本人操作，请立即联系人社局。")
    return user


def _active_user(session: Session, phone: str) -> User | None:
    try:
        number = validate_mobile(phone)
    except InvalidIdentifier:
        return None
    return session.scalar(select(User).where(User.phone == number, User.active.is_(True)))


def _end_open_codes(session: Session, user: User, now: datetime) -> None:
    """Only the newest code works: an older SMS arriving late cannot be used."""
    session.execute(update(PasswordReset).where(PasswordReset.user_id == user.id,
                                                PasswordReset.ended_at.is_(None)).values(ended_at=now))
