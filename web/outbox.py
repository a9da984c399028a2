"""Hand the outbox rows a request wrote to the worker's queue, once their transaction committed.

services.notifications notes each new outbox id in `session.info`; after the outermost commit
they are enqueued, and a rollback drops those noted inside what it rolled back, a savepoint's
included, with their rows (services.transaction_effects: a released savepoint is no commit).
Enqueueing is a speed-up, not the record: if the queue is down the rows wait in the database
for the worker's sweep.
"""

import logging
import os

from flask import Flask, current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from services import transaction_effects
from services.notifications import PENDING_OUTBOX
from worker import make_queue

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    environ = dict(os.environ, JOBBRIDGE_INSTANCE_PATH=app.instance_path)
    if app.config.get("QUEUE_URL"):
        environ["JOBBRIDGE_QUEUE_URL"] = app.config["QUEUE_URL"]
    app.extensions["queue"] = make_queue(environ)
    if not event.contains(Session, "after_commit", _enqueue_committed):
        event.listen(Session, "after_commit", _enqueue_committed)
        event.listen(Session, "after_soft_rollback", _forget)


def _enqueue_committed(session: Session) -> None:
    ids = transaction_effects.committed(session, PENDING_OUTBOX)
    if not ids or not has_app_context() or "queue" not in current_app.extensions:
        return
    deliver = current_app.extensions["queue"].deliver
    try:
        for outbox_id in ids:
            deliver(outbox_id)
    except Exception:  # noqa: BLE001 — any queue failure: the sweep delivers them later
        log.warning("outbox ids %s not enqueued; the worker's sweep will deliver them", ids,
                    exc_info=True)


def _forget(session: Session, rolled_back: SessionTransaction) -> None:
    transaction_effects.rolled_back(session, PENDING_OUTBOX, rolled_back)
