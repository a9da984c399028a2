"""Evidence files: checked by their content, written outside the web root, and handed only to
those allowed to read them.

The directory is the caller's (the instance folder's `attachments/`): services know no Flask.
A file is written before its row is flushed, and the use case it supports (a claim) may still
be refused after: each file written is noted (`WRITTEN`, services.transaction_effects) and the
caller's rollback listener (web.attachments) unlinks the files of a transaction that did not
commit, so a refused claim leaves no orphan file behind.
"""

import hashlib
import secrets
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Attachment, Placement, Post, SubsidyClaim, User
from policy.errors import NotFound
from policy.subsidy_claims import CLAIMANT_BY_RULE, sniff
from services import transaction_effects

FILENAME_MAX = 128
WRITTEN = "jobbridge.attachments_written"  # stored names: unlinked if their transaction rolls back
# The employer's own claims: a person's claim on its post (公益性岗位补贴) and its file are
# the person's (and the bureau's) alone.
EMPLOYER_RULES = tuple(rule for rule, claimant in CLAIMANT_BY_RULE.items() if claimant == "employer")


def store(session: Session, directory: Path, user: User, filename: str, data: bytes) -> Attachment:
    """Keep an uploaded file (PDF, JPEG or PNG by its magic bytes, at most 2 MB)."""
    content_type, extension = sniff(data)
    directory.mkdir(parents=True, exist_ok=True)
    stored_name = f"{secrets.token_hex(16)}.{extension}"
    (directory / stored_name).write_bytes(data)
    transaction_effects.note(session, WRITTEN, stored_name)
    shown = Path(filename or "").name[-FILENAME_MAX:] or f"附件.{extension}"
    attachment = Attachment(uploaded_by_id=user.id, stored_name=stored_name, filename=shown,
                            content_type=content_type, size=len(data),
                            sha256=hashlib.sha256(data).hexdigest())
    session.add(attachment)
    session.flush()
    return attachment


def readable(session: Session, user: User, attachment_id: int) -> Attachment:
    """The attachment if `user` may read it: the bureau, whoever uploaded it, and the employer
    whose own subsidy claim (a rule it claims) it supports. Anyone else is told it does not
    exist (no probing)."""
    attachment = session.get(Attachment, attachment_id)
    if attachment is None or not _allowed(session, user, attachment):
        raise NotFound("附件不存在", code="attachment_not_found")
    return attachment


def path_of(directory: Path, attachment: Attachment) -> Path:
    return directory / attachment.stored_name


def _allowed(session: Session, user: User, attachment: Attachment) -> bool:
    if user.role == "bureau" or attachment.uploaded_by_id == user.id:
        return True
    if user.role != "employer" or user.employer_id is None:
        return False
    return session.scalar(
        select(SubsidyClaim.id).join(Placement, Placement.id == SubsidyClaim.placement_id)
        .join(Post, Post.id == Placement.post_id)
        .where(SubsidyClaim.attachment_id == attachment.id, Post.employer_id == user.employer_id,
               SubsidyClaim.rule.in_(EMPLOYER_RULES))
        .limit(1)) is not None
