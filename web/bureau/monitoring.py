"""（十五） the unemployment monitoring page: registered unemployed by township, group and month."""

from flask import render_template, request

from policy.codes import TOWNSHIPS
from services import monitoring
from web.bureau import bp
from web.charts_monitoring import flow_chart, stock_chart
from web.clock import today
from web.database import session
from web.security import role_required

MONTHS_SHOWN = 12


@bp.get("/monitoring")
@role_required("bureau")
def monitoring_page():
    now = today()
    through = monitoring.through_month(request.args.get("month"), now)
    township = request.args.get("township", "")
    township = township if township in TOWNSHIPS else ""
    result = monitoring.monitor(session(), through, MONTHS_SHOWN, township or None)
    months, district = result.months, result.district
    return render_template(
        "bureau/monitoring.html", result=result, township=township, townships=TOWNSHIPS,
        latest=months[-1], running=through.month == now.month and through.year == now.year,
        flows=flow_chart(months, district, "全区每月新增与退出失业登记"),
        stock=stock_chart(months, district, "全区月末登记失业人数"),
        month_value=f"{through.year}-{through.month:02d}")
