"""Subsidy claims (补贴申领): the ledger's lines claimed by whom they are paid to, decided and
paid by the bureau. Each state change is audited in the transaction that makes it.

The ledger (services.subsidies) computes amounts; this module never recomputes them
differently: a claim takes the ledger's line as of the claim date and keeps a snapshot of its
amount and explanation, so a later parameter change alters no claim already made.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from models import Attachment, Placement, Post, SubsidyClaim, User
from models.base import utcnow
from policy import subsidy_claims as rules
from policy.errors import Conflict, Forbidden, Invalid, NotFound
from services import audit
from services.subsidies import LedgerEntry, subsidy_ledger

VOUCHER_MAX = 64
# Above this many placements the whole (small) claims table is read rather than a long IN list.
IN_LIST_MAX = 1000
Line = tuple[int, str]  # a ledger line: (placement id, rule)


@dataclass(frozen=True)
class ClaimLine:
    """A ledger line with its claims, oldest first."""

    entry: LedgerEntry
    claims: tuple[SubsidyClaim, ...] = ()

    @property
    def claim(self) -> SubsidyClaim | None:
        """The newest claim (None: never claimed)."""
        return self.claims[-1] if self.claims else None

    @property
    def state(self) -> str:
        return self.claim.status if self.claim else rules.UNCLAIMED

    @property
    def claimant(self) -> str:
        return rules.CLAIMANT_BY_RULE[self.entry.amount.rule]

    @property
    def paid_fen(self) -> int:
        return sum(c.amount_fen for c in self.claims if c.status == "paid")

    @property
    def unclaimed_fen(self) -> int:
        """What a claim made now would ask for: the ledger's amount less what was paid."""
        return self.entry.amount.fen - self.paid_fen

    @property
    def open_to_claim(self) -> bool:
        return self.state not in rules.OPEN_STATES and self.unclaimed_fen > 0


def lines_for(session: Session, user: User, as_of: date, *, state: str | None = None,
              rule: str | None = None, program_id: int | None = None) -> list[ClaimLine]:
    """The lines `user` may see: the bureau all, an employer the lines it claims of its own
    posts, a person those of their own placements; filtered by state, rule and quota program.
    A rule with no claimant in policy.subsidy_claims is not a claim line."""
    employer_id = user.employer_id if user.role == "employer" else None
    if user.role == "employer" and employer_id is None:
        return []
    entries, _ = subsidy_ledger(session, as_of, program_id, employer_id)
    if user.role == "seeker":
        entries = [e for e in entries if e.placement.candidate.user_id == user.id]
    elif user.role not in ("employer", "bureau"):
        return []
    # Only the rules someone claims online; an employer only its own: a person's claim, and
    # the bureau's reason for refusing it, may name their group.
    entries = [e for e in entries if rules.CLAIMANT_BY_RULE.get(e.amount.rule) in (
        ("employer",) if user.role == "employer" else ("employer", "seeker"))]
    by_line = _claims_by_line(session, {e.placement.id for e in entries})
    lines = [ClaimLine(e, by_line.get((e.placement.id, e.amount.rule), ())) for e in entries]
    return [line for line in lines
            if (state is None or line.state == state) and (rule is None or line.entry.amount.rule == rule)]


def states(session: Session, entries: list[LedgerEntry]) -> dict[Line, str]:
    """Each ledger line's claim state (a line never claimed is absent: 未申领)."""
    by_line = _claims_by_line(session, {e.placement.id for e in entries})
    return {line: claims[-1].status for line, claims in by_line.items()}


def claim_line(session: Session, user: User, placement_id: int, rule: str, note: str,
               attachment: Attachment | None, as_of: date) -> SubsidyClaim:
    """Claim one ledger line for its claimant, with the amount the ledger gives today."""
    placement = _visible_placement(session, user, placement_id)
    if rules.CLAIMANT_BY_RULE.get(rule) != user.role:
        raise Forbidden("该补贴项目不由您申领", code="not_claimant")
    entries, _ = subsidy_ledger(session, as_of, employer_id=placement.post.employer_id)
    entry = next((e for e in entries if e.placement.id == placement_id and e.amount.rule == rule), None)
    if entry is None:
        raise Conflict("该安置在此补贴项目下没有可申领的金额", code="nothing_to_claim")
    line = ClaimLine(entry, _claims_by_line(session, {placement_id}).get((placement_id, rule), ()))
    if line.state in rules.OPEN_STATES:
        raise Conflict("该补贴已申领，不能重复申领", code="already_claimed")
    if line.unclaimed_fen <= 0:
        raise Conflict("该补贴已全部发放，没有可申领的金额", code="nothing_to_claim")
    explanation = entry.amount.explanation_zh
    if line.paid_fen:
        explanation += f"；已发放{line.paid_fen / 100:.2f}元，本次申领其余{line.unclaimed_fen / 100:.2f}元"
    claim = SubsidyClaim(placement_id=placement_id, rule=rule, status="claimed",
                         amount_fen=line.unclaimed_fen, explanation=explanation,
                         note=note.strip(), attachment_id=attachment.id if attachment else None,
                         claimed_by_id=user.id, claimed_on=as_of)
    try:
        with session.begin_nested():
            session.add(claim)
            session.flush()
    except IntegrityError:
        # Another claim of the same line committed first: the partial unique index decided.
        raise Conflict("该补贴已申领，不能重复申领", code="already_claimed") from None
    audit.record(session, user.id, "claim_subsidy", "subsidy_claim", claim.id,
                 placement_id=placement_id, rule=rule, amount_fen=claim.amount_fen,
                 after={"status": "claimed"})
    session.flush()
    return claim


