"""Notifications: the in-app inbox (站内消息) and the outbox its SMS and e-mail copies leave from.

A message and its outbox rows are written in the transaction of the event they tell about, so
nobody is told of a change that was rolled back, and no committed change goes untold: the
worker (worker/) delivers the outbox afterwards, retrying with backoff until a row is sent or
dead. `subject`/`subject_id` name what the message is about (an application today; an
invitation, interview or offer later) so a page can link to it.
"""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, utcnow

CHANNELS = ("sms", "email")
OUTBOX_STATUSES = ("pending", "sending", "sent", "dead")


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_user_id_id", "user_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    subject: Mapped[str] = mapped_column(String(16), default="")
    subject_id: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]


class OutboxMessage(Base):
    """One delivery of a message through one channel. `idempotency_key` is sent with every
    attempt (the e-mail's Message-ID, the SMS request's OutId), so a resend after a crash is
    recognisably the same message. `secret` holds a one-time code only until it is sent."""

    __tablename__ = "outbox"
    __table_args__ = (
        CheckConstraint("channel IN ('sms', 'email')", name="channel"),
        CheckConstraint("status IN ('pending', 'sending', 'sent', 'dead')", name="status"),
        CheckConstraint("attempts >= 0", name="attempts_not_negative"),
        Index("ix_outbox_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    channel: Mapped[str] = mapped_column(String(8))
    recipient: Mapped[str] = mapped_column(String(254))
    kind: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    secret: Mapped[str | None] = mapped_column(String(16))
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(8), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    leased_until: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(String(255), default="")
    provider_ref: Mapped[str] = mapped_column(String(64), default="")
    sent_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PasswordReset(Base):
    """A 忘记密码 code: only its hash is kept; the SMS carrying it is an outbox row whose
    `secret` is dropped once sent. Used, superseded or burned by wrong guesses: `ended_at`."""

    __tablename__ = "password_resets"
    __table_args__ = (CheckConstraint("wrong_attempts >= 0", name="wrong_attempts_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(255))
    wrong_attempts: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
