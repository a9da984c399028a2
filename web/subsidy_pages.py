"""The claimant's subsidy page, the same for an employer (its posts' lines) and a person (their
own): each line with its state, a claim form for the lines this account claims, the bureau's
reason on a rejected claim."""

from flask import flash, g, redirect, render_template, url_for

from policy.subsidies import RULE_LABELS
from policy.subsidy_claims import STATE_LABELS
from services import subsidy_claims
from web import attachments
from web.clock import today
from web.database import session
from web.formwork import attempt
from web.subsidy_forms import ClaimForm


def own_lines(blueprint: str):
    lines = subsidy_claims.lines_for(session(), g.user, today())
    forms = {(line.entry.placement.id, line.entry.amount.rule): ClaimForm(
                 prefix=f"claim-{line.entry.placement.id}-{line.entry.amount.rule}", formdata=None)
             for line in lines if _claimable(line)}
    return render_template("subsidy_lines.html", lines=lines, forms=forms, blueprint=blueprint,
                           RULE_LABELS=RULE_LABELS, STATE_LABELS=STATE_LABELS)


def claim(blueprint: str, placement_id: int, rule: str):
    form = ClaimForm(prefix=f"claim-{placement_id}-{rule}")
    user, day = g.user, today()
    if not form.validate_on_submit():
        flash("；".join(e for errors in form.errors.values() for e in errors), "error")
    elif attempt(form, lambda s: subsidy_claims.claim_line(
            s, user, placement_id, rule, form.note.data,
            attachments.upload(s, user, form.attachment.data), day)):
        flash(f"已申领：{RULE_LABELS[rule]}", "success")
    return redirect(url_for(f"{blueprint}.subsidies"))


def _claimable(line: subsidy_claims.ClaimLine) -> bool:
    return line.claimant == g.user.role and line.open_to_claim
