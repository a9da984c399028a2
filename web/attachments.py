"""Evidence files on pages: read an upload into the store, send a stored file to those
allowed (services.attachments decides who), always as a download, never rendered inline, and
unlink the files a transaction's outcome leaves without a row (services.transaction_effects)."""

import logging
from collections.abc import Iterable
from pathlib import Path

from flask import Flask, current_app, has_app_context, send_file
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction
from werkzeug.datastructures import FileStorage

from models import Attachment, User
from policy.subsidy_claims import MAX_ATTACHMENT_BYTES
from services import attachments, transaction_effects
from web.database import session

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    if not event.contains(Session, "after_commit", _settle_committed):
        event.listen(Session, "after_commit", _settle_committed)
        event.listen(Session, "after_soft_rollback", _settle_rolled_back)


def directory() -> Path:
    """The instance folder's attachments/ (outside static/, so no URL maps to it)."""
    configured = current_app.config.get("ATTACHMENT_DIR")
    return Path(configured) if configured else Path(current_app.instance_path) / "attachments"


def upload(s, user: User, file: FileStorage | None) -> Attachment | None:
    """Store the form's file in this transaction; no file chosen: None. One byte over the limit
    is read so that an oversized file is refused by policy, not truncated."""
    if file is None or not file.filename:
        return None
    data = file.stream.read(MAX_ATTACHMENT_BYTES + 1)
    return attachments.store(s, directory(), user, file.filename, data)


def send(user: User, attachment_id: int):
    attachment = attachments.readable(session(), user, attachment_id)
    response = send_file(attachments.path_of(directory(), attachment), mimetype=attachment.content_type,
                         as_attachment=True, download_name=attachment.filename, max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _settle_committed(s: Session) -> None:
    """The files whose rows the commit deleted go; those written in it stay (their rows are
    durable)."""
    transaction_effects.committed(s, attachments.WRITTEN)
    _unlink(transaction_effects.committed(s, attachments.DISCARDED))


def _settle_rolled_back(s: Session, rolled_back: SessionTransaction) -> None:
    """The files written inside what rolled back go (no row names them); those whose rows it
    was deleting stay (the rows are back)."""
    transaction_effects.rolled_back(s, attachments.DISCARDED, rolled_back)
    _unlink(transaction_effects.rolled_back(s, attachments.WRITTEN, rolled_back))


def _unlink(names: Iterable[str]) -> None:
    names = list(names)
    if not names or not has_app_context():
        return
    folder = directory()
    for name in names:
        try:
            (folder / name).unlink(missing_ok=True)
        except OSError:
            log.warning("attachment %s not removed", name, exc_info=True)
