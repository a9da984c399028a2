"""Subsidy claims on the person's own ledger lines, and their evidence files."""

from flask import g

from web import attachments, subsidy_pages
from web.security import role_required
from web.seeker import bp


@bp.get("/subsidies")
@role_required("seeker")
def subsidies():
    return subsidy_pages.own_lines("seeker")


@bp.post("/subsidies/<int:placement_id>/<rule>/claim")
@role_required("seeker")
def claim_subsidy(placement_id: int, rule: str):
    return subsidy_pages.claim("seeker", placement_id, rule)


@bp.get("/attachments/<int:attachment_id>")
@role_required("seeker")
def attachment(attachment_id: int):
    return attachments.send(g.user, attachment_id)
