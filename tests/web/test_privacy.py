"""Masking everywhere: every GET page and JSON answer an employer, another seeker or the bureau
can reach is searched for whole 身份证号 and phones; the reads that do show them are audited."""

import re
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from models import AuditEntry, Candidate, Employer, GroupClaim, User
from policy.identifiers import mask_id_number
from services.placements import place_candidate
from services.unemployment import register
from tests.factories import make_candidate, make_post, make_program, make_user
from tests.web.conftest import TODAY
from tests.web.helpers import bearer, csrf_token, login

pytestmark = pytest.mark.usefixtures("instant_index")

ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{16}[\dX](?![0-9A-Za-z])")
PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
PROFILE_STEPS = ("basic", "education", "intent", "situation")
PARAMETER = re.compile(r"<(?:[^:<>]+:)?(\w+)>")  # <int:post_id>, <id:post_id>, <step>


def _person(session, name, groups=("hardship", "low_income"), status="verified", **overrides):
    fields = dict(name=name, education="high_school", school="", major="", graduation_date=None,
                  open_to_offers=True, desired="社区消杀 保洁", skills="消毒 防疫")
    fields.update(overrides)
    person = make_candidate(session, **fields)
    person.group_claims.extend(GroupClaim(group=g, status=status) for g in groups)
    session.flush()
    return person


@pytest.fixture
def world(client, session, seeker, employer_user, bureau):
    """An employer's public-welfare post with one applicant, a recommended bystander, a person
    placed by the bureau, a claim waiting for verification and an unemployment registration."""
    program = make_program(session)
    post = make_post(session, employer_user.employer, kind="public_welfare", program_id=program.id,
                     title="社区消杀防疫员", description="负责小区公共区域消毒、防疫宣传",
                     education_min="none", township="营前街道")
    applicant_user = make_user(session)
    applicant = _person(session, "欧阳春梅", user_id=applicant_user.id, experience="社区保洁三年")
    bystander = _person(session, "林春花")
    placed = _person(session, "郑秀英", open_to_offers=False)
    _person(session, "陈美玲", groups=("registered_unemployed",), status="declared")
    place_candidate(session, bureau, post.id, placed.id, TODAY)
    register(session, seeker, "吴航街道", TODAY.replace(month=3), "", TODAY,
             able_to_work=True, wants_work=True)
    session.flush()
    response = client.post(f"/api/v1/posts/{post.id}/applications",
                           headers=bearer(client, applicant_user.phone))
    assert response.status_code == 201
    return {"post": post, "applicant": applicant, "bystander": bystander, "placed": placed,
            "application_id": response.json["id"]}


def _crawl(client, app, headers: dict, ids: dict) -> dict[str, str]:
    """Every GET route's answer (pages with the logged-in cookie, the API with the token)."""
    bodies = {}
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        assert set(rule.arguments) <= ids.keys(), f"{rule.rule}: give the crawl a value to try"
        paths = [rule.rule]
        for name in rule.arguments:
            paths = [PARAMETER.sub(lambda m, v=v, name=name: str(v) if m[1] == name else m[0], p)
                     for p in paths for v in ids.get(name, ())]
        for path in paths:
            response = client.get(path, headers=headers if path.startswith("/api/") else {})
            if response.mimetype.endswith("spreadsheetml.sheet"):
                book = load_workbook(BytesIO(response.data))
                bodies[path] = "\n".join(str(cell.value) for sheet in book for row in sheet.iter_rows()
                                         for cell in row if cell.value is not None)
            else:
                bodies[path] = response.get_data(as_text=True)
    return bodies


def _found(bodies: dict[str, str], pattern: re.Pattern) -> dict[str, set[str]]:
    hits = {path: set(pattern.findall(body)) for path, body in bodies.items()}
    return {path: found for path, found in hits.items() if found}


def _employer_phones(session) -> set[str]:
    users = set(session.scalars(select(User.phone).where(User.role == "employer")))
    return users | set(session.scalars(select(Employer.contact_phone)))


def _ids_for(world) -> dict:
    return {"post_id": [world["post"].id], "step": PROFILE_STEPS, "search_id": [1],
            "employer_id": [world["post"].employer_id], "kind": ["posts", "candidates"],
            "application_id": [world["application_id"]], "message_id": [1],
            "interview_id": [1], "attachment_id": [1], "claim_id": [1],
            "candidate_id": [world["applicant"].id, world["placed"].id]}


def test_an_employer_sees_no_whole_id_number_and_only_applicants_phones(client, app, session, world,
                                                                         employer_user):
    login(client, employer_user.phone)
    bodies = _crawl(client, app, bearer(client, employer_user.phone), _ids_for(world))
    assert _found(bodies, ID_NUMBER) == {}
    allowed = _employer_phones(session) | {world["applicant"].phone}
    assert {path: found - allowed for path, found in _found(bodies, PHONE).items() if found - allowed} == {}
    page = bodies[f"/employer/posts/{world['post'].id}"]
    assert world["applicant"].phone in page and mask_id_number(world["bystander"].id_number) in page
    about_people = (page + bodies[f"/api/v1/posts/{world['post'].id}/candidates"]
                    + bodies[f"/api/v1/posts/{world['post'].id}/applications"]
                    + bodies[f"/employer/applications/{world['application_id']}"])
    assert world["applicant"].experience in about_people
    for secret in ("hardship", "low_income", "poverty", "就业困难", "低保", "脱贫"):
        assert secret not in about_people


