"""Engine and session factory: the only place that knows how to connect.

SQLite is the embedded default; every connection turns foreign keys on (SQLite leaves
them off) and uses WAL with a busy timeout so several gunicorn workers can share a file.
Python's sqlite3 module opens transactions lazily and breaks SAVEPOINTs, so SQLAlchemy
emits BEGIN itself (the "Serializable isolation / Savepoints" recipe of its SQLite docs).
"""

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str, **kwargs) -> Engine:
    """Create the engine for `url`, with SQLite's per-connection pragmas when needed."""
    # Parameters stay out of error messages and logs: they hold phones and names.
    engine = create_engine(url, hide_parameters=True, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    if not _is_memory(dbapi_connection):
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _is_memory(dbapi_connection) -> bool:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA database_list")
    files = [row[2] for row in cursor.fetchall()]
    cursor.close()
    return not any(files)


def make_session_factory(bind) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit (pages render after it)."""
    return sessionmaker(bind=bind, expire_on_commit=False)
