"""Quota programs (public progress), employer verification and placements (the bureau's side)."""

from flask import g, jsonify

from services import employers, placements, programs
from web.api import bp
from web.api.schemas import PlacementBody, parse
from web.database import retrying, session, transaction
from web.security import role_required
from web.serializers import placement_json, program_json


@bp.get("/programs")
def list_programs():
    return jsonify([program_json(p) for p in programs.program_progress(session())])


@bp.post("/employers/<int:employer_id>/verify")
@role_required("bureau")
def verify_employer(employer_id: int):
    with transaction() as s:
        employer = employers.verify_employer(s, employer_id, g.user.id)
    return jsonify({"id": employer.id, "verified": employer.verified})


@bp.post("/placements")
@role_required("employer", "bureau")
def create_placement():
    body = parse(PlacementBody)
    placement = retrying(lambda s: placements.place_candidate(
        s, g.user, body.post_id, body.candidate_id, body.start_date, body.contract_months))
    return jsonify(placement_json(placement)), 201
