"""What a person sees of the 代办 consents they gave township staff (services.delegation): each
consent with its state, and what was done for them under it.

The acts are read from the audit log, where each was written in its own transaction with the
person's id and the consent (services.delegation.act_detail: `on_behalf_of`, `consent_id`):
nothing is kept twice, so the list cannot disagree with what the bureau's audit page shows.
Only the staff members' own entries are read (the log's actor index), never the whole log.
"""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import case, select
from sqlalchemy.orm import Session, joinedload

from models import AuditEntry, DelegationConsent, Post, User
from policy.codes import GROUP_LABELS
from services.applications import candidate_of
from services.profiles import PROFILE_STEPS

STATE_LABELS = {"valid": "有效", "withdrawn": "已撤回", "expired": "已过期"}


@dataclass(frozen=True)
class Act:
    at: datetime
    what: str


@dataclass
class Given:
    consent: DelegationConsent
    state: str  # STATE_LABELS
    acts: list[Act] = field(default_factory=list)


def given(session: Session, user: User, now: datetime) -> list[Given]:
    """The seeker's confirmed consents, newest first, each with the acts done under it
    (oldest first). A consent asked for and never confirmed gave nothing, so it is not listed."""
    person = candidate_of(session, user)
    c = DelegationConsent
    state = case((c.withdrawn_at.is_not(None), "withdrawn"), (c.valid_until > now, "valid"),
                 else_="expired")
    rows = [Given(consent, consent_state) for consent, consent_state in session.execute(
        select(c, state).options(joinedload(c.staff))
        .where(c.candidate_id == person.id, c.confirmed_at.is_not(None)).order_by(c.id.desc()))]
    if not rows:
        return rows
    entries = list(session.scalars(
        select(AuditEntry).where(AuditEntry.actor_id.in_({r.consent.staff_id for r in rows}),
                                 AuditEntry.detail["on_behalf_of"].as_integer() == person.id)
        .order_by(AuditEntry.at, AuditEntry.id)))
    titles = _post_titles(session, entries)
    by_consent = {r.consent.id: r for r in rows}
    for entry in entries:
        row = by_consent.get(entry.detail.get("consent_id"))
        if row is not None:
            row.acts.append(Act(entry.at, describe(entry, titles)))
    return rows


def describe(entry: AuditEntry, titles: dict[int, str]) -> str:
    """An act for the person in their words: the same wording as the notice they were sent."""
    detail = entry.detail
    if entry.action == "update_profile":
        return f"修改{PROFILE_STEPS.get(detail.get('step', ''), '求职资料')}"
    if entry.action == "apply":
        return f"申请岗位“{titles.get(detail.get('post_id'), '')}”"
    groups = "、".join(GROUP_LABELS.get(g, g) for g in detail.get("groups", ()))
    return {"register_unemployed": "失业登记",
            "end_registration": "结束失业登记（已就业）",
            "grant_consent": f"同意处理敏感个人信息：{groups}",
            "withdraw_consent": f"撤回敏感个人信息同意：{groups}"}.get(entry.action, entry.action)


def _post_titles(session: Session, entries: list[AuditEntry]) -> dict[int, str]:
    ids = {e.detail.get("post_id") for e in entries if e.action == "apply"} - {None}
    if not ids:
        return {}
    return {post_id: title for post_id, title in session.execute(
        select(Post.id, Post.title).where(Post.id.in_(ids)))}
