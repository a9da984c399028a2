"""忘记密码 pages: ask for a code by SMS, then set a new password with it (services.password_reset)."""

from flask import flash, redirect, render_template, request, url_for
from flask import session as cookie

from models.base import utcnow
from services import password_reset
from web.auth import bp
from web.auth.forms import ResetConfirmForm, ResetRequestForm
from web.database import transaction
from web.formwork import attempt
from web.reset_limits import code_requests_limited, guesses_limited


def _form_phone() -> str:
    return request.form.get("phone", "")


@bp.route("/password-reset", methods=["GET", "POST"])
@code_requests_limited(_form_phone)
def request_reset():
    form = ResetRequestForm()
    if form.validate_on_submit():
        with transaction() as s:
            password_reset.request_code(s, form.phone.data, utcnow())
        cookie["reset_phone"] = form.phone.data.strip()
        flash(password_reset.CODE_SENT, "success")
        return redirect(url_for("auth.confirm_reset"))
    return render_template("auth/password_reset.html", form=form)


@bp.route("/password-reset/confirm", methods=["GET", "POST"])
@guesses_limited(_form_phone)
def confirm_reset():
    form = ResetConfirmForm()
    if request.method == "GET":
        form.phone.data = cookie.get("reset_phone", "")
    if form.validate_on_submit():
        done = []
        if attempt(form, lambda s: done.append(password_reset.reset_password(
                s, form.phone.data, form.code.data, form.password.data, utcnow()))):
            if done[-1] is not None:
                cookie.pop("reset_phone", None)
                flash("密码已重置，其他设备上的登录已全部退出，请用新密码登录", "success")
                return redirect(url_for("auth.login"))
            form.code.errors.append(password_reset.WRONG_CODE)
    return render_template("auth/password_reset_confirm.html", form=form)
