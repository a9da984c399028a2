"""Write the audit trail in the same transaction as the change it describes."""

from sqlalchemy.orm import Session

from models import AuditEntry


def record(
    session: Session, actor_id: int | None, action: str, entity: str, entity_id: int | None,
    **detail,
) -> AuditEntry:
    entry = AuditEntry(
        actor_id=actor_id, action=action, entity=entity, entity_id=entity_id, detail=detail
    )
    session.add(entry)
    return entry
