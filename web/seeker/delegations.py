"""代办授权: the consents the person gave township staff to act for them, what was done under
each, and withdrawing one (services.delegation, services.delegated_acts)."""

from flask import flash, g, redirect, render_template, url_for

from models.base import utcnow
from policy.errors import DomainError, NotFound
from services import delegated_acts, delegation
from web.database import retrying, session
from web.security import role_required
from web.seeker import bp


@bp.get("/delegations")
@role_required("seeker")
def delegations():
    return render_template("seeker/delegations.html",
                           given=delegated_acts.given(session(), g.user, utcnow()),
                           states=delegated_acts.STATE_LABELS, methods=delegation.METHOD_LABELS)


@bp.post("/delegations/<int:consent_id>/withdraw")
@role_required("seeker")
def withdraw_delegation(consent_id: int):
    """撤回 (CSRFProtect checks the POST's token): one transaction — the consent ended, audited
    by the person, the staff member told. Another person's consent id is 404, as one that does
    not exist."""
    user = g.user
    try:
        retrying(lambda s: delegation.withdraw_own(s, user, consent_id, utcnow()))
        flash("已撤回代办授权，该协理员不能再为您代办；已办理的事项不受影响", "success")
    except DomainError as error:
        if isinstance(error, NotFound):
            raise
        flash(error.message, "error")
    return redirect(url_for("seeker.delegations"))
