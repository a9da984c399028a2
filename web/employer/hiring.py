"""The employer's side of the hiring conversation as pages: invite a recommended person,
schedule an interview, make an offer. Shape is checked here (the fields of a short form), the
rules in services; a refusal is flashed in Chinese and nothing is written."""

from datetime import date, datetime

from flask import current_app, flash, g, redirect, request, url_for

from policy.errors import DomainError
from services import interviews, invitations, offers
from web.clock import today
from web.database import retrying
from web.employer import bp
from web.security import role_required


def _done(work, success: str, back: str):
    try:
        retrying(work)
        flash(success, "success")
    except DomainError as error:
        if error.code in ("post_not_found", "application_not_found"):
            raise
        flash(error.message, "error")
    return redirect(back)


def _text(name: str, limit: int) -> str:
    return request.form.get(name, "").strip()[:limit]


def _number(name: str) -> int | None:
    raw = request.form.get(name, "").strip()
    return int(raw) if raw.isdigit() and len(raw) <= 7 else None


def _plausible(moment: date) -> bool:
    """Year 1 in Beijing time has no UTC, and a term from 9999-12-31 ends past the calendar:
    bounded as the API bounds an interview's time (2000 to 2100)."""
    return 2000 <= moment.year <= 2100


def _refuse(message: str, back: str):
    flash(message, "error")
    return redirect(back)


@bp.post("/posts/<int:post_id>/invitations")
@role_required("employer")
def invite(post_id: int):
    back = url_for("employer.post", post_id=post_id)
    candidate_id = _number("candidate_id")
    if candidate_id is None:
        return _refuse("请选择要邀请的人选", back)
    limit = current_app.config["INVITATIONS_PER_DAY"]
    message = _text("message", 200)
    return _done(lambda s: invitations.invite(s, g.user, post_id, candidate_id, message, today(), limit),
                 "邀请已发出，对方答复后会在站内消息中通知您", back)


@bp.post("/applications/<int:application_id>/interviews")
@role_required("employer")
def schedule_interview(application_id: int):
    back = url_for("employer.applicant", application_id=application_id)
    try:
        # <input type="datetime-local">: local wall time, read as Beijing time.
        starts_at = datetime.fromisoformat(request.form.get("starts_at", ""))
    except ValueError:
        return _refuse("请填写面试时间", back)
    if not _plausible(starts_at):
        return _refuse("请填写面试时间", back)
    place, contact = _text("place", 128), _text("contact", 64)
    if not place or not contact:
        return _refuse("请填写面试地点和联系人", back)
    return _done(lambda s: interviews.schedule(
        s, g.user, application_id, starts_at, place, contact, _text("contact_phone", 20),
        _text("notes", 500), today()), "面试已安排，已通知求职者", back)


@bp.post("/applications/<int:application_id>/offer")
@role_required("employer")
def make_offer(application_id: int):
    back = url_for("employer.applicant", application_id=application_id)
    try:
        start_date = date.fromisoformat(request.form.get("start_date", ""))
    except ValueError:
        return _refuse("请填写到岗日期", back)
    if not _plausible(start_date):
        return _refuse("请填写到岗日期", back)
    monthly_pay = _number("monthly_pay")
    if not monthly_pay:
        return _refuse("请填写月薪（元）", back)
    term_months = _number("term_months")
    return _done(lambda s: offers.make_offer(s, g.user, application_id, start_date, monthly_pay,
                                             term_months, today()),
                 "录用通知已发出，名额为对方保留 7 天", back)
