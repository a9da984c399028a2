"""The notification worker: a Huey consumer that delivers the outbox (services.outbox).

Why Huey: one small, long-maintained library (since 2011, one maintainer who answers) with
the two storages we need behind one API — SQLite for `make run` and a single machine (no
Redis to install), Redis in production — plus delayed tasks (our backoff), periodic tasks
(the sweep, the interview reminders and offer expiry, the saved searches' daily digest) and
start-up hooks. Celery
needs a broker even for the demo and brings far more than we use; RQ and Dramatiq need
Redis or RabbitMQ. The queue only carries outbox ids: the rows in our database are the truth
(status, attempts, next attempt), so a lost queue entry costs a delay, not a message — the
periodic sweep and the start-up sweep find every row that is due.

Run it with `huey_consumer worker.app.huey` (deploy/jobbridge-worker.service); the app
enqueues through `make_queue` too (web/outbox.py).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey, crontab
from huey.api import TaskWrapper
from sqlalchemy.orm import Session, sessionmaker

import settings
from models.db import make_engine, make_session_factory
from services import interviews, notifications, offers, outbox, search_digest, transaction_effects
from services.channels import channels
from services.index_sync import IndexSync

QUEUE_NAME = "jobbridge"
DIGEST_HOURS_UTC = "0-3"
"""08:00 to 11:00 in 长乐 (UTC+8, no daylight saving; Huey's crontab reads UTC): the first run
sends the day's digests, the later ones catch up a worker that was stopped at eight."""


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

    def today() -> date:
        """The app's day: JOBBRIDGE_AS_OF_DATE when pinned, else the local date in 长乐."""
        return settings.as_of_date(environ) or now().astimezone(interviews.LOCAL).date()

    def in_transaction(job: Callable[[Session], int]) -> int:
        """Run a periodic job in one transaction, then queue the outbox rows it wrote."""
        with sessions()() as session, session.begin():
            done = job(session)
            queued = transaction_effects.pending(session, notifications.PENDING_OUTBOX)
        for outbox_id in queued:
            deliver(outbox_id)
        return done

    @huey.periodic_task(crontab(minute="5"), name="hiring_daily")
    def hiring_daily() -> int:
        """Hourly, so a stopped worker catches up the same day: expire unanswered offers (their
        slots free) and remind tomorrow's interviews, once each (`reminded_on`), by the app's day."""
        day = today()

        def expire_and_remind(session: Session) -> int:
            offers.expire_due(session, day)
            return interviews.remind_due(session, day)
        return in_transaction(expire_and_remind)

    @huey.periodic_task(crontab(minute="0", hour=DIGEST_HOURS_UTC), name="search_digest")
    def search_digest_daily() -> int:
        """The saved searches' digest, once per seeker per app day (`digest_on`). Before each
        run the worker's matcher index takes the newest base the web saved (the refit job prunes
        the change log behind it) or keeps its own, then replays the log since, so a saved
        search finds what the listing finds."""
        day = today()
        if "index" not in state:
            state["index"] = IndexSync(base_dir=settings.matcher_index_dir(environ, instance))
        holder: IndexSync = state["index"]  # type: ignore[assignment]

        def digest(session: Session) -> int:
            holder.refresh_base()
            holder.warm(session)
            return search_digest.send_due(session, holder.current(lambda: session).matcher, day, now())
        return in_transaction(digest)

    @huey.on_startup(name="sweep_at_start")
    def sweep_at_start() -> None:
        sweep()

    return deliver
