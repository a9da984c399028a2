"""The hiring conversation through the API alone: invite → accept → interview → confirm →
offer → accept → the placement, with the inbox telling each step; and who may do what."""

from datetime import date

import pytest
from sqlalchemy import select

from models import Candidate, Message, Placement
from tests.factories import make_candidate, make_employer, make_post, make_user
from tests.web.helpers import bearer, login

INTERVIEW = {"starts_at": "2020-09-03T09:30:00+08:00", "place": "长乐区金峰镇工业路8号三楼",
             "contact": "陈经理", "contact_phone": "0591-28881234", "notes": "请带身份证和学历证书"}
OFFER = {"start_date": "2020-09-15", "monthly_pay": 4800}


@pytest.fixture
def scene(client, session, instant_index, seeker, employer_user):
    """A recommended seeker who lets employers find them, and a post of the employer."""
    candidate = session.scalar(select(Candidate).where(Candidate.user_id == seeker.id))
    candidate.open_to_offers = True
    post = make_post(session, employer_user.employer, slots=1)
    session.commit()
    return post, candidate, bearer(client, employer_user.phone), bearer(client, seeker.phone)


def inbox(client, headers) -> list[str]:
    return [m["kind"] for m in client.get("/api/v1/me/messages", headers=headers).json]


def test_the_whole_conversation_through_the_api(client, session, scene, seeker, bureau):
    post, candidate, employer, me = scene
    sent = client.post(f"/api/v1/posts/{post.id}/invitations",
                       json={"candidate_id": candidate.id, "message": "欢迎来面试质检员"}, headers=employer)
    assert sent.status_code == 201
    [invitation] = client.get("/api/v1/me/invitations", headers=me).json
    assert (invitation["id"], invitation["message"], invitation["status"]) == (
        sent.json["id"], "欢迎来面试质检员", "pending")
    assert inbox(client, me)[0] == "invitation_new"

    accepted = client.post(f"/api/v1/invitations/{invitation['id']}/accept", headers=me)
    assert accepted.status_code == 201
    application_id = accepted.json["id"]
    assert accepted.json["status"] == "applied"
    assert "invitation_accepted" in inbox(client, employer)

    interview = client.post(f"/api/v1/applications/{application_id}/interviews", json=INTERVIEW,
                            headers=employer)
    assert interview.status_code == 201
    assert interview.json["starts_at"] == "2020-09-03T01:30:00+00:00"
    assert inbox(client, me)[0] == "interview_new"
    calendar = client.get(f"/api/v1/interviews/{interview.json['id']}/calendar.ics", headers=me)
    assert calendar.mimetype == "text/calendar"
    text = calendar.get_data(as_text=True)
    assert f"UID:interview-{interview.json['id']}@" in text and "DTSTART:20200903T013000Z\r\n" in text
    confirmed = client.post(f"/api/v1/interviews/{interview.json['id']}/confirm", json={}, headers=me)
    assert confirmed.json["status"] == "confirmed"
    assert inbox(client, employer)[0] == "interview_confirmed"

    offer = client.post(f"/api/v1/applications/{application_id}/offer", json=OFFER, headers=employer)
    assert offer.status_code == 201
    assert (offer.json["status"], offer.json["expires_on"], offer.json["stage"]) == (
        "pending", "2020-09-08", "offered")
    assert inbox(client, me)[0] == "offer_new"
    hired = client.post(f"/api/v1/offers/{offer.json['id']}/accept", headers=me)
    assert hired.status_code == 200
    assert (hired.json["status"], hired.json["stage"]) == ("accepted", "hired")
    assert inbox(client, employer)[0] == "offer_accepted"
    assert "application_hired" in inbox(client, me)

    placement = session.scalar(select(Placement).where(Placement.post_id == post.id))
    assert (placement.candidate_id, placement.start_date) == (candidate.id, date(2020, 9, 15))
    login(client, bureau.phone)
    assert post.title in client.get("/bureau/placements").get_data(as_text=True)


def test_a_declined_invitation_tells_the_employer_only_that(client, session, scene):
    post, candidate, employer, me = scene
    invitation = client.post(f"/api/v1/posts/{post.id}/invitations",
                             json={"candidate_id": candidate.id}, headers=employer).json
    declined = client.post(f"/api/v1/invitations/{invitation['id']}/decline", headers=me)
    assert declined.json["status"] == "declined"
    told = session.scalars(select(Message).where(Message.kind == "invitation_declined")).all()
    assert [m.text for m in told] == [f"您对「{post.title}」发出的一份邀请已婉拒"]
    again = client.post(f"/api/v1/invitations/{invitation['id']}/accept", headers=me)
    assert (again.status_code, again.json["error"]["code"]) == (409, "invitation_answered")
    twice = client.post(f"/api/v1/posts/{post.id}/invitations", json={"candidate_id": candidate.id},
                        headers=employer)
    assert (twice.status_code, twice.json["error"]["code"]) == (409, "already_invited")


