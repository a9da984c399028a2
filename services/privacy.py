"""Personal data (PIPL, GB/T 35273): who read what, the bureau's reveal of a 身份证号, and a
seeker's copy of their data and its erasure.

Everywhere else the 身份证号 and phone are masked (policy.identifiers.mask_*); the exceptions
are the person's own pages and the reads below, each of which leaves an audit entry, so the
bureau can answer "who saw this person's number, and when".

Erasure (PIPL art. 47) is immediate and self-service, confirmed with the password, not a
request for the bureau to approve: nothing the bureau would check changes what is erased, and
a queue would keep the data longer. It is refused while a placement is still active — the
bureau pays that subsidy and follows the person up, so they end it together first. What
stays, unnamed, is what the figures reported upward are counted from: placements,
applications and their history, registrations, group claims, and the attributes a subsidy or
breakdown reads (education, major, gender, birth year, township, graduation and unemployment
dates). Name, 身份证号, phone, school and free text go, and so do the 低保 / 脱贫 certificate
files of group claims (services.attachments.discard_certificates: rows now, files once the
erasure commits); a subsidy claim's evidence stays with the claim, a payment record the bureau
keeps. The login is disabled.
"""

from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, joinedload

from models import (
    Application,
    Candidate,
    DelegationConsent,
    FollowUp,
    HiddenPost,
    Placement,
    Post,
    SavedSearch,
    SubsidyClaim,
    UnemploymentRegistration,
    User,
)
from models.base import utcnow
from policy import consent as consent_texts
from policy.errors import Conflict, Forbidden, Invalid
from policy.subsidies import RULE_LABELS
from services import (
    applications,
    attachments,
    audit,
    consent,
    interviews,
    invitations,
    notifications,
    offers,
    township_scope,
)
from services.accounts import end_sessions, require_password

ERASED_NAME = "已注销用户"
PROFILE_FIELDS = ("name", "gender", "id_number", "phone", "birth_date", "education", "school",
                  "major", "graduation_date", "skills", "experience", "desired", "townships",
                  "unemployed_since", "employed", "open_to_offers", "created_at", "updated_at")


def record_contact_views(session: Session, actor: User, post_id: int, candidate_ids: list[int]) -> None:
    """An employer saw applicants' full names and phones (issue 5, Audit): one entry per person,
    so the audit page filtered by candidate shows every employer that read them. The bureau's
    own reads are its job and are not logged here."""
    if actor.role != "employer":
        return
    for candidate_id in candidate_ids:
        audit.record(session, actor.id, "view_contact", "candidate", candidate_id, post_id=post_id)
    session.flush()


PURPOSE_MAX_LENGTH = 100


def reveal_id_number(session: Session, actor: User, candidate_id: int, purpose: str) -> Candidate:
    """The bureau's 查看完整身份证号: the person, after an audit entry naming who asked and why
    (PIPL art. 6: personal information is read for a stated purpose, and only for it)."""
    return _reveal(session, actor, candidate_id, "reveal_id_number", purpose)


FOLLOWUP_PURPOSE = "每月跟踪服务（第十四条）电话联系"


def reveal_phone(session: Session, actor: User, candidate_id: int,
                 purpose: str = FOLLOWUP_PURPOSE) -> Candidate:
    """The bureau's 查看完整手机号, one person at a time: the follow-up worklist shows masked
    numbers, and the one the caseworker is about to phone is read after an audit entry. The
    worklist is the purpose, so it is not asked again for each of hundreds of calls. Township
    staff run the same follow-ups, for their own township's people only."""
    return _reveal(session, actor, candidate_id, "reveal_phone", purpose, ("bureau", "township"))


def _reveal(session: Session, actor: User, candidate_id: int, action: str, purpose: str,
            roles: tuple[str, ...] = ("bureau",)) -> Candidate:
    purpose = purpose.strip()
    if not purpose or len(purpose) > PURPOSE_MAX_LENGTH:
        raise Invalid(f"请填写查看目的（{PURPOSE_MAX_LENGTH} 字以内）", code="purpose_required",
                      fields={"purpose": "请填写查看目的"})
    if actor.role not in roles:
        raise Forbidden("只有人社局可以查看完整个人信息", code="forbidden")
    candidate = township_scope.visible_person(session, actor, candidate_id)
    audit.record(session, actor.id, action, "candidate", candidate.id, purpose=purpose)
    session.flush()
    return candidate


