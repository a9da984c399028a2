"""Quota programs (public progress), employer verification and placements (the bureau's side)."""

from flask import g, jsonify

from services import applications, employers, programs
from web.api import bp
from web.api.contract import PLACEMENT_CONFLICTS, documented
from web.api.schemas import PlacementBody, Verified
from web.database import retrying, session, transaction
from web.serializers import PlacementJson, ProgramJson, placement_json, program_json


@bp.get("/programs")
@documented("岗位计划及完成进度", responses={200: list[ProgramJson]})
def list_programs():
    return jsonify([program_json(p) for p in programs.program_progress(session())])


@bp.post("/employers/<int:employer_id>/verify")
@documented("审核通过用人单位", roles=("bureau",), responses={200: Verified},
            errors={404: ("employer_not_found",)})
def verify_employer(employer_id: int):
    with transaction() as s:
        employer = employers.verify_employer(s, employer_id, g.user.id)
    return jsonify(Verified(id=employer.id, verified=employer.verified))


@bp.post("/placements")
@documented("登记安置（人社局：符合条件的任何人；用人单位：仅录用本岗位已发录用通知的申请人）",
            roles=("employer", "bureau"), body=PlacementBody,
            responses={201: PlacementJson}, errors={
    403: ("employer_not_verified",),
    404: ("post_not_found", "candidate_not_found", "application_not_found"),
    409: ("application_closed", *PLACEMENT_CONFLICTS),
    422: ("invalid_stage",),
})
def create_placement(body: PlacementBody):
    placement = retrying(lambda s: applications.place_or_hire(
        s, g.user, body.post_id, body.candidate_id, body.start_date, body.contract_months))
    return jsonify(placement_json(placement)), 201
