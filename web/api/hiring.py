"""The hiring conversation through the API: invitations (邀请投递), interviews (面试) and
offers (录用通知), and renewing a withdrawn application — everything the pages do, for a
mobile client."""

from datetime import UTC, datetime

from flask import Response, current_app, g, jsonify
from pydantic import Field

from services import applications, interviews, invitations, offers
from services.calendar_files import interview_ics
from web.api import bp
from web.api.contract import PLACEMENT_CONFLICTS, documented
from web.api.hiring_json import (
    InterviewJson,
    InvitationJson,
    OfferJson,
    interview_json,
    invitation_json,
    offer_json,
)
from web.api.schemas import Body, IsoDate, IsoDateTimeInput, RowId
from web.clock import today
from web.database import retrying, session, transaction
from web.inputs import VisibleText
from web.serializers import ApplicationJson, application_json


class InvitationBody(Body):
    candidate_id: RowId = Field(description="推荐人选的编号（GET /posts/{id}/candidates）")
    message: VisibleText = Field(default="", max_length=200, description="附言（可不填）")


class InterviewBody(Body):
    starts_at: IsoDateTimeInput = Field(description="面试时间，ISO 8601；不带时区按北京时间")
    place: VisibleText = Field(min_length=2, max_length=128, description="面试地点（详细地址）")
    contact: VisibleText = Field(min_length=1, max_length=64, description="联系人")
    contact_phone: str = Field(default="", max_length=20, pattern=r"^[0-9+\- ]*$",
                               description="联系电话")
    notes: VisibleText = Field(default="", max_length=500, description="注意事项（携带材料等）")


class AnswerBody(Body):
    note: VisibleText = Field(default="", max_length=200,
                              description="留言；申请改期时必填（写明方便的时间）")


class OfferBody(Body):
    start_date: IsoDate = Field(description="到岗日期，不早于今天")
    monthly_pay: int = Field(ge=1, le=1_000_000, description="月薪（元）")
    term_months: int | None = Field(default=None, ge=1, le=60,
                                    description="见习岗位必填：见习期限（3 至 12 个月）")


@bp.post("/posts/<int:post_id>/invitations")
@documented("邀请推荐人选投递本单位岗位（附言可选；每天限量）", roles=("employer",),
            body=InvitationBody, responses={201: InvitationJson}, errors={
    404: ("post_not_found", "candidate_not_found"),
    409: ("candidate_offline", "post_closed", "already_applied", "already_invited",
          "invitation_limit"),
})
def invite(post_id: int, body: InvitationBody):
    limit = current_app.config["INVITATIONS_PER_DAY"]
    invitation = retrying(lambda s: invitations.invite(
        s, g.user, post_id, body.candidate_id, body.message, today(), limit))
    return jsonify(invitation_json(invitation)), 201


@bp.get("/me/invitations")
@documented("我收到的投递邀请（最新在前）", roles=("seeker",),
            responses={200: list[InvitationJson]}, errors={404: ("candidate_not_found",)})
def my_invitations():
    return jsonify([invitation_json(i) for i in invitations.my_invitations(session(), g.user)])


@bp.post("/invitations/<int:invitation_id>/accept")
@documented("接受邀请：以此投递该岗位", roles=("seeker",), responses={201: ApplicationJson},
            errors={
    404: ("candidate_not_found", "invitation_not_found", "post_not_found"),
    409: ("invitation_answered", "already_applied", "post_closed", "post_full", "ineligible"),
})
def accept_invitation(invitation_id: int):
    application = retrying(lambda s: invitations.accept(s, g.user, invitation_id, today()))
    return jsonify(application_json(application, applications.history(session(), application.id))), 201


@bp.post("/invitations/<int:invitation_id>/decline")
@documented("婉拒邀请（单位只知道已婉拒）", roles=("seeker",), responses={200: InvitationJson},
            errors={404: ("candidate_not_found", "invitation_not_found"),
                    409: ("invitation_answered",)})
def decline_invitation(invitation_id: int):
    with transaction() as s:
        invitation = invitations.decline(s, g.user, invitation_id)
    return jsonify(invitation_json(invitation))


@bp.post("/applications/<int:application_id>/renew")
@documented("重新申请已撤回的申请（仅一次）", roles=("seeker",), responses={200: ApplicationJson},
            errors={
    404: ("candidate_not_found", "application_not_found"),
    409: ("not_renewable", "already_renewed", "post_closed", "post_full", "ineligible"),
})
def renew(application_id: int):
    application = retrying(lambda s: applications.renew(s, g.user, application_id, today()))
    return jsonify(application_json(application, applications.history(session(), application.id)))