def test_a_seeker_who_turned_invitations_off_is_not_found(client, session, scene):
    post, candidate, employer, _ = scene
    candidate.open_to_offers = False
    session.commit()
    refused = client.post(f"/api/v1/posts/{post.id}/invitations", json={"candidate_id": candidate.id},
                          headers=employer)
    assert (refused.status_code, refused.json["error"]["code"]) == (404, "candidate_not_found")


def test_a_person_without_an_online_account_cannot_be_invited(client, session, scene):
    post, _, employer, _ = scene
    offline = make_candidate(session, open_to_offers=True)
    session.commit()
    refused = client.post(f"/api/v1/posts/{post.id}/invitations", json={"candidate_id": offline.id},
                          headers=employer)
    assert (refused.status_code, refused.json["error"]["code"]) == (409, "candidate_offline")


def test_invitations_per_employer_per_day_are_limited(app, client, session, scene):
    post, _, employer, _ = scene
    app.config["INVITATIONS_PER_DAY"] = 2
    others = [make_candidate(session, user=make_user(session), open_to_offers=True) for _ in range(3)]
    session.commit()
    codes = [client.post(f"/api/v1/posts/{post.id}/invitations", json={"candidate_id": c.id},
                         headers=employer).status_code for c in others]
    assert codes == [201, 201, 409]


def _applied(client, post, me) -> int:
    return client.post(f"/api/v1/posts/{post.id}/applications", headers=me).json["id"]


def test_a_pending_offer_holds_the_last_slot(client, session, scene, employer_user):
    post, _, employer, me = scene
    application_id = _applied(client, post, me)
    other = make_user(session)
    make_candidate(session, user=other)
    session.commit()
    other_application = _applied(client, post, bearer(client, other.phone))
    assert client.post(f"/api/v1/applications/{application_id}/offer", json=OFFER,
                       headers=employer).status_code == 201
    full = client.post(f"/api/v1/applications/{other_application}/offer", json=OFFER, headers=employer)
    assert (full.status_code, full.json["error"]["code"]) == (409, "post_full")


def test_a_declined_offer_frees_the_slot_and_the_application_may_be_renewed_once(client, session, scene):
    post, _, employer, me = scene
    application_id = _applied(client, post, me)
    offer = client.post(f"/api/v1/applications/{application_id}/offer", json=OFFER, headers=employer).json
    declined = client.post(f"/api/v1/offers/{offer['id']}/decline", headers=me)
    assert (declined.json["status"], declined.json["stage"]) == ("declined", "withdrawn")
    renewed = client.post(f"/api/v1/applications/{application_id}/renew", headers=me)
    assert renewed.json["status"] == "applied"
    client.post(f"/api/v1/applications/{application_id}/withdraw", headers=me)
    again = client.post(f"/api/v1/applications/{application_id}/renew", headers=me)
    assert (again.status_code, again.json["error"]["code"]) == (409, "already_renewed")


def test_an_interview_may_be_declined_or_moved_with_a_note(client, scene):
    post, _, employer, me = scene
    application_id = _applied(client, post, me)
    first = client.post(f"/api/v1/applications/{application_id}/interviews", json=INTERVIEW,
                        headers=employer).json
    bare = client.post(f"/api/v1/interviews/{first['id']}/reschedule", json={}, headers=me)
    assert (bare.status_code, bare.json["error"]["code"]) == (422, "note_required")
    moved = client.post(f"/api/v1/interviews/{first['id']}/reschedule", json={"note": "周五下午方便"},
                        headers=me)
    assert (moved.json["status"], moved.json["seeker_note"]) == ("reschedule", "周五下午方便")
    second = client.post(f"/api/v1/applications/{application_id}/interviews",
                         json={**INTERVIEW, "starts_at": "2020-09-04T15:00:00"}, headers=employer).json
    assert second["starts_at"] == "2020-09-04T07:00:00+00:00"  # no offset: Beijing time
    assert client.post(f"/api/v1/interviews/{second['id']}/decline", json={},
                       headers=me).json["status"] == "declined"


def test_a_trainee_offer_states_a_term_of_3_to_12_months(client, session, scene, employer_user):
    _, _, employer, me = scene
    from tests.factories import make_program
    post = make_post(session, employer_user.employer, kind="trainee",
                     program_id=make_program(session, kind="trainee").id, education_min="associate")
    session.commit()
    application_id = _applied(client, post, me)
    route = f"/api/v1/applications/{application_id}/offer"
    for term in (None, 2, 13):
        refused = client.post(route, json={**OFFER, "term_months": term}, headers=employer)
        assert (refused.status_code, refused.json["error"]["code"]) == (422, "trainee_term_invalid")
    made = client.post(route, json={**OFFER, "term_months": 6}, headers=employer)
    assert (made.status_code, made.json["term_months"]) == (201, 6)


