"""Policy parameters the seed does not fix (bureau only): read them as in effect today, and set
one from a date (audited, services.policy_settings), as the 政策参数 page does."""

from typing import Literal

from flask import g, jsonify
from pydantic import Field

from policy.parameters import defaults
from services import policy_settings
from web.api import bp
from web.api.contract import documented
from web.api.schemas import Body, IsoDate
from web.clock import today
from web.database import session, transaction
from web.inputs import VisibleText
from web.serializers import ParameterJson, parameter_json

ParameterKey = Literal[tuple(f"{p.section}.{p.name}" for p in defaults())]  # type: ignore[valid-type]


class ParameterChangeBody(Body):
    parameter: ParameterKey = Field(description="参数（section.name），见 GET /api/v1/policy-parameters")
    value: int = Field(ge=0, le=10_000_000, description="数值：金额以分计，天数、月数、年龄为整数")
    effective_from: IsoDate = Field(description="自何日起执行（此前期间仍按原值计算）")
    confirmed: bool = Field(description="人社局已核实确认；false 则显示“待确认”")
    note: VisibleText = Field(default="", max_length=200, description="说明，如依据的文件")


@bp.get("/policy-parameters")
@documented("政策参数（现行值、来源、是否待确认）", roles=("bureau",), responses={200: list[ParameterJson]})
def list_parameters():
    return jsonify([parameter_json(row.current, row.editable)
                    for row in policy_settings.overview(session(), today())])


@bp.post("/policy-parameters")
@documented("修改政策参数（自指定日期起执行，写入审计日志）", roles=("bureau",), body=ParameterChangeBody,
            responses={201: ParameterJson},
            errors={422: ("invalid_parameter", "parameter_not_editable")})
def change_parameter(body: ParameterChangeBody):
    section, name = body.parameter.split(".", 1)
    with transaction() as s:
        policy_settings.change(s, g.user.id, section, name, body.value, body.effective_from,
                               body.confirmed, body.note)
        in_effect = policy_settings.current(s).at(section, name, body.effective_from)
    editable = (section, name) not in policy_settings.FILE_ONLY
    return jsonify(parameter_json(in_effect, editable)), 201