def personal_data(session: Session, user: User) -> dict[str, Any]:
    """A copy of everything held about the seeker (PIPL art. 45), whole numbers included: it
    goes only to the person, and the download is audited. The hiring conversation and the
    subsidy claims are in it with the fields the person's own pages show."""
    candidate = applications.candidate_of(session, user)
    audit.record(session, user.id, "export_personal_data", "candidate", candidate.id)
    session.flush()
    return {
        "exported_at": _iso(utcnow()),
        "account": {"phone": user.phone, "name": user.name, "created_at": _iso(user.created_at)},
        "profile": {field: _iso(getattr(candidate, field)) for field in PROFILE_FIELDS},
        "group_claims": [{"group": c.group, "status": c.status, "decided_at": _iso(c.decided_at),
                          "withdrawn_at": _iso(c.withdrawn_at)}
                         for c in candidate.group_claims],
        "consent_events": [
            {"groups": e.scope, "action": e.action, "source": e.source,
             "text_version": e.text_version, "text": consent_texts.text(e.text_version)
             if e.text_version else None, "at": _iso(e.at)}
            for e in consent.history(session, candidate.id)
        ],
        "applications": [
            {"id": a.id, "post_id": a.post_id, "post": a.post.title, "employer": a.post.employer.name,
             "status": a.status, "reason": a.reason, "created_at": _iso(a.created_at),
             "history": [{"status": e.status, "reason": e.reason, "at": _iso(e.at)}
                         for e in applications.history(session, a.id)]}
            for a in _rows(session, Application, candidate.id,
                           joinedload(Application.post).joinedload(Post.employer))
        ],
        "placements": [
            {"post": p.post.title, "employer": p.post.employer.name, "kind": p.kind,
             "program": p.program.name if p.program else None, "start_date": _iso(p.start_date),
             "term_end": _iso(p.term_end), "extended_until": _iso(p.extended_until),
             "ended_on": _iso(p.ended_on), "end_reason": p.end_reason,
             "contract_months": p.contract_months}
            for p in _rows(session, Placement, candidate.id,
                           joinedload(Placement.post).joinedload(Post.employer),
                           joinedload(Placement.program))
        ],
        "unemployment_registrations": [
            {"township": r.township, "unemployed_since": _iso(r.unemployed_since),
             "previous_employer": r.previous_employer, "status": r.status,
             "created_at": _iso(r.created_at), "decided_at": _iso(r.decided_at),
             "registered_on": _iso(r.registered_on), "ended_on": _iso(r.ended_on),
             "end_reason": r.end_reason}
            for r in _rows(session, UnemploymentRegistration, candidate.id)
        ],
        "followups": [
            {"contacted_on": _iso(f.contacted_on), "channel": f.channel, "outcome": f.outcome,
             "note": f.note}
            for f in _rows(session, FollowUp, candidate.id)
        ],
        # 代办授权 given to township staff: to whom, how, and for how long (never the code).
        "delegation_consents": [
            {"township": d.township, "staff": d.staff.name, "method": d.method,
             "confirmed_at": _iso(d.confirmed_at), "valid_until": _iso(d.valid_until),
             "withdrawn_at": _iso(d.withdrawn_at)}
            for d in _rows(session, DelegationConsent, candidate.id, joinedload(DelegationConsent.staff))
            if d.confirmed_at is not None
        ],
        "saved_searches": [{"name": q.name, "params": q.params, "created_at": _iso(q.created_at)}
                           for q in _rows(session, SavedSearch, candidate.id)],
        "messages": [{"kind": m.kind, "text": m.text, "created_at": _iso(m.created_at),
                      "read": m.read_at is not None}
                     for m in notifications.inbox(session, user, limit=None)],
        **_hiring(session, user),
        "subsidy_claims": _subsidy_claims(session, user, candidate),
    }


