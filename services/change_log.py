"""The matcher's change log, written by SQLAlchemy session events so that no service can forget
a change: a post or person added, changed or deleted; a group claim (ranking, eligibility); a
placement (a post's fullness); an employer (each of its posts is listed with its name and
verification). Bulk ORM inserts (imports) are recorded from their RETURNING ids; a bulk UPDATE
or DELETE of those classes is refused, since its rows are not known. `services.index_sync`
reads the log.
"""

from __future__ import annotations

from sqlalchemy import event, insert, select
from sqlalchemy.orm import ORMExecuteState, Session

from models import Candidate, Employer, GroupClaim, MatcherChange, Placement, Post
from models.base import utcnow
from services.matching import CHANGED, candidate_indexed, post_indexed

Change = tuple[str, int, str]


def _changes_of(session: Session) -> set[Change]:
    out: set[Change] = set()
    employers: set[int] = set()
    new, dirty = session.new, session.dirty
    for objects, deleted in ((new, False), (dirty, False), (session.deleted, True)):
        for obj in objects:
            if objects is dirty and not session.is_modified(obj):
                continue
            # The op says what the index will do; applying reads the row's state anyway.
            if isinstance(obj, Post):
                out.add(("post", obj.id, "remove" if deleted or not post_indexed(obj) else "upsert"))
            elif isinstance(obj, Candidate):
                gone = deleted or not candidate_indexed(obj)
                out.add(("candidate", obj.id, "remove" if gone else "upsert"))
            elif isinstance(obj, GroupClaim):
                out.add(("candidate", obj.candidate_id, "upsert"))
            elif isinstance(obj, Placement):
                out.add(("post", obj.post_id, "upsert"))
            elif isinstance(obj, Employer) and obj not in new:
                employers.add(obj.id)
    if employers:
        for post_id in session.connection().scalars(
                select(Post.id).where(Post.employer_id.in_(employers))):
            out.add(("post", post_id, "upsert"))
    return out


def _write(session: Session, changes: set[Change]) -> None:
    if changes:
        now = utcnow()
        session.connection().execute(insert(MatcherChange.__table__), [
            {"entity": e, "entity_id": i, "op": op, "at": now} for e, i, op in sorted(changes)])
        session.info[CHANGED] = True


def _after_flush(session: Session, _context: object) -> None:
    _write(session, _changes_of(session))


_BULK = {Post: "post", Candidate: "candidate"}
_BULK_OWNER = {GroupClaim: ("candidate", "candidate_id"), Placement: ("post", "post_id")}


def _bulk(state: ORMExecuteState) -> object:
    """ORM bulk statements skip the flush: an INSERT … RETURNING id of posts or people is
    recorded from its ids, one of group claims or placements from their owners' ids."""
    if not (state.is_insert or state.is_update or state.is_delete) or state.bind_mapper is None:
        return None
    watched = state.bind_mapper.class_
    if not state.is_insert and watched in (*_BULK, *_BULK_OWNER, Employer):
        raise RuntimeError(f"bulk UPDATE/DELETE of {watched.__name__} bypasses the matcher's change "
                           "log: change the objects instead")
    if watched in _BULK_OWNER:
        entity, column = _BULK_OWNER[watched]
        params = state.parameters if isinstance(state.parameters, list) else [state.parameters or {}]
        _write(state.session, {(entity, p[column], "upsert") for p in params if column in p})
        return None
    if watched not in _BULK:
        return None
    frozen = state.invoke_statement().freeze()
    result = frozen()
    if "id" not in result.keys():
        raise RuntimeError(f"a bulk INSERT of {watched.__name__} must return the ids (RETURNING id)")
    _write(state.session, {(_BULK[watched], row.id, "upsert") for row in result})
    return frozen()


def install() -> None:
    """Record changes in every session of the process (idempotent)."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "do_orm_execute", _bulk)