def decide(session: Session, actor: User, claim_id: int, approve: bool, today: date,
           reason: str = "") -> SubsidyClaim:
    """The bureau approves a claim, or rejects it with the reason the claimant reads, on the
    app's `today`."""
    claim = _locked(session, claim_id)
    before = claim.status
    claim.status = rules.next_state(before, "approve" if approve else "reject")
    if not approve:
        claim.reason = rules.reason_required(reason)
    claim.decided_by_id, claim.decided_at, claim.decided_on = actor.id, utcnow(), today
    audit.record(session, actor.id, "approve_subsidy" if approve else "reject_subsidy",
                 "subsidy_claim", claim.id, reason=claim.reason,
                 before={"status": before}, after={"status": claim.status})
    session.flush()
    return claim


def pay(session: Session, actor: User, claim_id: int, paid_on: date, voucher: str,
        today: date) -> SubsidyClaim:
    """Record the payment of an approved claim: the date (by `today` on the app's clock, not
    before the approval) and the finance voucher's number."""
    claim = _locked(session, claim_id)
    number = voucher.strip()
    if not number or len(number) > VOUCHER_MAX:
        raise Invalid("请填写凭证号（不超过64个字符）", code="voucher_required",
                      fields={"voucher": "请填写凭证号"})
    before = claim.status
    claim.status = rules.next_state(before, "pay")
    rules.payment_date(paid_on, claim.decided_on, today)
    claim.paid_on, claim.voucher, claim.paid_by_id = paid_on, number, actor.id
    audit.record(session, actor.id, "pay_subsidy", "subsidy_claim", claim.id,
                 paid_on=paid_on.isoformat(), voucher=number,
                 before={"status": before}, after={"status": claim.status})
    session.flush()
    return claim


def get_claim(session: Session, user: User, claim_id: int) -> SubsidyClaim:
    """One claim, for the bureau or the party it belongs to (others, the employer of a
    person's own claim included: not found)."""
    claim = session.get(SubsidyClaim, claim_id)
    if claim is None:
        raise NotFound("补贴申领不存在", code="subsidy_claim_not_found")
    _visible_placement(session, user, claim.placement_id, code="subsidy_claim_not_found")
    if user.role == "employer" and rules.CLAIMANT_BY_RULE.get(claim.rule) != "employer":
        # The person's own claim on the employer's post (and the bureau's reason) is theirs.
        raise NotFound("补贴申领不存在", code="subsidy_claim_not_found")
    return claim


def _visible_placement(session: Session, user: User, placement_id: int,
                       code: str = "placement_not_found") -> Placement:
    placement = session.scalar(
        select(Placement).where(Placement.id == placement_id)
        .options(joinedload(Placement.post).joinedload(Post.employer), joinedload(Placement.candidate)))
    visible = placement is not None and (
        user.role == "bureau"
        or (user.role == "employer" and user.employer_id is not None
            and placement.post.employer_id == user.employer_id)
        or (user.role == "seeker" and placement.candidate.user_id == user.id))
    if not visible:
        raise NotFound("记录不存在", code=code)
    return placement


def _claims_by_line(session: Session, placement_ids: set[int]) -> dict[Line, tuple[SubsidyClaim, ...]]:
    """Each line's claims, oldest first."""
    if not placement_ids:
        return {}
    query = select(SubsidyClaim).options(joinedload(SubsidyClaim.attachment)).order_by(SubsidyClaim.id)
    if len(placement_ids) <= IN_LIST_MAX:
        query = query.where(SubsidyClaim.placement_id.in_(placement_ids))
    by_line: dict[Line, tuple[SubsidyClaim, ...]] = {}
    for claim in session.scalars(query):
        line = (claim.placement_id, claim.rule)
        by_line[line] = (*by_line.get(line, ()), claim)
    return by_line


def _locked(session: Session, claim_id: int) -> SubsidyClaim:
    claim = session.scalar(select(SubsidyClaim).where(SubsidyClaim.id == claim_id).with_for_update())
    if claim is None:
        raise NotFound("补贴申领不存在", code="subsidy_claim_not_found")
    return claim
