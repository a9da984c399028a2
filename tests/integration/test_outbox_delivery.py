"""The outbox delivered through each channel's real protocol: e-mail to an SMTP server the
test starts, SMS to a stub of Aliyun's SendSms API; retries back off exponentially and end in
the dead-letter state; one-time codes leave the database once sent."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from models import OutboxMessage
from services import notifications, outbox
from services.channels import channels
from settings import delivery
from tests.delivery_stubs import SmsStub, SmtpServer
from tests.factories import make_user

POLICY = outbox.RetryPolicy(max_attempts=3, backoff_seconds=30, lease_seconds=60)


class Clock:
    """Starts just after the rows were written (their first attempt is due at once)."""

    def __init__(self):
        self.now = datetime.now(UTC) + timedelta(seconds=1)

    def __call__(self) -> datetime:
        return self.now


def config(tmp_path, env="production", **environ) -> dict[str, str]:
    return delivery({"JOBBRIDGE_ENV": env, **environ}, tmp_path)


def row(sessions, outbox_id: int) -> OutboxMessage:
    with sessions() as s:
        return s.get_one(OutboxMessage, outbox_id)


def queued(session, channel: str, **fields) -> int:
    user = make_user(session, email="lin@example.com")
    message = notifications.notify(session, user, "application_shortlisted",
                                   "您申请的「织造车间质检员」已通过初筛", (channel,))
    session.commit()
    return session.scalar(select(OutboxMessage.id).where(OutboxMessage.message_id == message.id))


def test_email_reaches_a_real_smtp_server_with_the_outbox_key_as_message_id(session, sessions, tmp_path):
    outbox_id = queued(session, "email")
    with SmtpServer() as smtp:
        outcome = outbox.deliver(sessions, outbox_id, channels(config(tmp_path, **smtp.config())),
                                 POLICY, Clock())
    sent = row(sessions, outbox_id)
    assert outcome.status == "sent" and sent.status == "sent"
    assert [m["To"] for m in smtp.mails] == ["lin@example.com"]
    assert smtp.mails[0]["Message-ID"] == f"<{sent.idempotency_key}@jobbridge.example>"
    assert "已通过初筛" in smtp.mails[0].get_content()


def test_sms_goes_to_aliyun_send_sms_signed_and_with_the_key_as_out_id(session, sessions, tmp_path):
    outbox_id = queued(session, "sms")
    with SmsStub() as stub:
        outbox.deliver(sessions, outbox_id, channels(config(tmp_path, **stub.config())), POLICY, Clock())
    sent = row(sessions, outbox_id)
    assert [(r["Action"], r["OutId"], r["PhoneNumbers"]) for r in stub.received] == [
        ("SendSms", sent.idempotency_key, sent.recipient)]
    assert "已通过初筛" in stub.received[0]["TemplateParam"]
    assert sent.status == "sent" and sent.provider_ref == "biz-1"


def test_failures_back_off_exponentially_then_the_message_is_dead(session, sessions, tmp_path):
    outbox_id = queued(session, "sms")
    clock = Clock()
    with SmsStub(failures=10) as stub:
        sms = channels(config(tmp_path, **stub.config()))
        delays = []
        for _ in range(POLICY.max_attempts):
            outcome = outbox.deliver(sessions, outbox_id, sms, POLICY, clock)
            delays.append(outcome.retry_in)
            clock.now = row(sessions, outbox_id).next_attempt_at + timedelta(seconds=1)
    assert delays == [timedelta(seconds=30), timedelta(seconds=60), None]
    dead = row(sessions, outbox_id)
    assert (dead.status, dead.attempts) == ("dead", 3) and "isp.SYSTEM_ERROR" in dead.last_error
    assert outbox.dead_letters(session)[0].id == outbox_id


def test_a_row_is_not_sent_before_its_next_attempt(session, sessions, tmp_path):
    outbox_id = queued(session, "sms")
    clock = Clock()
    with SmsStub(failures=1) as stub:
        sms = channels(config(tmp_path, **stub.config()))
        outbox.deliver(sessions, outbox_id, sms, POLICY, clock)
        clock.now += timedelta(seconds=10)
        early = outbox.deliver(sessions, outbox_id, sms, POLICY, clock)
        assert outbox_id not in outbox.due(session, clock.now)
        clock.now += timedelta(seconds=30)
        late = outbox.deliver(sessions, outbox_id, sms, POLICY, clock)
    assert (early.status, late.status, len(stub.received)) == ("busy", "sent", 1)


class Killed(BaseException):
    """The process dying: no `except Exception` of the worker catches it."""


class DiesAfterSending:
    def __init__(self, channel):
        self.channel = channel

    def send(self, message):
        self.channel.send(message)
        raise Killed


class Broken:
    """A channel with a bug: an error no channel should raise."""

    def send(self, message):
        raise RuntimeError("a bug")


def test_a_claimed_row_whose_worker_died_is_resent_with_the_same_key(session, sessions, tmp_path):
    outbox_id = queued(session, "sms")
    clock = Clock()
    with SmsStub() as stub:
        sms = channels(config(tmp_path, **stub.config()))
        with pytest.raises(Killed):
            outbox.deliver(sessions, outbox_id, {"sms": DiesAfterSending(sms["sms"])}, POLICY, clock)
        assert row(sessions, outbox_id).status == "sending"
        assert outbox_id not in outbox.due(session, clock.now)  # the lease still holds
        clock.now += timedelta(seconds=POLICY.lease_seconds + 1)
        assert outbox_id in outbox.due(session, clock.now)
        outbox.deliver(sessions, outbox_id, sms, POLICY, clock)
    resent = row(sessions, outbox_id)
    assert [r["OutId"] for r in stub.received] == [resent.idempotency_key] * 2
    assert (resent.status, resent.attempts) == ("sent", 2)


@pytest.mark.parametrize(("env", "shown"), [("development", True), ("production", False)])
def test_the_log_channel_masks_the_phone_and_shows_a_code_only_in_development(
        session, sessions, tmp_path, env, shown):
    user = make_user(session, phone="13812345678")
    code_row = notifications.queue(session, "sms", user.phone, "password_reset",
                                   "验证码 {code}，5 分钟内有效", user_id=user.id, secret="482913")
    session.commit()
    outbox.deliver(sessions, code_row.id, channels(config(tmp_path, env)), POLICY, Clock())
    log = (tmp_path / "notifications.log").read_text()
    assert "138****5678" in log and "13812345678" not in log
    assert ("482913" in log) is shown
    assert row(sessions, code_row.id).secret is None


def test_a_message_whose_sender_always_dies_ends_dead_and_an_unexpected_error_is_a_failure(
        session, sessions, tmp_path):
    outbox_id = queued(session, "sms")
    clock = Clock()
    with SmsStub() as stub:
        dying = {"sms": DiesAfterSending(channels(config(tmp_path, **stub.config()))["sms"])}
        for _ in range(POLICY.max_attempts):
            with pytest.raises(Killed):
                outbox.deliver(sessions, outbox_id, dying, POLICY, clock)
            clock.now += timedelta(seconds=POLICY.lease_seconds + 1)
        outbox.deliver(sessions, outbox_id, dying, POLICY, clock)
    assert row(sessions, outbox_id).status == "dead" and len(stub.received) == POLICY.max_attempts

    broken_id = queued(session, "sms")
    outcome = outbox.deliver(sessions, broken_id, {"sms": Broken()}, POLICY, Clock())
    broken = row(sessions, broken_id)
    assert (outcome.status, broken.status, broken.last_error) == ("pending", "pending", "RuntimeError")
