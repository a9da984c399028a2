"""Claiming the subsidies of the ledger (补贴申领): who claims which rule, the states of a
claim, and which files may serve as evidence.

A ledger line is one placement's amount under one rule. Its claimant is the party the money is
paid to: the employer for the one-off hiring subsidies (（七）, （十） "给予用人单位") and for the
就业见习补贴 (the national 2020 就业见习 notice pays it to the host unit, 见习单位), the person
for the temporary public-welfare post subsidy of （六） (a post subsidy paid to the person who
holds the post). A claim moves 已申领 → 已批准 → 已发放, or 已申领 → 已驳回; a rejected
claim stays on record and the line may be claimed again. A line is claimed for what the ledger
gives less what was already paid on it: a public-welfare post and a traineeship earn month by
month, so their lines may be claimed, paid and claimed again for the months served since.
"""

from __future__ import annotations

from datetime import date

from policy.errors import Conflict, Invalid

CLAIMANT_BY_RULE: dict[str, str] = {
    "graduate_absorption": "employer",
    "long_term_unemployed_hire": "employer",
    "public_welfare_post": "seeker",
    "trainee_post": "employer",
}

UNCLAIMED = "unclaimed"
STATES: tuple[str, ...] = ("claimed", "approved", "rejected", "paid")
STATE_LABELS: dict[str, str] = {
    UNCLAIMED: "未申领", "claimed": "已申领", "approved": "已批准", "rejected": "已驳回", "paid": "已发放",
}
OPEN_STATES: tuple[str, ...] = ("claimed", "approved")
# The state each decision moves a claim to, from the only state it may start in.
TRANSITIONS: dict[str, tuple[str, str]] = {
    "approve": ("claimed", "approved"),
    "reject": ("claimed", "rejected"),
    "pay": ("approved", "paid"),
}

MAX_ATTACHMENT_BYTES = 2_000_000
"""2 MB: a phone photo or a scanned certificate; below the request limit (2 MiB) with the form."""

# Magic bytes of the accepted formats: the content decides, never the name or the browser's type.
SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)


def next_state(current: str, action: str) -> str:
    """The claim's state after `action`, or a Conflict naming the state it is in."""
    start, end = TRANSITIONS[action]
    if current != start:
        raise Conflict(f"该申领当前为“{STATE_LABELS[current]}”，不能执行此操作", code="claim_state")
    return end


def sniff(data: bytes) -> tuple[str, str]:
    """The content type and extension of an attachment read from its first bytes; a file
    that is empty, too large or of another format is refused."""
    if not data:
        raise Invalid("附件为空", code="attachment_empty", fields={"attachment": "附件为空"})
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise Invalid("附件不能超过 2 MB", code="attachment_too_large",
                      fields={"attachment": "附件不能超过 2 MB"})
    for magic, content_type, extension in SIGNATURES:
        if data.startswith(magic):
            return content_type, extension
    raise Invalid("附件只能是 PDF、JPEG 或 PNG 文件", code="attachment_type",
                  fields={"attachment": "只能上传 PDF、JPEG 或 PNG 文件"})


def payment_date(paid_on: date, approved_on: date | None, today: date) -> date:
    """A payment is recorded after it was made: never later than today (the app's clock),
    never before the day the claim was approved (finance pays approved claims only)."""
    if paid_on > today:
        raise Invalid("发放日期不能晚于今天", code="paid_on_future",
                      fields={"paid_on": "发放日期不能晚于今天"})
    if approved_on is not None and paid_on < approved_on:
        raise Invalid(f"发放日期不能早于批准日期（{approved_on.isoformat()}）", code="paid_before_approval",
                      fields={"paid_on": "发放日期早于批准日期"})
    return paid_on


REASON_MAX = 500


def reason_required(reason: str) -> str:
    """A refusal always says why, briefly: the claimant reads it."""
    text = reason.strip()
    if not text:
        raise Invalid("驳回必须填写理由", code="reason_required", fields={"reason": "请填写驳回理由"})
    if len(text) > REASON_MAX:
        raise Invalid("驳回理由不超过500字", code="reason_required", fields={"reason": "理由过长"})
    return text
