"""Evidence files on pages: read an upload into the store, and send a stored file to those
allowed (services.attachments decides who), always as a download, never rendered inline."""

from pathlib import Path

from flask import current_app, send_file
from werkzeug.datastructures import FileStorage

from models import Attachment, User
from policy.subsidy_claims import MAX_ATTACHMENT_BYTES
from services import attachments
from web.database import session


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
