"""Township staff's own pages: the start page, their township's people and posts, and the
follow-up workload (the bureau reads every township's workload on the same page)."""

from io import BytesIO

from flask import flash, g, redirect, render_template, request, send_file, url_for

from services import accounts, township_scope, workload
from web.clock import today
from web.database import session
from web.formwork import attempt
from web.security import role_required
from web.township import bp
from web.township.forms import TownshipUserForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.get("/")
@role_required("township")
def home():
    return render_template("township/home.html")


@bp.get("/people")
@role_required("township")
def people():
    name = request.args.get("name", "")[:64]
    return render_template("township/people.html", name=name,
                           found=township_scope.find_people(session(), g.user, name))


@bp.get("/posts")
@role_required("township")
def posts():
    return render_template("township/posts.html", posts=township_scope.post_list(session(), g.user))


@bp.get("/workload")
@role_required("bureau", "township")
def workload_page():
    return render_template("township/workload.html", rows=workload.monthly(session(), g.user))


@bp.get("/workload.xlsx")
@role_required("bureau", "township")
def workload_xlsx():
    data = workload.workbook(workload.monthly(session(), g.user))
    return send_file(BytesIO(data), mimetype=XLSX, as_attachment=True,
                     download_name=f"跟踪服务工作量-{today().isoformat()}.xlsx")


@bp.route("/staff", methods=["GET", "POST"])
@role_required("bureau")
def staff():
    """The bureau makes township staff accounts (audited); each sees one township only."""
    form = TownshipUserForm()
    if form.validate_on_submit() and attempt(form, lambda s: accounts.create_township_user(
            s, g.user, form.phone.data, form.password.data, form.name.data, form.township.data)):
        flash(f"已创建{form.township.data}协理员账号：{form.name.data}", "success")
        return redirect(url_for("township.staff"))
    return render_template("township/staff.html", form=form,
                           users=accounts.township_users(session()))
