"""Separate consent for sensitive groups (PIPL Art. 28–29: 敏感个人信息).

就业困难人员, 低保家庭成员 and 脱贫/低收入人口 (policy.codes.SENSITIVE_GROUPS) are processed
only with the person's separate consent, given by its own checkbox with its own versioned text
(policy.consent), or — for the bureau's own registry rolls brought in by an import — on the
bureau's statutory duty (source 'bureau_import'). Each grant and withdrawal is a ConsentEvent
row and an audit entry.

代办 (township staff acting for the person, services.proxy_acts): the person gives this consent
to the staff member — told its text, which the staff member reads to them — and the staff
member ticks the same box for them. The consent is still the person's and covers the same
groups, but it is recorded as given through that staff member: the event's source is
'delegated', `by_id` the staff member and `delegation_id` the 代办 consent they act under, and
its audit entry carries both names (services.delegation.act_detail, passed here as `act`).
So an inspector, and the person on their own page, see who ticked it and on what authority.
Unticking a sensitive group in 代办 withdraws the same way.

Withdrawing removes the claims, verified ones included, from the current profile and from
every later decision: the claim becomes 'withdrawn' (Candidate.groups and every
`status == 'verified'` read skip it) and the matcher's change log gets the candidate, so
ranking priority and new placements stop counting it at once. The row stays with its
`withdrawn_at` so decisions taken before keep what was true then (`claimed_before`): the
subsidy ledger and the statistics of placements made before the withdrawal. The 低保 / 脱贫
certificates of the withdrawn groups are deleted, rows and files (services.attachments.
discard_certificates, which says what is kept).
"""

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from models import Candidate, ConsentEvent, GroupClaim, User
from models.base import utcnow
from models.candidate import ACTIVE_CLAIMS
from policy import consent as texts
from policy.errors import Invalid
from services import attachments, audit

PROXY_ASK = "需要本人单独同意：请向本人宣读同意内容，本人同意后再勾选；本人不同意请取消勾选这些类别"


def history(session: Session, candidate_id: int) -> list[ConsentEvent]:
    """The person's consent events, oldest first."""
    return list(session.scalars(select(ConsentEvent).where(ConsentEvent.candidate_id == candidate_id)
                                .order_by(ConsentEvent.at, ConsentEvent.id)))


def covered_groups(session: Session, candidate_id: int) -> set[str]:
    """Sensitive groups with a standing consent (or import basis): grants minus withdrawals."""
    covered: set[str] = set()
    for event in history(session, candidate_id):
        if event.action == "granted":
            covered |= set(event.scope)
        else:
            covered -= set(event.scope)
    return covered


def require(session: Session, actor: User, candidate: Candidate, groups: Iterable[str],
            consent_given: bool, **act) -> None:
    """Before sensitive groups are saved: each needs a standing consent, or the consent the
    person ticked now (or staff ticked for them: `act`), recorded with the text's version and
    the time."""
    wanted = texts.sensitive(groups)
    if not wanted:
        return
    missing = set(wanted) - covered_groups(session, candidate.id)
    if not missing:
        return
    if not consent_given:
        raise Invalid("申报就业困难人员、低保家庭成员、脱贫/低收入人口属于敏感个人信息，"
                      + (PROXY_ASK if act else "需要您单独勾选同意后才能保存；不同意请取消勾选这些类别"),
                      code="consent_required", fields={"sensitive_consent": "请勾选同意"})
    _event(session, actor, candidate.id, wanted, "granted", texts.current_version(), act)


def withdraw(session: Session, actor: User, candidate: Candidate,
             groups: Iterable[str] | None = None, **act) -> ConsentEvent | None:
    """Withdraw consent for `groups` (all sensitive groups by default): their claims, verified
    ones included, are marked withdrawn now. Nothing to withdraw records nothing. `act`: the
    person withdrew it through township staff (代办)."""
    scope = texts.sensitive(texts.SENSITIVE_GROUPS if groups is None else groups)
    now = utcnow()
    claims = [c for c in candidate.group_claims if c.group in scope and c.status in ACTIVE_CLAIMS]
    covered = covered_groups(session, candidate.id) & set(scope)
    if not claims and not covered:
        return None
    for claim in claims:
        claim.status, claim.withdrawn_at = "withdrawn", now
    withdrawn = sorted({c.group for c in claims} | covered)
    event = _event(session, actor, candidate.id, withdrawn, "withdrawn", texts.current_version(), act,
                   at=now, before={c.group: "verified" if c.decided_at else "declared" for c in claims})
    attachments.discard_certificates(session, actor, candidate, withdrawn)
    return event


def redeclare(claim: GroupClaim) -> None:
    """A withdrawn claim declared again starts over: 待核验 until the bureau decides again."""
    claim.status, claim.withdrawn_at = "declared", None
    claim.decided_by_id = claim.decided_at = None


def record_import_basis(session: Session, actor_id: int | None,
                        groups_by_candidate: dict[int, Iterable[str]]) -> None:
    """Sensitive groups from the bureau's own registry (an import): lawful on its statutory
    duty, recorded as a 'bureau_import' grant without a consent text."""
    now = utcnow()
    rows = [dict(candidate_id=candidate_id, scope=scope, action="granted", source="bureau_import",
                 text_version=None, at=now, by_id=actor_id)
            for candidate_id, groups in groups_by_candidate.items()
            if (scope := texts.sensitive(groups))]
    if rows:
        session.execute(insert(ConsentEvent), rows)


def claimed_before(claim: GroupClaim, moment: datetime | None) -> bool:
    """Was this a verified claim at `moment`? A claim withdrawn after `moment` still was: a
    decision taken then keeps it. Without a moment, only what holds now counts."""
    if claim.status == "verified":
        return True
    return (moment is not None and claim.status == "withdrawn" and claim.decided_at is not None
            and claim.withdrawn_at is not None and _aware(claim.withdrawn_at) > _aware(moment))


def _aware(moment: datetime) -> datetime:
    """SQLite gives naive datetimes back; every stored time is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _event(session: Session, actor: User, candidate_id: int, scope: list[str], action: str,
           version: str | None, act: dict, at: datetime | None = None, **detail) -> ConsentEvent:
    """The person's own event, or one given through township staff when `act` names the 代办
    consent (its `consent_id`)."""
    delegation_id = act.get("consent_id")
    event = ConsentEvent(candidate_id=candidate_id, scope=scope, action=action,
                         source="seeker" if delegation_id is None else "delegated",
                         delegation_id=delegation_id, text_version=version, at=at or utcnow(),
                         by_id=actor.id)
    session.add(event)
    audit.record(session, actor.id, "grant_consent" if action == "granted" else "withdraw_consent",
                 "candidate", candidate_id, groups=scope, text_version=version, **detail, **act)
    session.flush()
    return event
