"""What the live, browser and backup tests share: a database of their own beside the suite's,
a flushed Redis database, and a real gunicorn started from gunicorn.conf.py.

Other processes only see committed rows, so these tests cannot use the savepoint fixtures:
each gets a fresh PostgreSQL database named after the suite's when TEST_DATABASE_URL is set,
a SQLite file otherwise — both passes of the suite run them.
"""

import os
from pathlib import Path

import pytest
import redis
from sqlalchemy import text
from sqlalchemy.engine import make_url

from evaluation import serving
from models.db import make_engine
from settings import database_url


def fresh_database(directory: Path, suffix: str) -> str:
    """An empty database: `<suite db>_<suffix>` on PostgreSQL, else a file in `directory`."""
    suite_url = os.environ.get("TEST_DATABASE_URL", "").strip()
    if not suite_url:
        return f"sqlite:///{directory / (suffix + '.sqlite3')}"
    base = make_url(database_url({"DATABASE_URL": suite_url}, Path(".")))
    name = f"{base.database}_{suffix}"
    admin = make_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def flushed_redis(env_name: str, default: str) -> str:
    """A Redis database of the caller's own (overridable by `env_name`), emptied."""
    url = os.environ.get(env_name, "").strip() or default
    client = redis.Redis.from_url(url)
    client.flushdb()
    client.close()
    return url


def start_gunicorn(env: dict[str, str], log_path: Path, *extra: str):
    """gunicorn with the production config on a free port; (process, base URL, log file).
    It hashes passwords at the deployed cost: the suite's cheap hashing stays in-process."""
    served = {name: value for name, value in env.items() if name != "JOBBRIDGE_PASSWORD_HASHING"}
    try:
        return serving.start(served, log_path, *extra)
    except serving.ServerError as error:
        pytest.fail(str(error))


stop_gunicorn = serving.stop
