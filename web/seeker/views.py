from flask import abort, flash, g, jsonify, redirect, render_template, request, url_for

from policy.errors import DomainError
from services import (
    applications,
    consent,
    offers,
    post_search,
    privacy,
    profiles,
    recommendations,
    saved_searches,
    unemployment,
)
from web.clock import today
from web.database import retrying, session, transaction
from web.formwork import attempt
from web.matching import current_matcher, visible_posts
from web.security import logout_session, role_required
from web.seeker import bp
from web.seeker.forms import EraseForm, SaveSearchForm, UnemploymentForm, WithdrawConsentForm
from web.seeker.steps import STEP_FORMS, step_context, step_form, step_of


@bp.app_template_global("application_status")
def application_status(status: str) -> str:
    return applications.STATUS_LABELS[status]


@bp.get("/")
@role_required("seeker")
def home():
    s = session()
    candidate = applications.find_candidate(s, g.user)
    if candidate is None:
        return render_template("seeker/home.html", candidate=None)
    return render_template(
        "seeker/home.html", candidate=candidate,
        applications=applications.seeker_applications(s, g.user)[:5],
        searches=saved_searches.saved_searches(s, current_matcher(), visible_posts(), g.user),
        registration=unemployment.current_registration(s, candidate.id),
        job=offers.current_job(s, candidate.id),
    )


@bp.route("/profile/<step>", methods=["GET", "POST"])
@role_required("seeker")
def profile(step: str):
    """The profile in four short steps; each saves on its own and leads to the next."""
    if step not in STEP_FORMS:
        abort(404)
    candidate = applications.candidate_of(session(), g.user)
    form = step_form(step, candidate)
    user, day = g.user, today()
    if form.validate_on_submit() and attempt(form, lambda s: profiles.save_step(s, user, step_of(form), day)):
        flash(f"{profiles.PROFILE_STEPS[step]}已保存", "success")
        steps = list(STEP_FORMS)
        following = steps.index(step) + 1
        if following < len(steps):
            return redirect(url_for("seeker.profile", step=steps[following]))
        return redirect(url_for("seeker.home"))
    return render_template("seeker/profile.html", form=form, step=step, steps=profiles.PROFILE_STEPS,
                           withdraw_form=WithdrawConsentForm(), **step_context(candidate, step))


@bp.post("/consent/withdraw")
@role_required("seeker")
def withdraw_consent():
    """撤回敏感信息处理同意: every sensitive group leaves the profile, verified ones included."""
    if WithdrawConsentForm().validate_on_submit():
        with transaction() as s:
            withdrawn = consent.withdraw(s, g.user, applications.candidate_of(s, g.user))
        flash("已撤回同意，就业困难人员、低保、脱贫等类别已从您的资料中删除" if withdrawn
              else "您没有需要撤回的敏感类别", "success")
    return redirect(url_for("seeker.profile", step="situation"))



@bp.post("/posts/<int:post_id>/apply")
@role_required("seeker")
def apply(post_id: int):
    try:
        retrying(lambda s: applications.apply(s, g.user, post_id, today()))
        flash("申请已提交，用人单位处理后您会在“我的申请”中看到进度", "success")
    except DomainError as error:
        if error.code in ("post_not_found", "candidate_not_found"):
            raise
        flash(error.message, "error")
    return redirect(url_for("public.post_detail", post_id=post_id))


@bp.get("/applications", endpoint="applications")
@role_required("seeker")
def applications_page():
    s = session()
    mine = applications.seeker_applications(s, g.user)
    return render_template("seeker/applications.html", applications=mine,
                           history={a.id: applications.history(s, a.id) for a in mine},
                           open_statuses=applications.OPEN_STATUSES)



@bp.post("/applications/<int:application_id>/withdraw")
@role_required("seeker")
def withdraw(application_id: int):
    with transaction() as s:
        applications.withdraw(s, g.user, application_id)
    flash("申请已撤回", "success")
    return redirect(url_for("seeker.applications"))


@bp.get("/recommendations", endpoint="recommendations")
@role_required("seeker")
def recommendations_page():
    results = recommendations.recommend_posts(current_matcher(), visible_posts(), g.standing, today(),
                                              top=20)
    loaded = post_search.posts_by_id(session(), [int(r.id) for r in results])
    return render_template("seeker/recommendations.html", ranked=[(loaded[int(r.id)], r) for r in results])



@bp.post("/recommendations/<int:post_id>/hide")
@role_required("seeker")
def hide(post_id: int):
    with transaction() as s:
        recommendations.hide_post(s, g.user, post_id)
    flash("已标记为不感兴趣，不会再推荐该岗位", "success")
    return redirect(url_for("seeker.recommendations"))


@bp.post("/searches")
@role_required("seeker")
def save_search():
    form = SaveSearchForm()
    if form.validate_on_submit():
        try:
            with transaction() as s:
                saved_searches.save(s, g.user, form.name.data or "", request.form)
            flash("搜索已保存，有新岗位时会在“我的求职”中提示", "success")
        except DomainError as error:
            flash(error.message, "error")
    return redirect(url_for("public.post_list", **saved_searches.clean_params(request.form)))


@bp.get("/searches/<int:search_id>")
@role_required("seeker")
def open_search(search_id: int):
    with transaction() as s:
        search = saved_searches.visit(s, g.user, search_id)
    return redirect(url_for("public.post_list", **search.params))


@bp.post("/searches/<int:search_id>/delete")
@role_required("seeker")
def delete_search(search_id: int):
    with transaction() as s:
        saved_searches.delete(s, g.user, search_id)
    flash("已删除保存的搜索", "success")
    return redirect(url_for("seeker.home"))


@bp.route("/unemployment", methods=["GET", "POST"], endpoint="unemployment")
@role_required("seeker")
def unemployment_page():
    """（九） online unemployment registration; the bureau confirms it later."""
    form = UnemploymentForm()
    if form.validate_on_submit():
        user, day = g.user, today()
        if attempt(form, lambda s: unemployment.register(
                s, user, form.township.data, form.unemployed_since.data,
                form.previous_employer.data or "", day, able_to_work=form.able_to_work.data,
                wants_work=form.wants_work.data, cadre=form.cadre.data == "cadre")):
            flash("失业登记已提交，请等待人社局确认", "success")
            return redirect(url_for("seeker.unemployment"))
    candidate = applications.candidate_of(session(), g.user)
    return render_template("seeker/unemployment.html", form=form,
                           registration=unemployment.current_registration(session(), candidate.id))


@bp.post("/my-data")
@role_required("seeker")
def download_data():
    """下载我的数据: a POST, so no other site can start it and no personal data is in a URL."""
    with transaction() as s:
        data = privacy.personal_data(s, g.user)
    response = jsonify(data)
    response.headers["Content-Disposition"] = "attachment; filename=jobbridge-my-data.json"
    return response


@bp.route("/close-account", methods=["GET", "POST"])
@role_required("seeker")
def close_account():
    """注销账号: immediate once confirmed with the password (see services.privacy)."""
    form = EraseForm()
    if form.validate_on_submit():
        user = g.user
        if attempt(form, lambda s: privacy.erase_seeker(s, user, form.current_password.data)):
            logout_session()
            flash("账号已注销，您的个人信息已删除", "success")
            return redirect(url_for("public.home"))
    return render_template("seeker/close_account.html", form=form)

