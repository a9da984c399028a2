"""Hand the outbox rows a request wrote to the worker's queue, once their transaction committed.

services.notifications notes each new outbox id in `session.info`; after a commit they are
enqueued (a rollback drops them with the rows). Enqueueing is a speed-up, not the record: if
the queue is down the rows wait in the database for the worker's sweep.
"""

import logging
import os

from flask import Flask, current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

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
        event.listen(Session, "after_rollback", _forget)


def _enqueue_committed(session: Session) -> None:
    ids = session.info.pop(PENDING_OUTBOX, [])
    if not ids or not has_app_context() or "queue" not in current_app.extensions:
        return
    deliver = current_app.extensions["queue"].deliver
    try:
        for outbox_id in ids:
            deliver(outbox_id)
    except Exception:  # noqa: BLE001 — any queue failure: the sweep delivers them later
        log.warning("outbox ids %s not enqueued; the worker's sweep will deliver them", ids,
                    exc_info=True)


def _forget(session: Session) -> None:
    session.info.pop(PENDING_OUTBOX, None)
