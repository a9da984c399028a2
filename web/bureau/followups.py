"""The monthly follow-up worklist （十四）: who is due, filtered and paged; recording contacts."""

from flask import g, redirect, render_template, request, url_for

from policy.codes import GROUP_LABELS, TOWNSHIPS
from policy.identifiers import mask_phone
from services import followups
from web.bureau import bp
from web.bureau.forms import FollowUpForm
from web.clock import today
from web.database import session
from web.formwork import submit
from web.security import role_required


def _filters() -> followups.Filters:
    """The query string's filters; anything unknown is dropped rather than refused."""
    args = request.args
    township = args.get("township", "")
    group = args.get("group", "")
    contact = args.get("contact", "")
    days = args.get("days", 30, type=int)
    return followups.Filters(
        township=township if township in TOWNSHIPS else "",
        group=group if group in followups.followed_groups() else "",
        contact=contact if contact in followups.CONTACT_FILTERS else "",
        days=days if days is not None and 0 <= days <= 3650 else 30)


@bp.get("/followups")
@role_required("bureau")
def followup_list():
    filters = _filters()
    found = followups.worklist(session(), today(), filters, request.args.get("page", 1, type=int) or 1)
    forms = {row.person.id: FollowUpForm(prefix=f"f-{row.person.id}", contacted_on=today())
             for row in found.rows}
    query = {k: v for k, v in vars(filters).items() if v != "" and (k != "days" or filters.contact == "over")}
    return render_template("bureau/followups.html", found=found, coverage=found.coverage, forms=forms,
                           filters=filters, query=query, townships=TOWNSHIPS,
                           groups=[(g, GROUP_LABELS[g]) for g in followups.followed_groups()],
                           mask_phone=mask_phone, month=today().strftime("%Y年%m月"))


@bp.post("/followups/<int:candidate_id>")
@role_required("bureau")
def record_followup(candidate_id: int):
    form = FollowUpForm(prefix=f"f-{candidate_id}")
    submit(form, lambda s: followups.record_contact(
               s, g.user.id, candidate_id, form.contacted_on.data, form.channel.data,
               form.outcome.data, form.note.data or "", today()),
           lambda _: "已记录跟踪联系")
    return redirect(url_for("bureau.followup_list"))
