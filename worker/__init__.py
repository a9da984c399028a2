"""The notification worker: a Huey consumer that delivers the outbox (services.outbox).

Why Huey: one small, long-maintained library (since 2011, one maintainer who answers) with
the two storages we need behind one API — SQLite for `make run` and a single machine (no
Redis to install), Redis in production — plus delayed tasks (our backoff), periodic tasks
(the sweep, the interview reminders and offer expiry, later daily digests) and start-up hooks. Celery
needs a broker even for the demo and brings far more than we use; RQ and Dramatiq need
Redis or RabbitMQ. The queue only carries outbox ids: the rows in our database are the truth
(status, attempts, next attempt), so a lost queue entry costs a delay, not a message — the
periodic sweep and the start-up sweep find every row that is due.

Run it with `huey_consumer worker.app.huey` (deploy/jobbridge-worker.service); the app
enqueues through `make_queue` too (web/outbox.py).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey, crontab
from huey.api import TaskWrapper
from sqlalchemy.orm import sessionmaker

import settings
from models.db import make_engine, make_session_factory
from services import interviews, notifications, offers, outbox, transaction_effects
from services.channels import channels

QUEUE_NAME = "jobbridge"


@dataclass(frozen=True)
class Queue:
    """The Huey instance (what the consumer runs) and the task the app enqueues."""

    huey: Huey
    deliver: TaskWrapper


def make_queue(environ: Mapping[str, str]) -> Queue:
    """The queue named by the settings, with the worker's tasks registered on it. Building it
    connects to nothing: the database engine and the channels are made on first use."""
    instance = settings.instance_path(environ)
    url = settings.queue_url(environ, instance)
    if url.startswith(("redis://", "rediss://", "unix://")):
        huey: Huey = RedisHuey(QUEUE_NAME, url=url, results=False)
    elif url == "memory://":  # the web tests: what they enqueue is never consumed
        huey = MemoryHuey(QUEUE_NAME, results=False)
    else:
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        huey = SqliteHuey(QUEUE_NAME, filename=str(path), results=False)
    return Queue(huey, _register(huey, environ, instance))


def _register(huey: Huey, environ: Mapping[str, str], instance: Path) -> TaskWrapper:
    config = settings.delivery(environ, instance)
    policy = outbox.RetryPolicy.from_config(config)
    state: dict[str, object] = {}

    def sessions() -> sessionmaker:
        if "sessions" not in state:
            engine = make_engine(settings.database_url(environ, instance), pool_pre_ping=True)
            state["sessions"] = make_session_factory(engine)
        return state["sessions"]  # type: ignore[return-value]

    def now() -> datetime:
        return datetime.now(UTC)

    @huey.task(name="deliver")
    def deliver(outbox_id: int) -> str:
        outcome = outbox.deliver(sessions(), outbox_id, channels(config), policy, now)
        if outcome.retry_in is not None:
            deliver.schedule((outbox_id,), delay=outcome.retry_in.total_seconds())
        return outcome.status

    @huey.periodic_task(crontab(minute="*"), name="sweep")
    def sweep() -> int:
        """Rows whose enqueue was lost or whose worker died: delivered again, same key."""
        with sessions()() as session:
            ids = outbox.due(session, now())
        for outbox_id in ids:
            deliver(outbox_id)
        return len(ids)

    @huey.periodic_task(crontab(minute="5"), name="hiring_daily")
    def hiring_daily() -> int:
        """Hourly, so a stopped worker catches up the same day: expire unanswered offers (their
        slots free) and remind tomorrow's interviews, once each (`reminded_on`). "Today" is the
        app's (JOBBRIDGE_AS_OF_DATE when pinned, else the local date in 长乐)."""
        today = settings.as_of_date(environ) or now().astimezone(interviews.LOCAL).date()
        with sessions()() as session, session.begin():
            offers.expire_due(session, today)
            reminded = interviews.remind_due(session, today)
            queued = transaction_effects.pending(session, notifications.PENDING_OUTBOX)
        for outbox_id in queued:
            deliver(outbox_id)
        return reminded

    @huey.on_startup(name="sweep_at_start")
    def sweep_at_start() -> None:
        sweep()

    return deliver
