from urllib.parse import urlsplit

from flask import flash, g, redirect, render_template, request, url_for

from policy.errors import DomainError
from services import accounts, audit
from web.auth import bp
from web.auth.forms import (
    ChangePasswordForm,
    ChangePhoneForm,
    EmployerRegisterForm,
    LoginForm,
    SeekerRegisterForm,
)
from web.database import session, transaction
from web.formwork import attempt
from web.limits import login_limited, note_failed_login, note_login_succeeded
from web.probes import note_refused_registration, taken_answers_limited
from web.security import login_user, logout_session, role_required

HOME_BY_ROLE = {"seeker": "seeker.home", "employer": "employer.home", "bureau": "bureau.home",
                "township": "township.home"}


def home_for(user) -> str:
    return url_for(HOME_BY_ROLE[user.role])


def _safe_next(default: str) -> str:
    """Only same-site paths: an open redirect would let a phishing link borrow our login."""
    target = request.args.get("next", "")
    parts = urlsplit(target)
    if target.startswith("/") and not target.startswith("//") and not parts.netloc:
        return target
    return default


@bp.route("/login", methods=["GET", "POST"])
@login_limited(lambda: request.form.get("phone"))
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(session(), form.phone.data, form.password.data)
        if user is None:
            note_failed_login()
            flash("手机号或密码不正确", "error")
        else:
            with transaction() as s:
                audit.record(s, user.id, "login", "user", user.id)
            login_user(user)
            note_login_succeeded()
            flash(f"{user.name}，欢迎回来", "success")
            return redirect(_safe_next(home_for(user)))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@role_required()
def logout():
    with transaction():
        accounts.end_sessions(g.user)
    logout_session()
    flash("您已安全退出", "success")
    return redirect(url_for("public.home"))


@bp.route("/register", methods=["GET"])
def register():
    return render_template("auth/register_choice.html", next=_safe_next(""))


@bp.route("/register/seeker", methods=["GET", "POST"])
@taken_answers_limited
def register_seeker():
    form = SeekerRegisterForm()
    if form.validate_on_submit():
        signup = accounts.SeekerSignup(
            phone=form.phone.data, password=form.password.data, name=form.name.data,
            id_number=form.id_number.data, education=form.education.data,
        )
        user = _register(form, lambda s: accounts.register_seeker(s, signup))
        if user:
            login_user(user)
            flash("注册成功，请完善求职资料", "success")
            return redirect(_safe_next(home_for(user)))
    return render_template("auth/register_seeker.html", form=form)


@bp.route("/register/employer", methods=["GET", "POST"])
@taken_answers_limited
def register_employer():
    form = EmployerRegisterForm()
    if form.validate_on_submit():
        signup = accounts.EmployerSignup(
            phone=form.phone.data, password=form.password.data, name=form.name.data,
            employer_name=form.employer_name.data, credit_code=form.credit_code.data,
            ownership=form.ownership.data, size=form.size.data,
            staff_count=form.staff_count.data, industry=form.industry.data,
            township=form.township.data,
            legal_representative=form.legal_representative.data or "", address=form.address.data or "",
        )
        user = _register(form, lambda s: accounts.register_employer(s, signup))
        if user:
            login_user(user)
            flash("注册成功。人社局审核通过后，您发布的岗位将对外公开", "success")
            return redirect(_safe_next(home_for(user)))
    return render_template("auth/register_employer.html", form=form)


def _register(form, create):
    """Run a registration in one transaction; a rule broken shows on its form field."""
    created = []
    done = attempt(form, lambda s: created.append(create(s)), on_error=note_refused_registration)
    return created[0] if done else None


@bp.route("/account", methods=["GET"])
@role_required()
def account():
    return _account_page()


@bp.route("/account/password", methods=["POST"])
@role_required()
@login_limited(lambda: g.user.phone)
def change_password():
    form = ChangePasswordForm(prefix="pw")
    if form.validate_on_submit() and _change_account(form, lambda s: accounts.change_password(
            s, g.user, form.current_password.data, form.password.data)):
        flash("密码已修改，其他设备上的登录已全部退出", "success")
        return redirect(url_for("auth.account"))
    return _account_page(password_form=form)


@bp.route("/account/phone", methods=["POST"])
@role_required()
@login_limited(lambda: g.user.phone)
def change_phone():
    form = ChangePhoneForm(prefix="ph")
    if form.validate_on_submit() and _change_account(form, lambda s: accounts.change_phone(
            s, g.user, form.current_password.data, form.phone.data)):
        flash("登录手机号已修改，其他设备上的登录已全部退出", "success")
        return redirect(url_for("auth.account"))
    return _account_page(phone_form=form)


def _account_page(password_form=None, phone_form=None):
    return render_template(
        "auth/account.html",
        password_form=password_form or ChangePasswordForm(prefix="pw"),
        phone_form=phone_form or ChangePhoneForm(prefix="ph"),
    )


def _change_account(form, change) -> bool:
    """Run a change that ends every session, then keep this one: the person just proved
    the password here. A wrong current password counts as a failed login."""

    def wrong_password(error: DomainError) -> None:
        if error.code == "wrong_password":
            note_failed_login()

    if not attempt(form, change, on_error=wrong_password):
        return False
    login_user(g.user)
    return True