@bp.post("/applications/<int:application_id>/interviews")
@documented("安排面试（时间、地点、联系人）；申请进入面试阶段", roles=("employer",),
            body=InterviewBody, responses={201: InterviewJson}, errors={
    404: ("application_not_found",),
    409: ("application_closed",),
    422: ("interview_in_past",),
})
def schedule_interview(application_id: int, body: InterviewBody):
    with transaction() as s:
        interview = interviews.schedule(
            s, g.user, application_id, body.starts_at, body.place, body.contact,
            body.contact_phone, body.notes, today())
    return jsonify(interview_json(interview)), 201


@bp.get("/me/interviews")
@documented("我的面试安排", roles=("seeker",), responses={200: list[InterviewJson]},
            errors={404: ("candidate_not_found",)})
def my_interviews():
    return jsonify([interview_json(i) for i in interviews.my_interviews(session(), g.user)])


def _answer(interview_id: int, action: str, note: str):
    with transaction() as s:
        interview = interviews.answer(s, g.user, interview_id, action, note)
    return jsonify(interview_json(interview))


ANSWER_ERRORS = {404: ("candidate_not_found", "interview_not_found"),
                 409: ("interview_answered", "application_closed")}


@bp.post("/interviews/<int:interview_id>/confirm")
@documented("确认参加面试", roles=("seeker",), body=AnswerBody,
            responses={200: InterviewJson}, errors=ANSWER_ERRORS)
def confirm_interview(interview_id: int, body: AnswerBody):
    return _answer(interview_id, "confirm", body.note)


@bp.post("/interviews/<int:interview_id>/decline")
@documented("不参加面试", roles=("seeker",), body=AnswerBody,
            responses={200: InterviewJson}, errors=ANSWER_ERRORS)
def decline_interview(interview_id: int, body: AnswerBody):
    return _answer(interview_id, "decline", body.note)


@bp.post("/interviews/<int:interview_id>/reschedule")
@documented("申请改期（留言写明方便的时间）", roles=("seeker",), body=AnswerBody,
            responses={200: InterviewJson},
            errors={**ANSWER_ERRORS, 422: ("note_required",)})
def reschedule_interview(interview_id: int, body: AnswerBody):
    return _answer(interview_id, "reschedule", body.note)


@bp.get("/interviews/<int:interview_id>/calendar.ics")
@documented("面试的日历文件（iCalendar）", roles=("seeker", "employer"),
            responses={200: str}, media_type="text/calendar",
            errors={404: ("candidate_not_found", "interview_not_found")})
def interview_calendar(interview_id: int):
    interview = interviews.visible_interview(session(), g.user, interview_id)
    body = interview_ics(interview, datetime.now(UTC))
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="interview-{interview.id}.ics"'})


@bp.post("/applications/<int:application_id>/offer")
@documented("发出录用通知（到岗日期、月薪；见习岗位另填见习期限）；占用一个名额 7 天",
            roles=("employer",), body=OfferBody, responses={201: OfferJson}, errors={
    403: ("employer_not_verified",),
    404: ("application_not_found", "post_not_found"),
    409: ("application_closed", "post_full", "ineligible", "not_fresh_graduate",
          "already_placed"),
    422: ("start_date_past", "trainee_term_invalid", "term_not_applicable"),
})
def make_offer(application_id: int, body: OfferBody):
    offer = retrying(lambda s: offers.make_offer(
        s, g.user, application_id, body.start_date, body.monthly_pay, body.term_months, today()))
    return jsonify(offer_json(offer)), 201


@bp.get("/me/offers")
@documented("我收到的录用通知", roles=("seeker",), responses={200: list[OfferJson]},
            errors={404: ("candidate_not_found",)})
def my_offers():
    return jsonify([offer_json(o) for o in offers.my_offers(session(), g.user)])


@bp.post("/offers/<int:offer_id>/accept")
@documented("接受录用：登记录用（申请阶段 hired）和安置", roles=("seeker",),
            responses={200: OfferJson}, errors={
    403: ("employer_not_verified",),
    404: ("candidate_not_found", "offer_not_found"),
    409: ("offer_closed", "application_closed", *PLACEMENT_CONFLICTS),
})
def accept_offer(offer_id: int):
    offer = retrying(lambda s: offers.accept(s, g.user, offer_id, today()))
    return jsonify(offer_json(offer))


@bp.post("/offers/<int:offer_id>/decline")
@documented("婉拒录用通知（释放名额，申请撤回）", roles=("seeker",), responses={200: OfferJson},
            errors={404: ("candidate_not_found", "offer_not_found"), 409: ("offer_closed",)})
def decline_offer(offer_id: int):
    with transaction() as s:
        offer = offers.decline(s, g.user, offer_id, today())
    return jsonify(offer_json(offer))
