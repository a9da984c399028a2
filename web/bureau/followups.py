"""The monthly follow-up worklist （十四）: who is due, filtered and paged; the phone of the
person about to be called revealed (audited) and the outcome recorded in two taps.

One page for the bureau (the whole district) and township staff (their own township: the
service narrows every read and write by the signed-in account, services.township_scope)."""

from flask import g, redirect, render_template, request, url_for

from policy.codes import GROUP_LABELS, TOWNSHIPS
from policy.identifiers import mask_phone
from services import followups, privacy
from web.bureau import bp
from web.bureau.forms import FollowUpForm
from web.clock import today
from web.database import session, transaction
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


def _query(filters: followups.Filters) -> dict:
    """The filters as they go back into links and form actions (defaults left out)."""
    return {k: v for k, v in vars(filters).items()
            if v != "" and (k != "days" or filters.contact == "over")}


def _page(revealed: dict[int, str] | None = None):
    filters = _filters()
    page = request.args.get("page", 1, type=int) or 1
    found = followups.worklist(session(), today(), filters, page, viewer=g.user)
    forms = {row.person.id: FollowUpForm(prefix=f"f-{row.person.id}", formdata=None,
                                         contacted_on=today(), channel="phone")
             for row in found.rows}
    query = _query(filters)
    return render_template("bureau/followups.html", found=found, coverage=found.coverage, forms=forms,
                           filters=filters, query=query, here=dict(query, page=found.page),
                           townships=TOWNSHIPS, revealed=revealed or {},
                           groups=[(g, GROUP_LABELS[g]) for g in followups.followed_groups()],
                           outcomes=followups.OUTCOME_LABELS, mask_phone=mask_phone,
                           month=today().strftime("%Y年%m月"))


@bp.get("/followups")
@role_required("bureau", "township")
def followup_list():
    return _page()


@bp.post("/followups/<int:candidate_id>/phone")
@role_required("bureau", "township")
def reveal_followup_phone(candidate_id: int):
    """The whole number of one person on the list, after an audit entry; answered with the same
    page of the list (not a redirect, so the number is in no URL and no history entry). The
    CSRF token is checked by CSRFProtect, as for every POST."""
    with transaction() as s:
        person = privacy.reveal_phone(s, g.user, candidate_id)
        phone = person.phone
    return _page({candidate_id: phone})


@bp.post("/followups/<int:candidate_id>")
@role_required("bureau", "township")
def record_followup(candidate_id: int):
    form = FollowUpForm(prefix=f"f-{candidate_id}")
    submit(form, lambda s: followups.record_contact(
               s, g.user, candidate_id, form.contacted_on.data, form.channel.data,
               form.outcome.data, form.note.data or "", today()),
           lambda _: f"已记录跟踪联系：{followups.OUTCOME_LABELS.get(form.outcome.data, '')}")
    return redirect(url_for("bureau.followup_list", **request.args))
