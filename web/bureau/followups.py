"""The monthly follow-up worklist （十四）: who is due, recording contacts, coverage."""

from flask import g, redirect, render_template, request, url_for

from policy.identifiers import mask_phone
from services import followups
from web.bureau import bp
from web.bureau.forms import FollowUpForm
from web.clock import today
from web.database import session
from web.formwork import submit
from web.security import role_required

PAGE = 50


@bp.get("/followups")
@role_required("bureau")
def followup_list():
    due, coverage = followups.worklist(session(), today())
    page = max(request.args.get("page", 1, type=int), 1)
    shown = due[(page - 1) * PAGE: page * PAGE]
    forms = {c.id: FollowUpForm(prefix=f"f-{c.id}", contacted_on=today()) for c, _ in shown}
    return render_template("bureau/followups.html", due=shown, coverage=coverage, forms=forms,
                           page=page, pages=max(1, -(-len(due) // PAGE)), mask_phone=mask_phone,
                           month=today().strftime("%Y年%m月"))


@bp.post("/followups/<int:candidate_id>")
@role_required("bureau")
def record_followup(candidate_id: int):
    form = FollowUpForm(prefix=f"f-{candidate_id}")
    submit(form, lambda s: followups.record_contact(
               s, g.user.id, candidate_id, form.contacted_on.data, form.channel.data,
               form.outcome.data, form.note.data or "", today()),
           lambda _: "已记录跟踪联系")
    return redirect(url_for("bureau.followup_list"))
