"""Quota programs (public progress), employer verification and placements (the bureau's side)."""

from flask import g, jsonify

from services import applications, employers, programs
from web.api import bp
from web.api.contract import PLACEMENT_CONFLICTS, documented
from web.api.schemas import PlacementBody, ProgramBody, Verified
from web.database import retrying, session, transaction
from web.serializers import PlacementJson, ProgramJson, placement_json, program_json


@bp.get("/programs")
@documented("岗位计划及完成进度", responses={200: list[ProgramJson]})
def list_programs():
    return jsonify([program_json(p) for p in programs.program_progress(session())])


@bp.post("/programs")
@documented("新建岗位计划（人社局，写入审计日志）", roles=("bureau",), body=ProgramBody,
            responses={201: ProgramJson}, errors={422: ("invalid_program",)})
def create_program(body: ProgramBody):
    with transaction() as s:
        program = programs.create_program(s, g.user.id, _draft(body))
        progress = programs.progress_of(s, program.id)
    return jsonify(program_json(progress)), 201


@bp.put("/programs/<int:program_id>")
@documented("修改岗位计划（人社局，写入审计日志；类型不能修改）", roles=("bureau",), body=ProgramBody,
            responses={200: ProgramJson}, errors={
    404: ("program_not_found",),
    422: ("invalid_program", "target_below_offered", "target_below_placed"),
})
def update_program(program_id: int, body: ProgramBody):
    with transaction() as s:
        programs.update_program(s, g.user.id, program_id, _draft(body))
        progress = programs.progress_of(s, program_id)
    return jsonify(program_json(progress))


def _draft(body: ProgramBody) -> programs.ProgramDraft:
    return programs.ProgramDraft(
        kind=body.kind, name=body.name, target=body.target, target_rule=body.target_rule,
        start_date=body.start_date, end_date=body.end_date, term_months=body.term_months,
        monthly_subsidy_fen=body.monthly_subsidy_fen)


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
    422: ("invalid_stage", "trainee_term_invalid"),
})
def create_placement(body: PlacementBody):
    placement = retrying(lambda s: applications.place_or_hire(
        s, g.user, body.post_id, body.candidate_id, body.start_date, body.contract_months,
        body.term_months))
    return jsonify(placement_json(placement)), 201
