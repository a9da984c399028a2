"""Effects that wait for a transaction's outcome: outbox rows handed to the worker's queue once
they are committed (services.notifications), evidence files unlinked once the rows naming them
are gone for good, or once the transaction that wrote them failed (services.attachments).

Each item is noted with the (sub)transaction open when it was noted, because SQLAlchemy fires
`after_commit` when a savepoint is released too, while nothing is durable yet, and
`after_soft_rollback` when a savepoint rolls back as when the whole transaction does. So only
the outermost commit hands the items over, and a rollback drops the items noted inside the
transaction it ends (a savepoint with the savepoints nested in it, or the whole) while the
outer transaction keeps its own.
"""

from typing import Any

from sqlalchemy.orm import Session, SessionTransaction


def note(session: Session, key: str, item: Any) -> None:
    """Keep `item` under `key` until the transaction open now commits or rolls back."""
    current = session.get_nested_transaction() or session.get_transaction()
    session.info.setdefault(key, []).append((item, current))


def pending(session: Session, key: str) -> list[Any]:
    """The items noted so far and not dropped (for a caller that commits by itself)."""
    return [item for item, _ in session.info.get(key, ())]


def committed(session: Session, key: str) -> list[Any]:
    """For an `after_commit` listener: the items, taken, once the outermost transaction
    committed; a released savepoint hands over nothing yet."""
    if session.in_nested_transaction():
        return []
    return [item for item, _ in session.info.pop(key, ())]


def rolled_back(session: Session, key: str, transaction: SessionTransaction) -> list[Any]:
    """For an `after_soft_rollback` listener: the items noted inside the `transaction` that
    rolled back, taken; those of the transactions around it stay."""
    noted = session.info.get(key, [])
    kept = [(item, t) for item, t in noted if not _inside(t, transaction)]
    if kept:
        session.info[key] = kept
    else:
        session.info.pop(key, None)
    return [item for item, t in noted if _inside(t, transaction)]


def _inside(noted_in: SessionTransaction | None, transaction: SessionTransaction) -> bool:
    if noted_in is None:  # noted before any transaction began: the outermost one's
        return transaction.parent is None
    current: SessionTransaction | None = noted_in
    while current is not None:
        if current is transaction:
            return True
        current = current.parent
    return False
