"""The seeker's side of the hiring conversation as pages: invitations, interviews and offers
to answer (我的邀请与录用), the calendar file, withdrawal with a confirmation, and renewal."""

from datetime import UTC, datetime

from flask import Response, flash, g, redirect, render_template, request, url_for

from policy.errors import DomainError
from services import applications, interviews, invitations, offers
from services.calendar_files import interview_ics
from web.clock import today
from web.database import retrying, session
from web.security import role_required
from web.seeker import bp

NOTE_MAX = 200


@bp.get("/hiring")
@role_required("seeker")
def hiring():
    s = session()
    return render_template(
        "seeker/hiring.html", invitations=invitations.my_invitations(s, g.user),
        interviews=interviews.my_interviews(s, g.user), offers=offers.my_offers(s, g.user),
        local_text=interviews.local_text)


def _done(work, success: str, back: str = "seeker.hiring"):
    """Run one answer in a transaction; a refusal is flashed, and the page shows the state."""
    try:
        retrying(work)
        flash(success, "success")
    except DomainError as error:
        if error.code.endswith("_not_found"):
            raise
        flash(error.message, "error")
    return redirect(url_for(back))


@bp.post("/invitations/<int:invitation_id>/accept")
@role_required("seeker")
def accept_invitation(invitation_id: int):
    return _done(lambda s: invitations.accept(s, g.user, invitation_id, today()),
                 "已接受邀请并投递，单位处理后您会在“我的申请”中看到进度")


@bp.post("/invitations/<int:invitation_id>/decline")
@role_required("seeker")
def decline_invitation(invitation_id: int):
    return _done(lambda s: invitations.decline(s, g.user, invitation_id), "已婉拒邀请")


INTERVIEW_DONE = {"confirm": "已确认参加面试", "decline": "已告知单位不参加面试",
                  "reschedule": "已向单位申请改期"}


@bp.post("/interviews/<int:interview_id>/<any(confirm, decline, reschedule):action>")
@role_required("seeker")
def answer_interview(interview_id: int, action: str):
    note = request.form.get("note", "")[:NOTE_MAX]
    return _done(lambda s: interviews.answer(s, g.user, interview_id, action, note),
                 INTERVIEW_DONE[action])


@bp.get("/interviews/<int:interview_id>/calendar.ics")
@role_required("seeker")
def interview_calendar(interview_id: int):
    interview = interviews.visible_interview(session(), g.user, interview_id)
    return Response(interview_ics(interview, datetime.now(UTC)), mimetype="text/calendar",
                    headers={"Content-Disposition": f'attachment; filename="interview-{interview.id}.ics"'})


@bp.post("/offers/<int:offer_id>/accept")
@role_required("seeker")
def accept_offer(offer_id: int):
    return _done(lambda s: offers.accept(s, g.user, offer_id, today()),
                 "已接受录用，祝工作顺利！")


@bp.post("/offers/<int:offer_id>/decline")
@role_required("seeker")
def decline_offer(offer_id: int):
    return _done(lambda s: offers.decline(s, g.user, offer_id, today()), "已婉拒录用通知")


@bp.get("/applications/<int:application_id>/withdraw")
@role_required("seeker")
def confirm_withdraw(application_id: int):
    """Withdrawing asks first: one tap on a phone is too easy to make by mistake."""
    mine = {a.id: a for a in applications.seeker_applications(session(), g.user)}
    if application_id not in mine:
        raise applications.application_not_found()
    return render_template("seeker/withdraw.html", application=mine[application_id])


@bp.post("/applications/<int:application_id>/renew")
@role_required("seeker")
def renew(application_id: int):
    return _done(lambda s: applications.renew(s, g.user, application_id, today()), "已重新申请",
                 back="seeker.applications")