def test_another_seeker_sees_only_their_own_numbers(client, app, session, world, seeker):
    login(client, seeker.phone)
    bodies = _crawl(client, app, bearer(client, seeker.phone), _ids_for(world))
    ids = {i for found in _found(bodies, ID_NUMBER).values() for i in found}
    phones = {p for found in _found(bodies, PHONE).values() for p in found}
    others = [world["applicant"], world["bystander"], world["placed"]]
    assert not ids & {c.id_number for c in others}
    own = session.scalar(select(Candidate).where(Candidate.user_id == seeker.id))
    assert phones <= _employer_phones(session) | {seeker.phone, own.phone}


def test_the_bureau_sees_every_number_masked_outside_the_reveal(client, app, session, world, bureau):
    login(client, bureau.phone)
    bodies = _crawl(client, app, bearer(client, bureau.phone), _ids_for(world))
    assert "/bureau/report.xlsx" in bodies and "郑秀英" in bodies["/bureau/report.xlsx"]
    assert _found(bodies, ID_NUMBER) == {}
    phones = {p for found in _found(bodies, PHONE).values() for p in found}
    assert phones <= _employer_phones(session) | {bureau.phone}


def test_township_staff_see_every_number_masked_outside_the_reveal(client, app, session, world, seeker):
    staff = make_user(session, role="township", township="吴航街道")
    login(client, staff.phone)
    ids = _ids_for(world)
    own = session.scalar(select(Candidate).where(Candidate.user_id == seeker.id))
    ids["candidate_id"] = [*ids["candidate_id"], own.id]  # registered in 吴航街道: theirs
    bodies = _crawl(client, app, bearer(client, staff.phone), ids)
    assert f"/township/people/{own.id}" in bodies and own.name in bodies[f"/township/people/{own.id}"]
    assert [path for path, body in bodies.items() if "服务器出了点问题" in body] == []  # no 500
    assert _found(bodies, ID_NUMBER) == {}
    phones = {p for found in _found(bodies, PHONE).values() for p in found}
    assert phones <= _employer_phones(session) | {staff.phone}


def test_an_employer_reading_an_applicants_contact_details_is_audited(client, session, world,
                                                                      employer_user):
    login(client, employer_user.phone)
    client.get(f"/employer/posts/{world['post'].id}")
    entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "view_contact")).all()
    assert [(e.actor_id, e.entity, e.entity_id, e.detail["post_id"]) for e in entries] == [
        (employer_user.id, "candidate", world["applicant"].id, world["post"].id)]


def test_the_bureaus_reveal_shows_the_whole_number_and_is_audited(client, session, world, bureau):
    login(client, bureau.phone)
    page_path = f"/bureau/posts/{world['post'].id}/candidates"
    person = world["bystander"]
    response = client.post(f"/bureau/candidates/{person.id}/id-number",
                           data={"csrf_token": csrf_token(client, page_path), "back": page_path,
                                 "purpose": "核实公益性岗位安置人员身份"})
    assert response.status_code == 200 and person.id_number in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "reveal_id_number"))
    assert (entry.actor_id, entry.entity, entry.entity_id) == (bureau.id, "candidate", person.id)
    assert entry.detail["purpose"] == "核实公益性岗位安置人员身份"
    assert entry.at is not None
    assert "核实公益性岗位安置人员身份" in client.get("/bureau/audit").get_data(as_text=True)


@pytest.mark.parametrize("purpose", [None, "", "   ", "查" * 101])
def test_the_reveal_without_a_purpose_asks_for_one_and_shows_nothing(client, session, world, bureau,
                                                                     purpose):
    login(client, bureau.phone)
    page_path = f"/bureau/posts/{world['post'].id}/candidates"
    person = world["bystander"]
    data = {"csrf_token": csrf_token(client, page_path), "back": page_path}
    if purpose is not None:
        data["purpose"] = purpose
    response = client.post(f"/bureau/candidates/{person.id}/id-number", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "查看目的" in page
    assert person.id_number not in page and mask_id_number(person.id_number) in page
    assert session.scalar(select(AuditEntry).where(AuditEntry.action == "reveal_id_number")) is None


def test_only_the_bureau_may_reveal_and_only_by_post(client, session, world, employer_user):
    person = world["bystander"]
    login(client, employer_user.phone)
    token = csrf_token(client, "/employer/")
    path = f"/bureau/candidates/{person.id}/id-number"
    assert client.post(path, data={"csrf_token": token}).status_code == 403
    assert client.get(path).status_code == 405
    assert session.scalar(select(AuditEntry).where(AuditEntry.action == "reveal_id_number")) is None
