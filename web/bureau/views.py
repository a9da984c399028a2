from datetime import date
from io import BytesIO

from flask import render_template, send_file

from policy import graduate_posts
from services import dashboard, employers, programs, reports, retention
from web import charts
from web.bureau import bp
from web.clock import today
from web.database import session
from web.security import role_required

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.get("/")
@role_required("bureau")
def home():
    return render_template(
        "bureau/home.html",
        programs=programs.program_progress(session()),
        queue=employers.unverified_employers(session()),
        decided=employers.decided_employers(session()),
    )


@bp.get("/dashboard")
@role_required("bureau")
def dashboard_page():
    s = session()
    trends = [(program, trend, charts.trend_chart(trend, f"{program.name}累计安置"))
              for program, trend in dashboard.program_trends(s, today())]
    views = [(b, charts.bar_chart(b)) for b in dashboard.breakdowns(s)]
    year = today().year
    soe = dashboard.soe_graduate_shares(s, date(year, 1, 1), date(year, 12, 31))
    return render_template("bureau/dashboard.html", programs=programs.program_progress(s),
                           trends=trends, views=views, soe=soe, year=year,
                           soe_bar=dashboard.SOE_GRADUATE_SHARE, soe_rule=graduate_posts.citation(),
                           retention=retention.trainee_retention(s))


@bp.get("/report.xlsx")
@role_required("bureau")
def report_download():
    data = reports.report_bytes(session(), today())
    return send_file(BytesIO(data), mimetype=XLSX, as_attachment=True,
                     download_name=f"jobbridge-report-{today().isoformat()}.xlsx")
