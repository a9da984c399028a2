"""A seeker's own data: the download holds all of it, erasure removes who they are but keeps
what the statistics count, and both are audited."""

import json
from datetime import date

import pytest
from sqlalchemy import select, text

from models import Application, AuditEntry, Candidate, GroupClaim, MatcherChange, Placement, User
from services.placement_terms import end_placement
from services.placements import place_candidate
from services.programs import program_progress
from services.unemployment import register
from tests.factories import PASSWORD, make_employer, make_post, make_program
from tests.web.conftest import TODAY
from tests.web.helpers import csrf_token, login

pytestmark = pytest.mark.usefixtures("instant_index")


@pytest.fixture
def history(session, seeker, bureau):
    """The seeker applied to one post, was placed in another (ended), registered unemployed."""
    candidate = session.scalar(select(Candidate).where(Candidate.user_id == seeker.id))
    candidate.group_claims.append(GroupClaim(group="hardship", status="verified"))
    employer = make_employer(session)
    program = make_program(session)
    welfare = make_post(session, employer, kind="public_welfare", program_id=program.id,
                        education_min="none", title="社区消杀防疫员")
    other = make_post(session, employer, title="出纳", education_min="none")
    session.add(Application(post_id=other.id, candidate_id=candidate.id))
    placement = place_candidate(session, bureau, welfare.id, candidate.id, date(2020, 3, 2))
    register(session, seeker, "吴航街道", date(2020, 1, 6), "长乐某纺织厂", TODAY,
             able_to_work=True, wants_work=True)
    session.flush()
    return {"candidate": candidate, "placement": placement, "program": program, "other": other}


def _download(client):
    return client.post("/seeker/my-data", data={"csrf_token": csrf_token(client, "/seeker/")})


def _erase(client, password=PASSWORD):
    token = csrf_token(client, "/seeker/close-account")
    return client.post("/seeker/close-account",
                       data={"csrf_token": token, "current_password": password, "confirm": "y"})


def test_the_download_holds_the_profile_claims_applications_placements_and_registrations(
        client, session, seeker, history):
    login(client, seeker.phone)
    response = _download(client)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == "attachment; filename=jobbridge-my-data.json"
    assert response.headers["Cache-Control"] == "no-store"
    data = json.loads(response.data)
    person = history["candidate"]
    assert data["profile"]["id_number"] == person.id_number and data["profile"]["phone"] == person.phone
    assert data["profile"]["name"] == "林晓燕" and data["account"]["phone"] == seeker.phone
    assert data["group_claims"] == [{"group": "hardship", "status": "verified", "decided_at": None,
                                     "withdrawn_at": None}]
    [application] = data["applications"]
    assert application["post"] == "出纳" and application["status"] == "applied"
    [placement] = data["placements"]
    assert (placement["post"], placement["start_date"], placement["kind"]) == (
        "社区消杀防疫员", "2020-03-02", "public_welfare")
    [registration] = data["unemployment_registrations"]
    assert registration["previous_employer"] == "长乐某纺织厂"
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "export_personal_data"))
    assert (entry.actor_id, entry.entity_id) == (seeker.id, person.id)


def test_the_download_is_a_post_of_the_seeker_only(client, session, seeker, employer_user):
    assert client.get("/seeker/my-data").status_code == 405
    login(client, employer_user.phone)
    token = csrf_token(client, "/employer/")
    assert client.post("/seeker/my-data", data={"csrf_token": token}).status_code == 403


def test_erasure_removes_who_they_are_and_keeps_placements_and_counts(client, app, session, seeker,
                                                                       bureau, history):
    person, placement = history["candidate"], history["placement"]
    end_placement(session, bureau, placement.id, date(2020, 8, 31), "term_over")
    before = {p.id: p.placed for p in program_progress(session)}
    number, phone, login_phone = person.id_number, person.phone, seeker.phone
    login(client, seeker.phone)
    response = _erase(client)
    assert response.status_code == 302
    session.expire_all()
    person = session.get(Candidate, person.id)
    assert (person.name, person.id_number, person.phone, person.school, person.desired) == (
        "已注销用户", "", "", "", "")
    assert (person.id_number_encrypted, person.id_number_hash) == (None, None)
    assert person.birth_date == date(1998, 1, 1) and person.education == "bachelor"
    raw = " ".join(str(v) for v in session.execute(
        text("SELECT * FROM candidates WHERE id = :id"), {"id": person.id}).one())
    assert number not in raw and phone not in raw and "林晓燕" not in raw
    assert session.get(Placement, placement.id).candidate_id == person.id
    assert {p.id: p.placed for p in program_progress(session)} == before
    statuses = session.scalars(select(Application.status).where(Application.candidate_id == person.id))
    assert list(statuses) == ["withdrawn"]
    assert [g.group for g in person.group_claims] == ["hardship"]
    user = session.get(User, seeker.id)
    assert not user.active and user.name == "已注销用户" and user.phone != login_phone
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "erase_personal_data"))
    assert (entry.actor_id, entry.entity, entry.entity_id) == (seeker.id, "candidate", person.id)
    change = session.scalars(select(MatcherChange).where(MatcherChange.entity_id == person.id)
                             .order_by(MatcherChange.id.desc())).first()
    assert (change.entity, change.op) == ("candidate", "remove")


def test_after_erasure_the_session_and_the_login_are_gone_and_the_number_is_free(client, app, session,
                                                                                 seeker, bureau, history):
    end_placement(session, bureau, history["placement"].id, date(2020, 8, 31), "term_over")
    number, phone = history["candidate"].id_number, seeker.phone
    login(client, phone)
    other_device = app.test_client()
    login(other_device, phone)
    assert _erase(client).status_code == 302
    assert other_device.get("/seeker/").status_code == 302  # its cookie is no session any more
    assert login(app.test_client(), phone).status_code == 200  # the login form again
    token = csrf_token(client, "/register/seeker")
    response = client.post("/register/seeker", data={
        "csrf_token": token, "name": "林晓燕", "phone": phone, "id_number": number,
        "education": "bachelor", "password": "Changle@2021x", "confirm": "Changle@2021x"})
    assert response.status_code == 302
    assert session.scalar(select(Candidate.id).where(Candidate.has_id_number(number))) is not None


def test_erasure_needs_the_password_and_waits_for_an_active_placement_to_end(client, session, seeker,
                                                                             history):
    login(client, seeker.phone)
    assert "当前密码不正确" in _erase(client, "wrong-password").get_data(as_text=True)
    page = _erase(client).get_data(as_text=True)
    assert "尚在岗的安置记录" in page
    session.expire_all()
    assert session.get(Candidate, history["candidate"].id).name == "林晓燕"
    assert session.get(User, seeker.id).active
    assert session.scalar(select(AuditEntry).where(AuditEntry.action == "erase_personal_data")) is None
