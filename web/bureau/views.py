from flask import flash, g, redirect, render_template, url_for

from services import employers, programs
from web.bureau import bp
from web.database import session, transaction
from web.security import role_required


@bp.get("/")
@role_required("bureau")
def home():
    return render_template(
        "bureau/home.html",
        programs=programs.program_progress(session()),
        queue=employers.unverified_employers(session()),
    )


@bp.post("/employers/<int:employer_id>/verify")
@role_required("bureau")
def verify_employer(employer_id: int):
    with transaction() as s:
        employer = employers.verify_employer(s, employer_id, g.user.id)
    flash(f"已通过审核：{employer.name}", "success")
    return redirect(url_for("bureau.home"))
