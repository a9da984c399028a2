"""代办 pages: one person of the staff member's township, the consent they give (an SMS code
they read out, or a photo of the signed form), and the acts done for them with it."""

from dataclasses import replace

from flask import abort, flash, g, redirect, render_template, url_for
from flask_wtf import FlaskForm

from models import Candidate
from models.base import utcnow
from policy.errors import DomainError
from policy.identifiers import mask_id_number, mask_phone
from services import delegation, proxy_acts, township_scope, unemployment
from services.profiles import PROFILE_STEPS, BasicStep, ProfileStep
from web import attachments
from web.clock import today
from web.database import session, transaction
from web.formwork import attempt
from web.security import role_required
from web.seeker.forms import UnemploymentForm
from web.seeker.steps import STEP_FORMS, step_context, step_form, step_of
from web.township import bp
from web.township.forms import CodeForm, ConsentPhotoForm, ProxyBasicForm

PROXY_FORMS = {**STEP_FORMS, "basic": ProxyBasicForm}


def _registration_form(**kwargs) -> UnemploymentForm:
    form = UnemploymentForm(**kwargs)
    del form.township  # staff register at their own township
    return form


def _visible(candidate_id: int) -> Candidate:
    """Another township's person is 404 on every page and action here, like a missing one."""
    try:
        return township_scope.visible_person(session(), g.user, candidate_id)
    except DomainError:
        abort(404)


def _page(candidate_id: int, code_form=None, photo_form=None, registration_form=None):
    s = session()
    person = _visible(candidate_id)
    return render_template(
        "township/person.html", person=person, mask_phone=mask_phone, mask_id_number=mask_id_number,
        township=township_scope.township_label(s, person.id),
        registration=unemployment.current_registration(s, person.id),
        consent=delegation.current(s, g.user, person.id, utcnow()),
        methods=delegation.METHOD_LABELS,
        code_form=code_form or CodeForm(formdata=None),
        photo_form=photo_form or ConsentPhotoForm(formdata=None),
        registration_form=registration_form or _registration_form(formdata=None),
        posts=township_scope.post_list(s, g.user))


@bp.get("/people/<int:candidate_id>")
@role_required("township")
def person(candidate_id: int):
    return _page(candidate_id)


def _action(candidate_id: int, work, done: str):
    """A button without fields (CSRFProtect checks the token of every POST): run `work` in one
    transaction, say what happened, and go back to the person's page."""
    _visible(candidate_id)
    if attempt(FlaskForm(), work):
        flash(done, "success")
    return redirect(url_for("township.person", candidate_id=candidate_id))


@bp.post("/people/<int:candidate_id>/code")
@role_required("township")
def send_code(candidate_id: int):
    return _action(candidate_id, lambda s: delegation.send_code(s, g.user, candidate_id, utcnow()),
                   "验证码已通过短信发送到本人手机，5 分钟内有效；请本人告知验证码")


@bp.post("/people/<int:candidate_id>/consent/withdraw")
@role_required("township")
def withdraw_consent(candidate_id: int):
    return _action(candidate_id, lambda s: delegation.withdraw(s, g.user, candidate_id, utcnow()),
                   "已记录本人撤回代办授权")


@bp.post("/people/<int:candidate_id>/code/confirm")
@role_required("township")
def confirm_code(candidate_id: int):
    _visible(candidate_id)
    form = CodeForm()
    if not form.validate_on_submit():
        return _page(candidate_id, code_form=form), 422
    with transaction() as s:  # a wrong guess is counted, so it is committed too
        confirmed = delegation.confirm_code(s, g.user, candidate_id, form.code.data, utcnow())
    if confirmed is None:
        flash("验证码不正确或已过期", "error")
    else:
        flash("本人已通过短信验证码授权代办", "success")
    return redirect(url_for("township.person", candidate_id=candidate_id))


@bp.post("/people/<int:candidate_id>/form")
@role_required("township")
def consent_photo(candidate_id: int):
    _visible(candidate_id)
    form = ConsentPhotoForm()
    file = form.attachment.data
    if not form.validate_on_submit():
        flash("页面已过期，请刷新后重新上传", "error")
    elif file is None or not file.filename:
        flash("请选择授权书照片", "error")
    elif attempt(form, lambda s: delegation.record_form(
            s, g.user, candidate_id, attachments.upload(s, g.user, file), utcnow())):
        flash("已上传本人签字的授权书，可以代办", "success")
    return redirect(url_for("township.person", candidate_id=candidate_id))


@bp.post("/people/<int:candidate_id>/unemployment")
@role_required("township")
def register_unemployment(candidate_id: int):
    _visible(candidate_id)
    form = _registration_form()
    if form.validate_on_submit() and attempt(form, lambda s: proxy_acts.register_unemployment(
            s, g.user, candidate_id, form.unemployed_since.data, form.previous_employer.data or "",
            today(), utcnow(), able_to_work=form.able_to_work.data, wants_work=form.wants_work.data,
            cadre=form.cadre.data == "cadre")):
        flash("已代办失业登记，等待区人社局确认；已通知本人", "success")
        return redirect(url_for("township.person", candidate_id=candidate_id))
    return _page(candidate_id, registration_form=form), 422


@bp.post("/people/<int:candidate_id>/apply/<int:post_id>")
@role_required("township")
def apply(candidate_id: int, post_id: int):
    return _action(candidate_id, lambda s: proxy_acts.apply(s, g.user, candidate_id, post_id, today(),
                                                            utcnow()),
                   "已代为申请该岗位；已通知本人")


@bp.route("/people/<int:candidate_id>/profile/<step>", methods=["GET", "POST"])
@role_required("township")
def profile(candidate_id: int, step: str):
    """One step of the person's profile, filled in by staff as the person tells it: the seeker's
    own form and fields (web/seeker/steps.py), saved only with the person's 代办 consent."""
    person = _visible(candidate_id)
    if step not in STEP_FORMS:
        abort(404)
    form = step_form(step, person, PROXY_FORMS)
    if step == "basic":
        _typed_only(form)
    staff, day = g.user, today()
    if form.validate_on_submit() and attempt(form, lambda s: proxy_acts.save_profile(
            s, staff, candidate_id, _on_record(step_of(form), person), day, utcnow())):
        flash(f"已代为修改{PROFILE_STEPS[step]}；已通知本人", "success")
        return redirect(url_for("township.person", candidate_id=candidate_id))
    return render_template("township/profile.html", person=person, form=form, step=step,
                           steps=PROFILE_STEPS, proxy=True, **step_context(person, step),
                           kept=[mask_id_number(person.id_number), mask_phone(person.phone)]), (
        422 if form.is_submitted() else 200)


def _typed_only(form: ProxyBasicForm) -> None:
    """The 身份证号 and phone fields hold only what was typed, never the record's numbers (a
    field left out of the request would otherwise show them, whole, on the page)."""
    for field in (form.id_number, form.phone):
        if not field.raw_data:
            field.data = ""


def _on_record(step: ProfileStep, person: Candidate) -> ProfileStep:
    """A 基本信息 whose 身份证号 or phone was left empty keeps the number on record."""
    if not isinstance(step, BasicStep):
        return step
    return replace(step, id_number=step.id_number or person.id_number, phone=step.phone or person.phone)
