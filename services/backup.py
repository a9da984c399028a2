"""Backups of the whole database, and putting one back into an empty database.

SQLite uses its online backup API (a consistent copy while the service keeps running);
PostgreSQL uses pg_dump's custom format (-Fc), restored with pg_restore. Either way the
result is one file an operator can keep off the machine.
"""

import sqlite3

# bandit B404: pg_dump/pg_restore run with an argument list, no shell
import subprocess  # nosec B404
from pathlib import Path

from sqlalchemy.engine import make_url

from models.db import make_engine


def backup(url: str, out: Path) -> None:
    """Write a consistent copy of the database at `url` to `out` (replaced atomically)."""
    tmp = out.with_name(out.name + ".part")
    tmp.unlink(missing_ok=True)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = make_engine(url)
        raw = engine.raw_connection()
        try:
            with sqlite3.connect(tmp) as target:
                raw.driver_connection.backup(target)
        finally:
            raw.close()
            engine.dispose()
    else:
        # bandit B603 B607: operator command; pg_dump from PATH, arguments from our own settings
        subprocess.run(["pg_dump", "-Fc", "--no-owner", "-f", str(tmp), _libpq(parsed)],  # nosec B603 B607
                       check=True, capture_output=True)
    tmp.replace(out)


def restore(url: str, source: Path) -> None:
    """Load a backup into the (empty) database at `url`."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        with sqlite3.connect(source) as origin, sqlite3.connect(parsed.database) as target:
            origin.backup(target)
    else:
        # bandit B603 B607: operator command; pg_restore from PATH, arguments from our own settings
        subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", "-d", _libpq(parsed),  # nosec B603 B607
                        str(source)], check=True, capture_output=True)


def _libpq(parsed) -> str:
    """The SQLAlchemy URL as libpq understands it (no +psycopg driver suffix)."""
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)
