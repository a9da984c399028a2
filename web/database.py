"""One SQLAlchemy session per request; views own the transaction through `transaction()`."""

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, current_app, g
from sqlalchemy.orm import Session

from models.db import make_engine, make_session_factory


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
    """Commit everything done in the block (and before it in this request), or nothing."""
    s = session()
    try:
        yield s
        s.commit()
    except BaseException:
        s.rollback()
        raise


def _close_session(_exc) -> None:
    s = g.pop("db_session", None)
    if s is not None:
        s.close()
