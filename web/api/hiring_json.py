"""The API's answers about invitations, interviews and offers (web/serializers.py holds the
rest): TypedDicts the OpenAPI document is built from, and the functions that fill them."""

from typing_extensions import TypedDict  # pydantic reads typing.TypedDict only from 3.12

from models import Interview, Invitation, Offer
from services.interviews import aware
from web.serializers import IsoDateTime


class InvitationJson(TypedDict):
    id: int
    post_id: int
    post_title: str
    employer_name: str
    candidate_id: int
    message: str
    status: str  # pending, accepted, declined
    sent_on: str
    application_id: int | None


class InterviewJson(TypedDict):
    id: int
    application_id: int
    post_title: str
    starts_at: IsoDateTime
    place: str
    contact: str
    contact_phone: str
    notes: str
    status: str  # proposed, confirmed, declined, reschedule
    seeker_note: str


class OfferJson(TypedDict):
    id: int
    application_id: int
    post_id: int
    start_date: str
    monthly_pay: int  # 元
    term_months: int | None
    status: str  # pending, accepted, declined, expired, withdrawn
    expires_on: str
    stage: str  # the application's stage: "hired" once accepted


def invitation_json(invitation: Invitation) -> InvitationJson:
    return {
        "id": invitation.id,
        "post_id": invitation.post_id,
        "post_title": invitation.post.title,
        "employer_name": invitation.post.employer.name,
        "candidate_id": invitation.candidate_id,
        "message": invitation.message,
        "status": invitation.status,
        "sent_on": invitation.sent_on.isoformat(),
        "application_id": invitation.application_id,
    }


def interview_json(interview: Interview) -> InterviewJson:
    return {
        "id": interview.id,
        "application_id": interview.application_id,
        "post_title": interview.application.post.title,
        "starts_at": aware(interview.starts_at).isoformat(),
        "place": interview.place,
        "contact": interview.contact,
        "contact_phone": interview.contact_phone,
        "notes": interview.notes,
        "status": interview.status,
        "seeker_note": interview.seeker_note,
    }


def offer_json(offer: Offer) -> OfferJson:
    return {
        "id": offer.id,
        "application_id": offer.application_id,
        "post_id": offer.post_id,
        "start_date": offer.start_date.isoformat(),
        "monthly_pay": offer.monthly_pay,
        "term_months": offer.term_months,
        "status": offer.status,
        "expires_on": offer.expires_on.isoformat(),
        "stage": offer.application.status,
    }