def _hiring(session: Session, user: User) -> dict[str, list[dict[str, Any]]]:
    """Invitations, interviews and offers as the person's 邀请、面试与录用 page shows them: the
    interview's 备注 is written to the person; who at the employer sent what is not theirs."""
    return {
        "invitations": [
            {"post": i.post.title, "employer": i.post.employer.name, "message": i.message,
             "status": i.status, "sent_on": _iso(i.sent_on), "answered_at": _iso(i.answered_at)}
            for i in invitations.my_invitations(session, user)],
        "interviews": [
            {"post": i.application.post.title, "employer": i.application.post.employer.name,
             "starts_at": _iso(i.starts_at), "place": i.place, "contact": i.contact,
             "contact_phone": i.contact_phone, "notes": i.notes, "status": i.status,
             "seeker_note": i.seeker_note}
            for i in interviews.my_interviews(session, user)],
        "offers": [
            {"post": o.application.post.title, "employer": o.application.post.employer.name,
             "start_date": _iso(o.start_date), "monthly_pay": o.monthly_pay,
             "term_months": o.term_months, "status": o.status, "made_on": _iso(o.made_on),
             "expires_on": _iso(o.expires_on), "answered_at": _iso(o.answered_at)}
            for o in offers.my_offers(session, user)],
    }


def _subsidy_claims(session: Session, user: User, candidate: Candidate) -> list[dict[str, Any]]:
    """The claims of the person's placements as the claims API shows them to the person; the
    note and the file name only of the claims the person made (an employer's note is its own)."""
    claims = session.scalars(
        select(SubsidyClaim).join(Placement, Placement.id == SubsidyClaim.placement_id)
        .where(Placement.candidate_id == candidate.id).order_by(SubsidyClaim.id))
    rows = []
    for c in claims:
        row = {"rule": c.rule, "subsidy": RULE_LABELS[c.rule], "status": c.status,
               "amount_fen": c.amount_fen, "explanation": c.explanation,
               "claimed_on": _iso(c.claimed_on), "decided_on": _iso(c.decided_on), "reason": c.reason,
               "paid_on": _iso(c.paid_on), "voucher": c.voucher, "claimed_by_me": c.claimed_by_id == user.id}
        if row["claimed_by_me"]:
            row |= {"note": c.note, "attachment": c.attachment.filename if c.attachment else None}
        rows.append(row)
    return rows


def erase_seeker(session: Session, user: User, password: str) -> Candidate:
    """注销: the seeker's identifying data erased and the login disabled, in one transaction."""
    require_password(user, password)
    candidate = applications.candidate_of(session, user)
    if session.scalar(select(Placement.id).where(Placement.candidate_id == candidate.id,
                                                 Placement.ended_on.is_(None))):
        raise Conflict("您有尚在岗的安置记录（补贴和跟踪服务仍在进行），请先联系区人社局结束后再注销",
                       code="active_placement")
    for application in _rows(session, Application, candidate.id):
        if application.status in applications.OPEN_STATUSES:
            applications.withdraw(session, user, application.id)
    candidate.name, candidate.id_number, candidate.phone = ERASED_NAME, "", ""
    candidate.school = candidate.skills = candidate.experience = candidate.desired = ""
    candidate.birth_date = date(candidate.birth_date.year, 1, 1)
    candidate.open_to_offers = False
    for registration in _rows(session, UnemploymentRegistration, candidate.id):
        registration.previous_employer = ""
    for followup in _rows(session, FollowUp, candidate.id):
        followup.note = ""
    for model in (SavedSearch, HiddenPost):
        session.execute(delete(model).where(model.candidate_id == candidate.id))
    attachments.discard_certificates(session, user, candidate)
    # The phone is the login name and unique: a placeholder that is no mobile number frees the
    # real one for a new registration and can never be typed at the login.
    notifications.erase(session, user)
    user.name, user.phone, user.active = ERASED_NAME, f"x{user.id:010d}", False
    end_sessions(user)
    audit.record(session, user.id, "erase_personal_data", "candidate", candidate.id)
    session.flush()
    return candidate


def _rows(session: Session, model, candidate_id: int, *options) -> list:
    """The candidate's rows of one table, oldest first."""
    return list(session.scalars(select(model).where(model.candidate_id == candidate_id)
                                .options(*options).order_by(model.id)))


def _iso(value):
    return value.isoformat() if isinstance(value, date | datetime) else value
