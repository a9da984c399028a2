"""Applications: a seeker applies (once) and withdraws; the employer moves the stages."""

from flask import g, jsonify

from services import applicant_profiles, applications
from web.api import bp
from web.api.contract import PLACEMENT_CONFLICTS, documented
from web.api.profile_json import PostApplicationJson, post_application_json
from web.api.schemas import StageBody
from web.clock import today
from web.database import retrying, session, transaction
from web.serializers import ApplicationJson, application_json


@bp.post("/posts/<int:post_id>/applications")
@documented("申请岗位（每个岗位只能申请一次）", roles=("seeker",),
            responses={201: ApplicationJson}, errors={
    404: ("candidate_not_found", "post_not_found"),
    409: ("already_applied", "post_closed", "post_full", "ineligible"),
})
def apply(post_id: int):
    application = retrying(lambda s: applications.apply(s, g.user, post_id, today()))
    return jsonify(application_json(application, applications.history(session(), application.id))), 201


@bp.get("/posts/<int:post_id>/applications")
@documented("本单位岗位的申请及申请人资料（学历、技能、经历、意向；不含困难/低保/脱贫类别）",
            roles=("employer",), responses={200: list[PostApplicationJson]},
            errors={404: ("post_not_found",)})
def post_applications(post_id: int):
    with transaction() as s:
        found = applicant_profiles.post_applicants(s, g.user, post_id)
    return jsonify([post_application_json(a, p) for a, p in found])


@bp.post("/applications/<int:application_id>/withdraw")
@documented("撤回自己的申请", roles=("seeker",), responses={200: ApplicationJson}, errors={
    404: ("candidate_not_found", "application_not_found"),
    409: ("not_withdrawable",),
})
def withdraw(application_id: int):
    with transaction() as s:
        application = applications.withdraw(s, g.user, application_id)
        events = applications.history(s, application.id)
    return jsonify(application_json(application, events))


@bp.post("/applications/<int:application_id>/stage")
@documented("推进申请阶段或标记未通过；录用时登记安置", roles=("employer", "bureau"),
            body=StageBody, responses={200: ApplicationJson}, errors={
    403: ("employer_not_verified",),
    404: ("application_not_found", "post_not_found", "candidate_not_found"),
    409: ("application_closed", *PLACEMENT_CONFLICTS),
    422: ("reason_required", "invalid_stage", "start_date_required"),
})
def move_stage(application_id: int, body: StageBody):
    application = retrying(lambda s: applications.advance(
        s, g.user, application_id, body.to, body.reason, body.start_date))
    return jsonify(application_json(application, applications.history(session(), application.id)))
