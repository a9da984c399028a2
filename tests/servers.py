"""What the live, browser and backup tests share: a database of their own beside the suite's,
a flushed Redis database, and a real gunicorn started from gunicorn.conf.py.

Other processes only see committed rows, so these tests cannot use the savepoint fixtures:
each gets a fresh PostgreSQL database named after the suite's when TEST_DATABASE_URL is set,
a SQLite file otherwise — both passes of the suite run them.
"""

import os
import signal
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

from models.db import make_engine
from settings import PROJECT_ROOT, database_url


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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env: dict[str, str], log_path: Path, *extra: str):
    """gunicorn with the production config on a free port; (process, base URL, log file).
    It hashes passwords at the deployed cost: the suite's cheap hashing stays in-process."""
    port = free_port()
    log = log_path.open("w")
    served = {name: value for name, value in env.items() if name != "JOBBRIDGE_PASSWORD_HASHING"}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", *extra, "wsgi:app"],
        cwd=PROJECT_ROOT, env={**served, "JOBBRIDGE_BIND": f"127.0.0.1:{port}"},
        stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    return process, base, log
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            log.close()
            pytest.fail(f"gunicorn did not start:\n{log_path.read_text()[-4000:]}")
        time.sleep(0.2)


def stop_gunicorn(process: subprocess.Popen, log) -> None:
    """A quick stop: the workers leave at once, and the master's idle seconds are not waited for."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=3)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
    log.close()
