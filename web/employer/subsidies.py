"""Subsidy claims on the employer's (its posts' placements) ledger lines, and their evidence files."""

from flask import g

from web import attachments, subsidy_pages
from web.employer import bp
from web.security import role_required


@bp.get("/subsidies")
@role_required("employer")
def subsidies():
    return subsidy_pages.own_lines("employer")


@bp.post("/subsidies/<int:placement_id>/<rule>/claim")
@role_required("employer")
def claim_subsidy(placement_id: int, rule: str):
    return subsidy_pages.claim("employer", placement_id, rule)


@bp.get("/attachments/<int:attachment_id>")
@role_required("employer")
def attachment(attachment_id: int):
    return attachments.send(g.user, attachment_id)