def test_who_may_do_what(client, session, scene, bureau):
    post, candidate, employer, me = scene
    invitation = client.post(f"/api/v1/posts/{post.id}/invitations",
                             json={"candidate_id": candidate.id}, headers=employer).json
    application_id = client.post(f"/api/v1/invitations/{invitation['id']}/accept", headers=me).json["id"]
    interview = client.post(f"/api/v1/applications/{application_id}/interviews", json=INTERVIEW,
                            headers=employer).json
    offer = client.post(f"/api/v1/applications/{application_id}/offer", json=OFFER, headers=employer).json
    other_employer = make_user(session, role="employer", employer=make_employer(session))
    other_seeker = make_user(session)
    make_candidate(session, user=other_seeker)
    session.commit()
    stranger, intruder = bearer(client, other_employer.phone), bearer(client, other_seeker.phone)

    employer_routes = [
        (f"/api/v1/posts/{post.id}/invitations", {"candidate_id": candidate.id}, "post_not_found"),
        (f"/api/v1/applications/{application_id}/interviews", INTERVIEW, "application_not_found"),
        (f"/api/v1/applications/{application_id}/offer", OFFER, "application_not_found"),
    ]
    for route, body, code in employer_routes:
        assert client.post(route, json=body).status_code == 401
        assert client.post(route, json=body, headers=intruder).status_code == 403
        answer = client.post(route, json=body, headers=stranger)
        assert (answer.status_code, answer.json["error"]["code"]) == (404, code)

    seeker_routes = [
        (f"/api/v1/invitations/{invitation['id']}/decline", "invitation_not_found"),
        (f"/api/v1/interviews/{interview['id']}/confirm", "interview_not_found"),
        (f"/api/v1/offers/{offer['id']}/accept", "offer_not_found"),
        (f"/api/v1/offers/{offer['id']}/decline", "offer_not_found"),
    ]
    for route, code in seeker_routes:
        assert client.post(route, json={}).status_code == 401
        assert client.post(route, json={}, headers=employer).status_code == 403
        answer = client.post(route, json={}, headers=intruder)
        assert (answer.status_code, answer.json["error"]["code"]) == (404, code)
    assert client.get("/api/v1/me/invitations", headers=intruder).json == []
    calendar = f"/api/v1/interviews/{interview['id']}/calendar.ics"
    assert client.get(calendar, headers=stranger).status_code == 404
    assert client.get(calendar, headers=intruder).status_code == 404
    assert client.get(calendar, headers=employer).status_code == 200
    assert client.get(calendar).status_code == 401
    assert session.scalar(select(Placement.id).where(Placement.post_id == post.id)) is None


def test_a_date_past_the_calendar_s_end_is_refused_not_a_server_error(client, session, scene,
                                                                      employer_user, bureau):
    """A trainee's or a public-welfare term ending after 9999-12-31 cannot be computed: the API
    refuses a year outside 1900–2100 at its edge (422), for an offer and a placement alike."""
    _, candidate, employer, me = scene
    from tests.factories import make_program
    post = make_post(session, employer_user.employer, kind="trainee",
                     program_id=make_program(session, kind="trainee").id, education_min="associate")
    welfare = make_post(session, employer_user.employer, kind="public_welfare",
                        program_id=make_program(session).id, education_min="none")
    session.commit()
    application_id = _applied(client, post, me)
    offered = client.post(f"/api/v1/applications/{application_id}/offer",
                          json={**OFFER, "start_date": "9999-12-31", "term_months": 3}, headers=employer)
    assert offered.status_code == 422 and "start_date" in offered.json["error"]["fields"]
    placed = client.post("/api/v1/placements", headers=bearer(client, bureau.phone), json={
        "post_id": welfare.id, "candidate_id": candidate.id, "start_date": "9999-12-31"})
    assert placed.status_code == 422 and "start_date" in placed.json["error"]["fields"]


def test_an_expired_offer_may_be_made_again(app, client, scene, employer_user):
    """An offer left unanswered past its 7 days holds no slot and can no longer be accepted;
    the application stays 已发录用通知, and the employer may send a new offer (one pending
    at a time) rather than being left to hire unanswered or reject."""
    post, _, employer, me = scene
    application_id = _applied(client, post, me)
    route = f"/api/v1/applications/{application_id}/offer"
    first = client.post(route, json=OFFER, headers=employer).json
    again = client.post(route, json=OFFER, headers=employer)
    assert (again.status_code, again.json["error"]["code"]) == (409, "application_closed")
    app.config["AS_OF_DATE"] = date(2020, 9, 9)
    late = client.post(f"/api/v1/offers/{first['id']}/accept", headers=me)
    assert (late.status_code, late.json["error"]["code"]) == (409, "offer_closed")
    login(client, employer_user.phone)
    page = client.get(f"/employer/applications/{application_id}").get_data(as_text=True)
    assert f"/employer/applications/{application_id}/offer" in page  # the form again
    second = client.post(route, json={**OFFER, "start_date": "2020-09-20"}, headers=employer)
    assert second.status_code == 201
    accepted = client.post(f"/api/v1/offers/{second.json['id']}/accept", headers=me)
    assert (accepted.json["status"], accepted.json["stage"]) == ("accepted", "hired")
