"""The audit log is append-only in the database itself (migration 0008): rows can be added,
never changed or removed, whatever code runs against it."""

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DBAPIError

from models import AuditEntry
from services import audit


@pytest.fixture
def entry(session):
    row = audit.record(session, None, "seed_demo", "database", None, seed=1)
    session.flush()
    return row


@pytest.mark.parametrize("statement", [
    lambda row: update(AuditEntry).where(AuditEntry.id == row.id).values(action="forged"),
    lambda row: delete(AuditEntry).where(AuditEntry.id == row.id),
], ids=["update", "delete"])
def test_the_database_refuses_to_change_or_remove_an_audit_row(session, entry, statement):
    with pytest.raises(DBAPIError, match="append-only"), session.begin_nested():
        session.execute(statement(entry))
    assert session.scalar(select(AuditEntry.action).where(AuditEntry.id == entry.id)) == "seed_demo"


def test_the_audit_log_cannot_be_emptied_at_once(session, entry):
    # PostgreSQL's TRUNCATE fires no row trigger (0008 adds a statement trigger for it);
    # SQLite has no TRUNCATE, and its whole-table DELETE skips the row-by-row path only
    # when the table has no trigger, so the row trigger must hold there.
    emptying = ("TRUNCATE audit_log CASCADE" if session.get_bind().dialect.name == "postgresql"
                else "DELETE FROM audit_log")
    with pytest.raises(DBAPIError, match="append-only"), session.begin_nested():
        session.execute(text(emptying))
    assert session.get(AuditEntry, entry.id) is not None


def test_new_audit_rows_are_still_written(session, entry):
    audit.record(session, None, "import", "post", None, file="a.xlsx")
    session.flush()
    assert session.scalar(select(AuditEntry.id).where(AuditEntry.action == "import")) is not None
