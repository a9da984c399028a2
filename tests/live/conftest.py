"""A real gunicorn (production config, several workers) over its own committed database.

The savepoint fixtures cannot serve here: other processes only see committed rows. So the
live server gets a database of its own — a fresh PostgreSQL database beside the suite's
when TEST_DATABASE_URL is set, a SQLite file otherwise — migrated by the Alembic revisions.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import redis
from sqlalchemy import text
from sqlalchemy.engine import make_url

from models import migrate
from models.db import make_engine, make_session_factory
from web.config import PROJECT_ROOT, database_url

SECRET = "live-test-secret-key-0123456789-abcdefghijkl"
# A Redis database of the live tests' own: flushed before each server, shared by its workers.
LIVE_REDIS_URL = "redis://127.0.0.1:6379/13"


@pytest.fixture(scope="module")
def live_db_url(tmp_path_factory) -> str:
    suite_url = os.environ.get("TEST_DATABASE_URL", "").strip()
    if not suite_url:
        url = f"sqlite:///{tmp_path_factory.mktemp('live') / 'live.sqlite3'}"
    else:
        base = make_url(database_url({"DATABASE_URL": suite_url}, Path(".")))
        name = f"{base.database}_live"
        admin = make_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        url = base.set(database=name).render_as_string(hide_password=False)
    migrate.upgrade(url)
    return url


@pytest.fixture(scope="module")
def live_sessions(live_db_url):
    engine = make_engine(live_db_url)
    yield make_session_factory(engine)
    engine.dispose()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def live_redis_url() -> str:
    url = os.environ.get("TEST_REDIS_URL", "").strip() or LIVE_REDIS_URL
    client = redis.Redis.from_url(url)
    client.flushdb()
    client.close()
    return url


@pytest.fixture(scope="module")
def live_server(live_db_url, live_redis_url, tmp_path_factory):
    """Base URL of gunicorn with 4 workers, started from gunicorn.conf.py."""
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": live_db_url,
        "SECRET_KEY": SECRET,
        "REDIS_URL": live_redis_url,
        "JOBBRIDGE_BIND": f"127.0.0.1:{port}",
        "JOBBRIDGE_WORKERS": "4",
        "JOBBRIDGE_COOKIE_SECURE": "0",
        "JOBBRIDGE_AS_OF_DATE": "2020-09-01",
        "JOBBRIDGE_INSTANCE_PATH": str(tmp_path_factory.mktemp("instance")),
        "JOBBRIDGE_LOG_LEVEL": "warning",
    }
    log = (tmp_path_factory.mktemp("gunicorn") / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
        cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            log.close()
            pytest.fail(f"gunicorn did not start; see {log.name}")
        time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=30)
    log.close()
