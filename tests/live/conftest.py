"""A real gunicorn (production config, several workers) over its own committed database.

The savepoint fixtures cannot serve here: other processes only see committed rows. So the
live server gets a database of its own — a fresh PostgreSQL database beside the suite's
when TEST_DATABASE_URL is set, a SQLite file otherwise — migrated by the Alembic revisions.
"""

import os

import pytest

from models import migrate
from models.db import make_engine, make_session_factory
from tests.servers import flushed_redis, fresh_database, start_gunicorn, stop_gunicorn

SECRET = "live-test-secret-key-0123456789-abcdefghijkl"
# A Redis database of the live tests' own: flushed before each server, shared by its workers.
LIVE_REDIS_URL = "redis://127.0.0.1:6379/13"


@pytest.fixture(scope="module")
def live_db_url(tmp_path_factory) -> str:
    url = fresh_database(tmp_path_factory.mktemp("live"), "live")
    migrate.upgrade(url)
    return url


@pytest.fixture(scope="module")
def live_sessions(live_db_url):
    engine = make_engine(live_db_url)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture(scope="module")
def live_redis_url() -> str:
    return flushed_redis("TEST_REDIS_URL", LIVE_REDIS_URL)


@pytest.fixture(scope="module")
def live_server(live_db_url, live_redis_url, tmp_path_factory):
    """Base URL of gunicorn with 4 workers, started from gunicorn.conf.py."""
    env = {
        **os.environ,
        "DATABASE_URL": live_db_url,
        "SECRET_KEY": SECRET,
        "REDIS_URL": live_redis_url,
        "JOBBRIDGE_WORKERS": "4",
        "JOBBRIDGE_COOKIE_SECURE": "0",
        "JOBBRIDGE_AS_OF_DATE": "2020-09-01",
        "JOBBRIDGE_INSTANCE_PATH": str(tmp_path_factory.mktemp("instance")),
        "JOBBRIDGE_LOG_LEVEL": "warning",
    }
    process, base, log = start_gunicorn(env, tmp_path_factory.mktemp("gunicorn") / "gunicorn.log")
    yield base
    stop_gunicorn(process, log)
