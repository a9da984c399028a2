"""One SQLAlchemy session per request; views own the transaction through `transaction()`."""

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import TypeVar

from flask import Flask, current_app, g
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, DisconnectionError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session

from models.db import make_engine, make_session_factory, only_read
from models.placement import over_capacity
from policy.errors import Conflict
from services.matching import CHANGED

T = TypeVar("T")
RETRY_ATTEMPTS = 8


class Database:
    """The app's engine and session factory (tests rebind the factory to a savepoint)."""

    def __init__(self, url: str):
        self.engine = make_engine(url, pool_pre_ping=True)
        self.sessions = make_session_factory(self.engine)


def init_app(app: Flask) -> None:
    app.extensions["db"] = Database(app.config["SQLALCHEMY_DATABASE_URL"])
    app.teardown_appcontext(_close_session)


def get_db() -> Database:
    return current_app.extensions["db"]


def session() -> Session:
    if "db_session" not in g:
        g.db_session = get_db().sessions()
    return g.db_session


@contextmanager
def transaction() -> Iterator[Session]:
    """Commit everything done in the block (and before it in this request), or nothing.

    A commit that logged a matcher change has this worker's index catch up before its next
    request, so whoever made a change sees it in the listing at once (other workers within
    MATCHER_REFRESH_SECONDS)."""
    s = session()
    try:
        yield s
        s.commit()
    except IntegrityError as exc:
        s.rollback()
        s.info.pop(CHANGED, None)
        if over_capacity(exc):
            # The slots trigger refused a write no service check caught: a 409, never a 500.
            raise Conflict("岗位名额已满：在岗人数不能超过招聘人数", code="post_full") from exc
        raise
    except BaseException:
        s.rollback()
        s.info.pop(CHANGED, None)
        raise
    if s.info.pop(CHANGED, False):
        current_app.extensions["matcher"].expire()
        g.index_changed_at = time.time()  # web.matching: the visitor's next page reads it


def retrying(work: Callable[[Session], T]) -> T:
    """Run `work` in a transaction, again when SQLite refused a concurrent writer.

    SQLite admits one writer; a transaction whose snapshot went stale while it waited
    gets "database is locked" at once. Starting over sees the other writer's rows, so the
    checks in `work` decide again on current data. PostgreSQL waits on row locks instead.
    """
    attempt = 0
    while True:
        try:
            with transaction() as s:
                return work(s)
        except OperationalError as exc:
            attempt += 1
            if "locked" not in str(exc.orig) or attempt >= RETRY_ATTEMPTS:
                raise
            time.sleep(0.02 * attempt)


def unavailable(error: BaseException) -> bool:
    """Whether `error` says the database cannot serve right now (down, restarting, shutting
    down, out of connections, busy), rather than that a statement was wrong.

    Such a request fails as a whole (its transaction never committed) and the pool
    reconnects by itself: a connection that failed is invalidated, and pool_pre_ping tests
    the others before use. psycopg's OperationalError is by definition about the server's
    operation; SQLite's also covers "no such table", so only a lock or an unopenable file
    count there."""
    if isinstance(error, DisconnectionError | PoolTimeout):
        return True
    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    if isinstance(error, OperationalError):
        if type(error.orig).__module__.startswith("psycopg"):
            return True
        return any(word in str(error.orig) for word in ("locked", "unable to open"))
    return False


def select_one() -> None:
    """A trivial query: raises when the database does not answer (the liveness check)."""
    session().execute(text("SELECT 1"))


def ping() -> bool:
    """Whether the database answers a trivial query now (the readiness probe)."""
    try:
        select_one()
    except SQLAlchemyError:
        rollback_quietly()
        return False
    return True


def rollback_quietly() -> None:
    """Roll back this request's session after a failure; on a lost connection the rollback
    may fail too, and the session is discarded at teardown anyway."""
    with suppress(SQLAlchemyError):
        session().rollback()


def _close_session(exc: BaseException | None) -> None:
    """End the request's session: a transaction that only read is committed (models.db.only_read
    says why), any other rolled back (views commit their changes through `transaction()`)."""
    s = g.pop("db_session", None)
    if s is None:
        return
    if exc is None:
        with suppress(SQLAlchemyError):  # the connection is gone: closing discards it
            if only_read(s):
                s.commit()
    s.close()
