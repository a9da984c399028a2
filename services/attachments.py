"""Evidence files: checked by their content, written outside the web root, and handed only to
those allowed to read them.

The directory is the caller's (the instance folder's `attachments/`): services know no Flask.
A file is written before its row is flushed, and the use case it supports (a claim) may still
be refused after: each file written is noted (`WRITTEN`, services.transaction_effects) and the
caller's rollback listener (web.attachments) unlinks the files of a transaction that did not
commit, so a refused claim leaves no orphan file behind.

A person's 低保 / 脱贫 certificates go when the person withdraws the consent that let them be
processed, or deletes the account (`discard_certificates`): rows in the transaction, files once
it commits (`DISCARDED`, unlinked by the same listener).
"""

import hashlib
import secrets
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Attachment, AuditEntry, Candidate, Placement, Post, SubsidyClaim, User
from policy.errors import NotFound
from policy.subsidy_claims import CLAIMANT_BY_RULE, sniff
from services import audit, transaction_effects

FILENAME_MAX = 128
WRITTEN = "jobbridge.attachments_written"  # stored names: unlinked if their transaction rolls back
DISCARDED = "jobbridge.attachments_discarded"  # stored names: unlinked once their transaction commits
ATTACHED = "attach_group_evidence"  # the audit action of services.verification.attach_certificate
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


def discard_certificates(session: Session, actor: User, candidate: Candidate,
                         groups: Iterable[str] | None = None) -> list[int]:
    """Remove the person's certificates for `groups` (all groups: None): the file the group
    claim names and those it replaced (found in the audit log, which recorded each), their rows
    now and their files once the transaction commits. Audited; returns the attachment ids.

    Retention, decided here: a certificate is evidence of a group claim, processed on the
    person's separate consent (PIPL art. 29) — withdrawn, or the account deleted (art. 47), it
    goes. The group claim row stays with the bureau's decision (who verified, when:
    services.consent, services.privacy), only without its file. A subsidy claim's evidence is
    never removed here, even a 低保 certificate the person attached to it: a claim is a
    payment record the bureau keeps with its file (models.subsidy_claim: never deleted)."""
    wanted = None if groups is None else set(groups)
    claims = [c for c in candidate.group_claims if wanted is None or c.group in wanted]
    ids = {c.attachment_id for c in claims if c.attachment_id is not None}
    for detail in session.scalars(select(AuditEntry.detail).where(
            AuditEntry.action == ATTACHED, AuditEntry.entity == "candidate",
            AuditEntry.entity_id == candidate.id)):
        if wanted is None or (detail or {}).get("group") in wanted:
            ids |= {side.get("attachment_id") for side in ((detail or {}).get("before") or {},
                                                           (detail or {}).get("after") or {})}
    ids.discard(None)
    if ids:
        ids -= set(session.scalars(select(SubsidyClaim.attachment_id)
                                   .where(SubsidyClaim.attachment_id.in_(ids))))
    rows = list(session.scalars(select(Attachment).where(Attachment.id.in_(ids)))) if ids else []
    if not rows:
        return []
    removed = sorted(row.id for row in rows)
    for claim in claims:
        if claim.attachment_id in removed:
            claim.attachment_id = None
    session.flush()
    for row in rows:
        transaction_effects.note(session, DISCARDED, row.stored_name)
        session.delete(row)
    audit.record(session, actor.id, "discard_certificates", "candidate", candidate.id,
                 groups=sorted(wanted) if wanted is not None else None, attachment_ids=removed)
    session.flush()
    return removed


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
