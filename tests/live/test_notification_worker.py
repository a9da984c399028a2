"""The notification worker as deployed: `huey_consumer worker.app.huey` in its own process,
delivering the outbox to a stub of Aliyun's SendSms API — and killed with SIGKILL after the
provider accepted a message and before the worker recorded it.

After a restart every message reaches the stub, the interrupted one again under its own key:
the stub may see a message twice, never one message under two idempotency keys. Run with the
embedded SQLite queue (`make run`) and with Redis (production).
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from models import OutboxMessage, migrate
from models.db import make_engine, make_session_factory
from services import notifications
from settings import PROJECT_ROOT
from tests.delivery_stubs import SmsStub
from tests.factories import make_user
from tests.servers import flushed_redis, fresh_database
from worker import make_queue

MESSAGES = 5
KILL_AT = 2  # the worker dies while the provider accepts the second message
LEASE_SECONDS = 1


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    consumer = Path(sys.executable).parent / "huey_consumer"
    with log.open("a") as out:
        return subprocess.Popen([str(consumer), "worker.app.huey", "-w", "1", "-d", "0.05", "-m", "0.5"],
                                cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_until(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("queue", ["sqlite", "redis"])
def test_a_worker_killed_between_sending_and_recording_resends_under_the_same_key(tmp_path, queue):
    url = fresh_database(tmp_path, f"worker_{queue}")
    migrate.upgrade(url)
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    queue_url = (flushed_redis("TEST_REDIS_URL", "redis://127.0.0.1:6379/8") if queue == "redis"
                 else f"sqlite:///{tmp_path / 'queue.sqlite3'}")
    worker: list[subprocess.Popen] = []
    accepted = []

    def kill_at_second(_params):
        accepted.append(True)
        if len(accepted) == KILL_AT:
            worker[0].send_signal(signal.SIGKILL)
            worker[0].wait()

    with SmsStub(on_accept=kill_at_second) as stub:
        env = {**os.environ, **stub.config(), "DATABASE_URL": url, "JOBBRIDGE_QUEUE_URL": queue_url,
               "JOBBRIDGE_INSTANCE_PATH": str(tmp_path), "JOBBRIDGE_ENV": "production",
               "JOBBRIDGE_OUTBOX_LEASE_SECONDS": str(LEASE_SECONDS)}
        with sessions() as s, s.begin():
            rows = [notifications.notify(s, make_user(s), "notice", f"第{n}条通知", ("sms",))
                    for n in range(MESSAGES)]
            ids = list(s.scalars(select(OutboxMessage.id).where(
                OutboxMessage.message_id.in_([m.id for m in rows]))))
        deliver = make_queue(env).deliver
        for outbox_id in ids:
            deliver(outbox_id)
        log = tmp_path / "worker.log"
        try:
            worker.append(start_worker(env, log))
            assert wait_until(lambda: worker[0].poll() is not None), "the stub never killed the worker"
            time.sleep(LEASE_SECONDS + 0.5)  # the dead worker's lease runs out
            worker.append(start_worker(env, log))

            def all_sent() -> bool:
                with sessions() as s:
                    return set(s.scalars(select(OutboxMessage.status))) == {"sent"}

            assert wait_until(all_sent), log.read_text()[-3000:]
        finally:
            for process in worker:
                if process.poll() is None:
                    process.send_signal(signal.SIGINT)
                    process.wait(timeout=20)
    with sessions() as s:
        keys = {r.recipient: r.idempotency_key for r in s.scalars(select(OutboxMessage))}
    engine.dispose()
    keys_by_phone: dict[str, set[str]] = {}
    for request in stub.received:
        keys_by_phone.setdefault(request["PhoneNumbers"], set()).add(request["OutId"])
    assert keys_by_phone == {phone: {key} for phone, key in keys.items()}
    assert len(stub.received) == MESSAGES + 1  # the interrupted one, once more
