"""Telling people what happened: one entry point, `notify`, called by the service that makes
the event, in its transaction.

The message lands in the person's inbox (站内消息) at once; each channel asked for (SMS to the
login phone, e-mail when the account has an address) becomes an outbox row that the worker
delivers after the commit (services.outbox). The ids written are kept in `session.info` so the
web layer can hand them to the queue once the commit succeeded (web/outbox.py).
"""

import re
import uuid
from collections.abc import Sequence

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from models import Message, OutboxMessage, User
from models.base import utcnow
from policy.errors import Invalid, NotFound
from services import audit, transaction_effects

# session.info key: outbox ids written in this transaction, for the queue after commit.
PENDING_OUTBOX = "jobbridge.outbox_ids"
INBOX_PAGE = 100
# One @, no spaces, a dot in the domain: the SMTP server is the real check (a bounce is dead).
EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]+\.[^@\s.]{2,}")


def notify(
    session: Session, user: User, kind: str, text: str, channels: Sequence[str] = (),
    subject: str = "", subject_id: int | None = None, outside_text: str | None = None,
    key: str | None = None,
) -> Message:
    """Put `text` in the user's inbox and queue it on `channels` ("sms", "email").

    `outside_text` replaces `text` on the channels when the detail should stay inside the
    signed-in inbox: an SMS shows on a locked phone (a group such as 低保 never goes there).
    `key` names a message that must go out once (the daily digest: the seeker and the day):
    the rows' idempotency keys become `{key}-{channel}`, and telling it again breaks their
    unique constraint instead of sending twice."""
    message = Message(user_id=user.id, kind=kind, text=text, subject=subject,
                      subject_id=subject_id)
    session.add(message)
    session.flush()
    for channel in channels:
        recipient = user.phone if channel == "sms" else user.email
        if recipient:
            queue(session, channel, recipient, kind, outside_text or text, user_id=user.id,
                  message_id=message.id, key=f"{key}-{channel}" if key else None)
    return message


def queue(
    session: Session, channel: str, recipient: str, kind: str, text: str, *,
    user_id: int | None = None, message_id: int | None = None, secret: str | None = None,
    key: str | None = None,
) -> OutboxMessage:
    """One outbox row. `secret` (a one-time code) fills `{code}` in `text` when sent and is
    dropped then; it never enters the inbox. `key` is its idempotency key (a random one
    without)."""
    row = OutboxMessage(channel=channel, recipient=recipient, kind=kind, text=text,
                        secret=secret, user_id=user_id, message_id=message_id,
                        idempotency_key=key or uuid.uuid4().hex)
    session.add(row)
    session.flush()
    deliver_after_commit(session, row.id)
    return row


def deliver_after_commit(session: Session, outbox_id: int) -> None:
    """Note the row for the worker's queue, which the web layer fills once the commit succeeded
    (a savepoint's rollback drops the rows noted inside it: services.transaction_effects)."""
    transaction_effects.note(session, PENDING_OUTBOX, outbox_id)


def inbox(session: Session, user: User, limit: int | None = INBOX_PAGE) -> list[Message]:
    """The user's messages, newest first (`limit=None`: all of them)."""
    return list(session.scalars(select(Message).where(Message.user_id == user.id)
                                .order_by(Message.id.desc()).limit(limit)))


def unread_count(session: Session, user: User) -> int:
    return session.scalar(select(func.count()).select_from(Message).where(
        Message.user_id == user.id, Message.read_at.is_(None))) or 0


def mark_read(session: Session, user: User, message_id: int) -> Message:
    """Another person's message is "not found", like one that does not exist."""
    message = session.get(Message, message_id)
    if message is None or message.user_id != user.id:
        raise NotFound("消息不存在", code="message_not_found")
    if message.read_at is None:
        message.read_at = utcnow()
        session.flush()
    return message


def mark_all_read(session: Session, user: User) -> None:
    session.execute(update(Message).where(Message.user_id == user.id, Message.read_at.is_(None))
                    .values(read_at=utcnow()))


def employer_users(session: Session, employer_id: int) -> list[User]:
    """The active accounts of an employer: everyone there hears of its posts' events."""
    return list(session.scalars(select(User).where(User.employer_id == employer_id,
                                                   User.active.is_(True))))


def erase(session: Session, user: User) -> None:
    """注销: the person's inbox goes, and their outbox rows keep no address or text; any not
    yet sent are dead (nothing is sent to an account that no longer exists)."""
    mine = OutboxMessage.user_id == user.id
    session.execute(update(OutboxMessage).where(mine, OutboxMessage.status.in_(("pending", "sending")))
                    .values(status="dead", last_error="账号已注销"))
    session.execute(update(OutboxMessage).where(mine).values(recipient="", text="", secret=None,
                                                             message_id=None))
    session.execute(delete(Message).where(Message.user_id == user.id))
    user.email = None


def set_email(session: Session, user: User, email: str) -> None:
    """Where e-mail notices go; "" stops them (SMS to the login phone stays)."""
    email = email.strip()
    if email and (len(email) > 254 or not EMAIL.fullmatch(email)):
        raise Invalid("邮箱地址格式不正确", code="invalid_email", fields={"email": "格式不正确"})
    user.email = email or None
    audit.record(session, user.id, "set_email", "user", user.id)
    session.flush()
