"""The bureau's verification of employers: the licence's details, and a decision — 通过审核
(after ticking that the licence matches), 退回补充 or 驳回 with a reason the employer sees."""

from flask import flash, g, redirect, render_template, url_for

from services import employers
from web.bureau import bp
from web.bureau.forms import EmployerReviewForm
from web.database import session
from web.formwork import attempt
from web.security import role_required

DONE = {"verify": "已通过审核：{}", "return": "已退回补充：{}", "reject": "已驳回：{}"}


@bp.get("/employers/<int:employer_id>")
@role_required("bureau")
def employer_review(employer_id: int):
    return _page(employer_id, EmployerReviewForm())


@bp.post("/employers/<int:employer_id>/review")
@role_required("bureau")
def review_employer(employer_id: int):
    form = EmployerReviewForm()
    actor_id = g.user.id
    if form.validate_on_submit() and attempt(
            form, lambda s: employers.review_employer(s, employer_id, actor_id, form.review())):
        name = employers.get_employer(session(), employer_id).name
        flash(DONE[form.decision.data].format(name), "success")
        return redirect(url_for("bureau.home"))
    return _page(employer_id, form)  # refused: the page again with every error (200, as the employer's forms)


def _page(employer_id: int, form: EmployerReviewForm):
    employer = employers.get_employer(session(), employer_id)
    return render_template("bureau/employer_review.html", employer=employer, form=form,
                           history=employers.review_history(session(), employer_id),
                           states=employers.REVIEW_STATE_LABELS)
