"""（十五） GET /api/v1/monitoring: the bureau's unemployment monitoring as JSON.

The same figures as the 失业登记监测 page (services.monitoring), for the bureau's own
statistics systems; the query and the answer are declared here, beside the one route."""

from typing import Literal

from flask import jsonify
from pydantic import Field
from typing_extensions import TypedDict

from policy.codes import TOWNSHIPS
from services import monitoring
from web.api import bp
from web.api.contract import documented
from web.api.schemas import Query
from web.clock import today
from web.database import session
from web.serializers import IsoDate


class MonitoringQuery(Query):
    month: str | None = Field(default=None, pattern=r"^\d{4}-(0[1-9]|1[0-2])$",
                              description="截至月份（YYYY-MM），默认本月；不晚于今天")
    months: int = Field(default=12, ge=1, le=36, description="显示几个月")
    township: Literal[TOWNSHIPS] | None = Field(
        default=None, description="人员类别只统计该乡镇（街道）；默认全区")


class CellJson(TypedDict):
    month: str  # YYYY-MM
    new: int
    exits_employed: int
    exits_cancelled: int
    registered: int  # at the month's end
    baseline: float  # mean new registrations of the rule's previous months
    surge: bool  # the rule flags this township month (never the district)


class TownshipJson(TypedDict):
    township: str
    months: list[CellJson]


class RuleJson(TypedDict):
    surge_percent: int
    surge_min_new: int
    baseline_months: int
    basis: str  # 本区经办规则
    text: str


class MonitoringJson(TypedDict):
    through: IsoDate
    months: list[str]
    rule: RuleJson
    district: list[CellJson]
    townships: list[TownshipJson]
    groups: dict[str, list[int]]  # group code -> registered at each month end


@bp.get("/monitoring")
@documented("失业登记监测（十五）：各乡镇（街道）每月新增、退出、月末登记失业人数，人员类别，规模性失业风险提示",
            roles=("bureau",), query=MonitoringQuery, responses={200: MonitoringJson})
def unemployment_monitoring(query: MonitoringQuery):
    through = monitoring.through_month(query.month, today())
    result = monitoring.monitor(session(), through, query.months, query.township)
    labels = [m.label for m in result.months]
    rule = result.rule
    return jsonify(MonitoringJson(
        through=through.isoformat(), months=labels,
        rule=RuleJson(surge_percent=rule.percent.value, surge_min_new=rule.min_new.value,
                      baseline_months=rule.baseline_months.value, basis=rule.percent.label,
                      text=rule.describe()),
        district=_cells(labels, result.district),
        townships=[TownshipJson(township=name, months=_cells(labels, cells))
                   for name, cells in result.townships.items()],
        groups=result.groups))


def _cells(labels: list[str], cells: list[monitoring.Cell]) -> list[CellJson]:
    return [CellJson(month=label, new=c.new, exits_employed=c.exits_employed,
                     exits_cancelled=c.exits_cancelled, registered=c.registered,
                     baseline=round(c.baseline, 2), surge=c.surge)
            for label, c in zip(labels, cells, strict=True)]
