"""The bureau's side of subsidy claims: every ledger line with its state, filtered by state,
subsidy and quota program; approve, reject with a reason, record the payment."""

from flask import g, redirect, render_template, request, url_for

from policy.subsidies import RULE_LABELS, RULES
from policy.subsidy_claims import STATE_LABELS
from services import programs, subsidy_claims
from web import attachments
from web.bureau import bp
from web.clock import today
from web.database import session
from web.formwork import submit
from web.inputs import row_id
from web.security import role_required
from web.subsidy_forms import PayForm, RejectForm

LINES_SHOWN = 500


@bp.get("/subsidy-claims")
@role_required("bureau")
def subsidy_claims_page():
    state = request.args.get("state") if request.args.get("state") in STATE_LABELS else None
    rule = request.args.get("rule") if request.args.get("rule") in RULES else None
    program_id = request.args.get("program", type=row_id)
    lines = subsidy_claims.lines_for(session(), g.user, today(), state=state, rule=rule,
                                     program_id=program_id)
    shown = lines[:LINES_SHOWN]
    claims = [line.claim for line in shown if line.claim]
    return render_template(
        "bureau/subsidy_claims.html", lines=shown, total=len(lines), state=state, rule=rule,
        program_id=program_id,
        program_options=[(p.id, p.name) for p in programs.programs_by_id(session())],
        reject_forms={c.id: RejectForm(prefix=f"reject-{c.id}", formdata=None) for c in claims},
        pay_forms={c.id: PayForm(prefix=f"pay-{c.id}", formdata=None, paid_on=today()) for c in claims},
        RULE_LABELS=RULE_LABELS, STATE_LABELS=STATE_LABELS)


@bp.post("/subsidy-claims/<int:claim_id>/approve")
@role_required("bureau")
def approve_subsidy_claim(claim_id: int):
    submit(None, lambda s: subsidy_claims.decide(s, g.user, claim_id, True, today()),
           lambda c: f"已批准：{RULE_LABELS[c.rule]}")
    return redirect(_back())


@bp.post("/subsidy-claims/<int:claim_id>/reject")
@role_required("bureau")
def reject_subsidy_claim(claim_id: int):
    form = RejectForm(prefix=f"reject-{claim_id}")
    submit(form, lambda s: subsidy_claims.decide(s, g.user, claim_id, False, today(), form.reason.data),
           lambda c: f"已驳回：{RULE_LABELS[c.rule]}")
    return redirect(_back())


@bp.post("/subsidy-claims/<int:claim_id>/pay")
@role_required("bureau")
def pay_subsidy_claim(claim_id: int):
    form = PayForm(prefix=f"pay-{claim_id}")
    submit(form, lambda s: subsidy_claims.pay(s, g.user, claim_id, form.paid_on.data, form.voucher.data,
                                              today()),
           lambda c: f"已记录发放：凭证号 {c.voucher}")
    return redirect(_back())


@bp.get("/attachments/<int:attachment_id>")
@role_required("bureau")
def attachment(attachment_id: int):
    return attachments.send(g.user, attachment_id)


def _back() -> str:
    target = request.form.get("back", "")
    return target if target.startswith("/bureau/") else url_for("bureau.subsidy_claims_page")
