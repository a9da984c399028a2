"""Quota programs (public progress) and employer verification (the bureau's side)."""

from flask import g, jsonify

from services import employers, programs
from web.api import bp
from web.database import session, transaction
from web.security import role_required
from web.serializers import program_json


@bp.get("/programs")
def list_programs():
    return jsonify([program_json(p) for p in programs.program_progress(session())])


@bp.post("/employers/<int:employer_id>/verify")
@role_required("bureau")
def verify_employer(employer_id: int):
    with transaction() as s:
        employer = employers.verify_employer(s, employer_id, g.user.id)
    return jsonify({"id": employer.id, "verified": employer.verified})
