import re

from flask import flash, g, redirect, render_template, request, url_for

from policy import graduate_posts
from policy.errors import DomainError
from policy.public_text import programme_citations
from services import applications, posts, privacy, profiles, recommendations
from web.clock import today
from web.database import retrying, session, transaction
from web.employer import bp
from web.employer.forms import CompanyForm, PostForm, StageForm
from web.formwork import attempt
from web.matching import current_matcher
from web.security import role_required

MAJOR_SEPARATORS = re.compile(r"[、,，;；\s]+")


@bp.get("/")
@role_required("employer")
def home():
    return render_template("employer/home.html", employer=g.user.employer,
                           posts=posts.employer_posts(session(), g.user.employer_id))


@bp.route("/profile", methods=["GET", "POST"])
@role_required("employer")
def profile():
    employer = g.user.employer
    form = CompanyForm(obj=employer)
    if form.validate_on_submit():
        company = profiles.CompanyProfile(
            name=form.name.data, ownership=form.ownership.data, size=form.size.data,
            staff_count=form.staff_count.data, industry=form.industry.data,
            township=form.township.data, contact_name=form.contact_name.data,
            contact_phone=form.contact_phone.data,
            legal_representative=form.legal_representative.data or "", address=form.address.data or "")
        user = g.user
        if attempt(form, lambda s: profiles.save_company(s, user, company)):
            flash("单位信息已保存", "success")
            return redirect(url_for("employer.home"))
    return render_template("employer/profile.html", form=form, employer=employer)


@bp.route("/posts/new", methods=["GET", "POST"])
@role_required("employer")
def new_post():
    form = PostForm()
    if form.validate_on_submit():
        draft, user, day = _draft(form), g.user, today()
        created = []
        if attempt(form, lambda s: created.append(posts.create_post(s, user, user.employer_id, draft, day))):
            flash("岗位已发布", "success")
            return redirect(url_for("employer.post", post_id=created[0].id))
    return _post_form(form, None)


@bp.route("/posts/<int:post_id>/edit", methods=["GET", "POST"])
@role_required("employer")
def edit_post(post_id: int):
    post = posts.owned_post(session(), g.user, post_id)
    form = PostForm(obj=post)
    if request.method == "GET":
        form.majors.data = "、".join(post.majors)
    if form.validate_on_submit():
        draft, user = _draft(form), g.user
        if attempt(form, lambda s: posts.update_post(s, user, post_id, draft)):
            flash("岗位已更新", "success")
            return redirect(url_for("employer.post", post_id=post_id))
    return _post_form(form, post)


@bp.post("/posts/<int:post_id>/close")
@role_required("employer")
def close_post(post_id: int):
    with transaction() as s:
        posts.set_post_status(s, g.user, post_id, "closed")
    flash("岗位已关闭，不再对外展示", "success")
    return redirect(url_for("employer.post", post_id=post_id))


@bp.post("/posts/<int:post_id>/reopen")
@role_required("employer")
def reopen_post(post_id: int):
    with transaction() as s:
        posts.set_post_status(s, g.user, post_id, "open")
    flash("岗位已重新开放", "success")
    return redirect(url_for("employer.post", post_id=post_id))


@bp.get("/posts/<int:post_id>")
@role_required("employer")
def post(post_id: int):
    """A post's applicants ranked with reasons, and recommended people who opted in (masked)."""
    s, index, day = session(), current_matcher(), today()
    own = posts.owned_post(s, g.user, post_id)
    applicants = recommendations.rank_applicants(s, index, g.user, post_id, day)
    with transaction() as tx:
        privacy.record_contact_views(tx, g.user, post_id, [a.card.id for a in applicants if a.card.revealed])
    return render_template(
        "employer/post.html", post=own, stage_form=StageForm(),
        applicants=applicants,
        recommended=recommendations.recommend_candidates(s, index, g.user, post_id, day),
        placed=posts.active_placements(s, post_id), open_statuses=applications.OPEN_STATUSES,
        next_stage=applications.next_stage,
    )


@bp.post("/applications/<int:application_id>/stage")
@role_required("employer")
def move_stage(application_id: int):
    form = StageForm()
    s = session()
    application = applications.owned_application(s, g.user, application_id)
    if form.validate_on_submit():
        user = g.user
        try:
            retrying(lambda s: applications.advance(s, user, application_id, form.to.data,
                                                     form.reason.data or "", form.start_date.data))
            flash(f"已更新为“{applications.STATUS_LABELS[form.to.data]}”", "success")
        except DomainError as error:
            if error.code == "application_not_found":
                raise
            flash(error.message, "error")
    else:
        flash("请检查填写的内容", "error")
    return redirect(url_for("employer.post", post_id=application.post_id))


def _post_form(form: PostForm, post):
    """The post form; the （七） reservation is offered only to the employers it applies to."""
    reservable = g.user.employer.ownership in graduate_posts.params()["ownerships"]
    return render_template("employer/post_form.html", form=form, post=post, reservable=reservable,
                           reserve_rule=graduate_posts.citation(), programmes=programme_citations())


def _draft(form: PostForm) -> posts.PostDraft:
    majors = tuple(m for m in MAJOR_SEPARATORS.split(form.majors.data or "") if m)
    return posts.PostDraft.from_values({**form.data, "majors": majors})
