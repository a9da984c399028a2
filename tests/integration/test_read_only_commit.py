"""A request whose transaction only read ends with a commit, which keeps PostgreSQL's prepared
statements; one that wrote anything without committing it is still rolled back, whatever way
it wrote (models.db.only_read, web.database._close_session)."""

import pytest
from flask import jsonify
from sqlalchemy import create_engine, event, func, insert, select, text, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from models import AuditEntry, User, migrate
from models.db import make_engine, make_session_factory, only_read
from tests.factories import make_user
from tests.servers import fresh_database
from web import create_app
from web.database import session as request_session


def test_only_read_is_true_until_anything_may_have_written(session):
    assert not only_read(session)  # no transaction yet: nothing to commit
    session.execute(select(func.count(User.id)))
    session.execute(text("SELECT 1"))
    assert only_read(session)

    user = make_user(session)  # flushed by the factory
    assert not only_read(session)
    session.commit()

    session.execute(select(User.id))
    assert only_read(session)
    user.name = "改过的名字"  # pending, not flushed: a commit would write it
    assert not only_read(session)
    session.flush()
    assert not only_read(session)
    session.commit()

    session.execute(select(User.id))
    session.connection().execute(update(User).where(User.id == user.id).values(name="又改了"))
    assert not only_read(session)  # a Core statement counts, not only the ORM's flushes
    session.rollback()

    session.execute(select(User.id))
    session.connection().exec_driver_sql("DELETE FROM audit_log WHERE id = -1")
    assert not only_read(session)  # any statement but a read counts, whatever it touched


def test_a_savepoint_that_only_read_keeps_what_its_transaction_wrote(session):
    session.execute(select(User.id))
    make_user(session)
    with session.begin_nested():
        session.execute(select(User.id))
    assert not only_read(session)


def test_a_session_on_an_engine_made_elsewhere_is_never_taken_for_a_read():
    """Only make_engine's engines note their writes: any other's might have written."""
    engine = create_engine("sqlite://")
    with Session(engine) as elsewhere:
        elsewhere.execute(text("SELECT 1"))
        assert not only_read(elsewhere)
    engine.dispose()


@pytest.fixture
def served(app, tmp_path):
    """The app on a database of its own (no test savepoint around it), with one pooled
    connection, and two extra routes that write without committing."""
    url = fresh_database(tmp_path, "read_only_commit")
    migrate.upgrade(url)
    engine = make_engine(url, pool_size=1, max_overflow=0)
    served = create_app({**app.config, "SQLALCHEMY_DATABASE_URL": url})
    served.extensions["db"].sessions = make_session_factory(engine)

    def add_entity():
        request_session().add(AuditEntry(action="test.uncommitted", entity="test"))
        request_session().flush()
        return jsonify({"written": "not committed"})

    def core_insert():
        request_session().connection().execute(insert(AuditEntry).values(action="test.core", entity="test"))
        return jsonify({"written": "not committed"})

    def failed_read():
        try:
            request_session().execute(text("SELECT * FROM no_such_table"))
        except SQLAlchemyError:
            return jsonify({"read": "failed"})  # handled; the transaction is left as it is
        raise AssertionError("the table should not exist")

    served.add_url_rule("/test/failed-read", view_func=failed_read)
    served.add_url_rule("/test/add-entity", view_func=add_entity)
    served.add_url_rule("/test/core-insert", view_func=core_insert)
    ends = []
    event.listen(engine, "commit", lambda _conn: ends.append("commit"))
    event.listen(engine, "rollback", lambda _conn: ends.append("rollback"))
    yield served, engine, ends
    engine.dispose()


def test_a_read_is_committed_and_an_uncommitted_write_is_rolled_back(served):
    app, engine, ends = served
    client = app.test_client()
    for route in ("/test/add-entity", "/test/core-insert"):
        ends.clear()
        assert client.get(route).status_code == 200
        assert ends == ["rollback"], route
    with engine.connect() as conn:
        assert conn.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.entity == "test")) == 0

    ends.clear()
    assert client.get("/healthz").status_code == 200
    assert client.get("/api/v1/posts?q=会计").status_code == 200
    assert ends == ["commit", "commit"]


def test_reads_keep_their_prepared_statements_on_postgresql(served):
    """psycopg prepares a statement on its sixth run on a connection and forgets them all at a
    rollback: read-only requests ending in one would never reach a prepared statement."""
    app, engine, ends = served
    client = app.test_client()
    ends.clear()
    for _ in range(8):
        assert client.get("/healthz").status_code == 200
    assert ends == ["commit"] * 8
    if engine.dialect.name == "postgresql":  # SQLite's statement cache outlives a rollback
        with engine.connect() as conn:
            assert "SELECT 1" in conn.scalars(text("SELECT statement FROM pg_prepared_statements")).all()


def test_a_failed_read_that_a_view_handled_still_ends_cleanly(served):
    """A failed read is still a read (PostgreSQL answers the commit of the transaction it
    aborted with a rollback): either way the connection comes back to the pool usable."""
    app, _, _ = served
    client = app.test_client()
    for _ in range(3):
        assert client.get("/test/failed-read").status_code == 200
        assert client.get("/healthz").status_code == 200
