"""Fixtures: one migrated database per run, one rolled-back savepoint per test.

SQLite by default; PostgreSQL when TEST_DATABASE_URL is set (as .ci/run does). The schema
is built by the Alembic revisions, never by create_all, so every run tests the migrations.
"""

import os
from pathlib import Path

# Cheap argon2 for the suite's hundreds of logins (settings.password_hashing); set before the
# services are imported. The live servers are started without it (tests/servers.py).
os.environ.setdefault("JOBBRIDGE_PASSWORD_HASHING", "fast")

import pytest
from sqlalchemy import text
from sqlalchemy.orm import sessionmaker

from models import migrate
from models.db import make_engine
from settings import database_url
from tests.servers import fresh_database
from web import create_app

FOLDER_MARKERS = {"unit", "integration", "web", "ranking", "live", "e2e"}


def pytest_collection_modifyitems(items):
    """Mark each test with its folder's kind, so `-m "not live and not e2e"` picks the fast ones."""
    for item in items:
        folder = item.path.parent.name
        if folder in FOLDER_MARKERS:
            item.add_marker(folder)


@pytest.fixture(scope="session")
def database_url_for_tests(tmp_path_factory) -> str:
    """The run's database. Under pytest-xdist (`make test-fast`) each worker gets its own:
    a SQLite file in its own temporary folder, or `<TEST_DATABASE_URL's db>_gw0` and so on."""
    url = os.environ.get("TEST_DATABASE_URL", "").strip()
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if url and worker:
        return fresh_database(tmp_path_factory.mktemp("db"), worker)
    if url:
        return database_url({"DATABASE_URL": url}, Path("."))
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


def reset_schema(url: str) -> None:
    """Start from nothing, so `upgrade head` runs every revision from empty."""
    engine = make_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def engine(database_url_for_tests):
    reset_schema(database_url_for_tests)
    migrate.upgrade(database_url_for_tests)
    engine = make_engine(database_url_for_tests)
    yield engine
    engine.dispose()


@pytest.fixture
def connection(engine):
    with engine.connect() as conn:
        outer = conn.begin()
        yield conn
        outer.rollback()


@pytest.fixture
def sessions(connection):
    """Sessions whose commits only release a savepoint of the test's outer transaction."""
    return sessionmaker(bind=connection, join_transaction_mode="create_savepoint",
                        expire_on_commit=False)


@pytest.fixture
def session(sessions):
    with sessions() as s:
        yield s


@pytest.fixture
def app(sessions, database_url_for_tests, tmp_path):
    app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URL": database_url_for_tests,
        "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
        "SESSION_COOKIE_SECURE": False,
        # Each test counts failed logins afresh, whatever REDIS_URL the shell exports.
        "RATELIMIT_STORAGE_URI": "memory://",
        "MATCHER_INDEX_DIR": str(tmp_path / "index"),
        # Notifications are enqueued in memory, not in the instance folder's queue of `make run`.
        "QUEUE_URL": "memory://",
    })
    app.extensions["db"].sessions = sessions
    return app


@pytest.fixture
def client(app):
    return app.test_client()
