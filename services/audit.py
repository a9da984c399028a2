"""Write the audit trail in the same transaction as the change it describes."""

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import AuditEntry, User


def record(
    session: Session, actor_id: int | None, action: str, entity: str, entity_id: int | None,
    **detail,
) -> AuditEntry:
    entry = AuditEntry(
        actor_id=actor_id, action=action, entity=entity, entity_id=entity_id, detail=detail
    )
    session.add(entry)
    return entry


def entries(
    session: Session, action: str | None = None, entity: str | None = None,
    actor_id: int | None = None, since: date | None = None, until: date | None = None,
    limit: int = 200,
) -> list[AuditEntry]:
    """The newest entries first, filtered for the bureau's audit page."""
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
    if action:
        query = query.where(AuditEntry.action == action)
    if entity:
        query = query.where(AuditEntry.entity == entity)
    if actor_id:
        query = query.where(AuditEntry.actor_id == actor_id)
    if since:
        query = query.where(AuditEntry.at >= datetime.combine(since, time(), tzinfo=UTC))
    if until:
        query = query.where(
            AuditEntry.at < datetime.combine(until + timedelta(days=1), time(), tzinfo=UTC))
    return list(session.scalars(query))


def actors(session: Session, shown: list[AuditEntry]) -> dict[int, User]:
    """The accounts behind these entries, by id (an entry of the system has none)."""
    ids = {entry.actor_id for entry in shown if entry.actor_id}
    return {u.id: u for u in session.scalars(select(User).where(User.id.in_(ids)))}


def entity_names(session: Session) -> list[str]:
    """Every kind of record the log names, sorted: the choices of the audit page's filter."""
    return sorted(session.scalars(select(AuditEntry.entity).distinct()))
