"""Subsidy claims over the API: the ledger's lines with their state, a claim by its claimant,
the bureau's decisions and payments. Each change is audited in its own transaction."""

from typing import Literal

from flask import g, jsonify
from pydantic import Field

from policy.subsidies import RULES
from policy.subsidy_claims import STATE_LABELS
from services import subsidy_claims
from web.api import bp
from web.api.contract import documented
from web.api.schemas import Body, IsoDate, Query, RowId
from web.clock import today
from web.database import retrying, session
from web.inputs import VisibleText
from web.subsidy_serializers import SubsidyClaimJson, SubsidyLineJson, claim_json, line_json


class SubsidyClaimBody(Body):
    placement_id: RowId = Field(description="安置记录")
    rule: Literal[RULES] = Field(description="补贴项目：graduate_absorption、long_term_unemployed_hire、"
                                             "trainee_post（就业见习补贴）由用人单位申领；"
                                             "public_welfare_post 由本人申领")
    note: VisibleText = Field(min_length=1, max_length=500, description="申领说明（证明材料请在网页上传）")


class RejectBody(Body):
    reason: VisibleText = Field(min_length=1, max_length=500, description="驳回理由（申领人可见）")


class PaymentBody(Body):
    paid_on: IsoDate = Field(description="发放日期")
    voucher: VisibleText = Field(min_length=1, max_length=64, description="凭证号")


class SubsidyLineQuery(Query):
    state: Literal[tuple(STATE_LABELS)] | None = Field(
        default=None, description="申领状态：unclaimed 未申领、claimed 已申领、approved 已批准、"
                                  "rejected 已驳回、paid 已发放")
    rule: Literal[RULES] | None = Field(default=None, description="补贴项目")
    program: RowId | None = Field(default=None, description="岗位计划")


CLAIM_ERRORS = {404: ("subsidy_claim_not_found",), 409: ("claim_state",)}


@bp.get("/subsidy-lines")
@documented("补贴明细及申领状态（人社局：全部；用人单位：本单位；求职者：本人）",
            roles=("seeker", "employer", "bureau"), query=SubsidyLineQuery,
            responses={200: list[SubsidyLineJson]})
def subsidy_lines(query: SubsidyLineQuery):
    lines = subsidy_claims.lines_for(session(), g.user, today(), state=query.state, rule=query.rule,
                                     program_id=query.program)
    return jsonify([line_json(line) for line in lines])


@bp.post("/subsidy-claims")
@documented("申领一条补贴（金额按当日台账固定；吸纳就业补贴、见习补贴由用人单位，公益性岗位补贴由本人申领）",
            roles=("seeker", "employer"), body=SubsidyClaimBody, responses={201: SubsidyClaimJson},
            errors={403: ("not_claimant",), 404: ("placement_not_found",),
                    409: ("nothing_to_claim", "already_claimed")})
def create_subsidy_claim(body: SubsidyClaimBody):
    user, day = g.user, today()
    claim = retrying(lambda s: subsidy_claims.claim_line(s, user, body.placement_id, body.rule,
                                                         body.note, None, day))
    return jsonify(claim_json(claim)), 201


@bp.get("/subsidy-claims/<int:claim_id>")
@documented("一条补贴申领（人社局或申领方）", roles=("seeker", "employer", "bureau"),
            responses={200: SubsidyClaimJson}, errors={404: ("subsidy_claim_not_found",)})
def get_subsidy_claim(claim_id: int):
    return jsonify(claim_json(subsidy_claims.get_claim(session(), g.user, claim_id)))


@bp.post("/subsidy-claims/<int:claim_id>/approve")
@documented("批准补贴申领（人社局，写入审计日志）", roles=("bureau",),
            responses={200: SubsidyClaimJson}, errors=CLAIM_ERRORS)
def approve_subsidy_claim(claim_id: int):
    user, day = g.user, today()
    return jsonify(claim_json(retrying(lambda s: subsidy_claims.decide(s, user, claim_id, True, day))))


@bp.post("/subsidy-claims/<int:claim_id>/reject")
@documented("驳回补贴申领并说明理由（人社局，写入审计日志；驳回后可重新申领）", roles=("bureau",),
            body=RejectBody, responses={200: SubsidyClaimJson},
            errors={**CLAIM_ERRORS, 422: ("reason_required",)})
def reject_subsidy_claim(claim_id: int, body: RejectBody):
    user, day = g.user, today()
    return jsonify(claim_json(retrying(
        lambda s: subsidy_claims.decide(s, user, claim_id, False, day, body.reason))))


@bp.post("/subsidy-claims/<int:claim_id>/pay")
@documented("记录补贴发放：日期（不晚于今天、不早于批准日期）与凭证号（人社局，仅已批准的申领，写入审计日志）",
            roles=("bureau",), body=PaymentBody, responses={200: SubsidyClaimJson},
            errors={**CLAIM_ERRORS, 422: ("voucher_required", "paid_on_future", "paid_before_approval")})
def pay_subsidy_claim(claim_id: int, body: PaymentBody):
    user, day = g.user, today()
    return jsonify(claim_json(retrying(
        lambda s: subsidy_claims.pay(s, user, claim_id, body.paid_on, body.voucher, day))))
