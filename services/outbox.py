"""Delivering the outbox: claim a row, send it, record the result — three steps, two commits.

A row is claimed (status 'sending', a lease) and committed before it is sent, and the result is
recorded in a second transaction. A worker killed between sending and recording leaves the
row 'sending' with its lease; once the lease runs out `due()` hands it out again and it is
resent with the same idempotency key, so the provider sees one message twice, never two
messages. Failures are retried with exponential backoff (base × 2^(attempt−1)); after the last
attempt, or at once for a failure no retry can fix, the row is dead (the dead-letter state,
listed for the bureau). A one-time code is dropped when the row is sent or dead.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from models import OutboxMessage
from models.base import utcnow
from policy.errors import Conflict, NotFound
from services import audit
from services.channels import Channel, DeliveryFailed, Outgoing
from services.notifications import deliver_after_commit


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 6
    backoff_seconds: float = 30.0
    lease_seconds: float = 120.0

    @classmethod
    def from_config(cls, config: Mapping[str, str]) -> "RetryPolicy":
        return cls(int(config["JOBBRIDGE_OUTBOX_MAX_ATTEMPTS"]),
                   float(config["JOBBRIDGE_OUTBOX_BACKOFF_SECONDS"]),
                   float(config["JOBBRIDGE_OUTBOX_LEASE_SECONDS"]))

    def backoff(self, attempts: int) -> timedelta:
        return timedelta(seconds=self.backoff_seconds * 2 ** max(attempts - 1, 0))


@dataclass(frozen=True)
class Outcome:
    """What one delivery did; `retry_in` is when to try again (None: nothing more to do)."""

    status: str
    retry_in: timedelta | None = None


def due(session: Session, now: datetime, limit: int = 500) -> list[int]:
    """Rows to deliver now: pending ones whose time has come, and claimed ones whose worker
    did not record a result before its lease ran out (it crashed or hung)."""
    return list(session.scalars(select(OutboxMessage.id).where(or_(
        (OutboxMessage.status == "pending") & (OutboxMessage.next_attempt_at <= now),
        (OutboxMessage.status == "sending") & (OutboxMessage.leased_until < now),
    )).order_by(OutboxMessage.id).limit(limit)))


def deliver(
    transaction: Callable[[], Session], outbox_id: int, channels: Mapping[str, Channel],
    policy: RetryPolicy, now: Callable[[], datetime],
) -> Outcome:
    """Claim, send and record one row; `transaction()` gives a session whose `begin()` block
    commits. Returns what happened ('busy': another worker holds the row, or it is not due)."""
    with transaction() as session, session.begin():
        outgoing = _claim(session, outbox_id, now(), policy)
    if outgoing is None:
        return Outcome("busy")
    try:
        reference = channels[outgoing[0]].send(outgoing[1])
    except Exception as error:  # noqa: BLE001 — any failure of a send is one failed attempt
        failure = error if isinstance(error, DeliveryFailed) else DeliveryFailed(type(error).__name__)
        with transaction() as session, session.begin():
            return _failed(session, outbox_id, failure, now(), policy)
    with transaction() as session, session.begin():
        session.execute(update(OutboxMessage).where(OutboxMessage.id == outbox_id).values(
            status="sent", sent_at=now(), provider_ref=reference[:64], secret=None,
            leased_until=None, last_error=""))
    return Outcome("sent")


def _claim(session: Session, outbox_id: int, now: datetime,
           policy: RetryPolicy) -> tuple[str, Outgoing] | None:
    claimed = session.execute(update(OutboxMessage).where(
        OutboxMessage.id == outbox_id,
        or_((OutboxMessage.status == "pending") & (OutboxMessage.next_attempt_at <= now),
            (OutboxMessage.status == "sending") & (OutboxMessage.leased_until < now)),
    ).values(status="sending", attempts=OutboxMessage.attempts + 1,
             leased_until=now + timedelta(seconds=policy.lease_seconds)))
    if claimed.rowcount != 1:
        return None
    row = session.get_one(OutboxMessage, outbox_id)
    if row.attempts > policy.max_attempts:
        # Its senders kept dying before recording anything: stop rather than loop forever.
        row.status, row.secret, row.leased_until = "dead", None, None
        row.last_error = "发送过程中断次数过多"
        return None
    return row.channel, Outgoing(row.recipient, row.kind, row.text, row.secret, row.idempotency_key)


def _failed(session: Session, outbox_id: int, failure: DeliveryFailed, now: datetime,
            policy: RetryPolicy) -> Outcome:
    row = session.get_one(OutboxMessage, outbox_id)
    row.last_error, row.leased_until = str(failure)[:255], None
    if failure.permanent or row.attempts >= policy.max_attempts:
        row.status, row.secret = "dead", None
        return Outcome("dead")
    delay = policy.backoff(row.attempts)
    row.status, row.next_attempt_at = "pending", now + delay
    return Outcome("pending", delay)


def dead_letters(session: Session, limit: int = 200) -> list[OutboxMessage]:
    """Messages no retry delivered, newest first: for the bureau to look into."""
    return list(session.scalars(select(OutboxMessage).where(OutboxMessage.status == "dead")
                                .order_by(OutboxMessage.id.desc()).limit(limit)))


def retry_dead(session: Session, actor_id: int, outbox_id: int) -> OutboxMessage:
    """The bureau sends a dead message again (the provider was down for hours, a number was
    fixed): a fresh round of attempts under the same key. A code is not resent: it was dropped
    and has expired; the person asks for a new one."""
    row = session.get(OutboxMessage, outbox_id)
    if row is None or row.status != "dead":
        raise NotFound("找不到该未送达消息", code="outbox_not_found")
    if row.kind == "password_reset" or not row.recipient:
        raise Conflict("验证码短信和已注销账号的消息不能重发", code="not_resendable")
    row.status, row.attempts, row.next_attempt_at, row.last_error = "pending", 0, utcnow(), ""
    audit.record(session, actor_id, "resend", "outbox", row.id)
    session.flush()
    deliver_after_commit(session, row.id)
    return row
