"""An employer places only by hiring its own applicant, and no answer it gets tells a sensitive
group (hardship, 低保, poverty, unemployment) apart; the bureau keeps its full placement power."""

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from models import Application, AuditEntry, GroupClaim, Placement
from services.placements import EMPLOYER_REFUSAL
from tests.factories import make_candidate, make_employer, make_post, make_program, make_user
from tests.web.helpers import bearer, csrf_token, login

START = "2020-09-01"
SENSITIVE_WORDS = ("低保", "困难", "脱贫", "贫困", "失业", "就业", "公益")


def _person(session, group: str | None, status: str = "verified", **overrides):
    fields = dict(education="junior_high", school="", major="", graduation_date=None,
                  birth_date=date(1976, 4, 2))
    fields.update(overrides)
    person = make_candidate(session, **fields)
    if group:
        person.group_claims.append(GroupClaim(group=group, status=status))
    session.flush()
    return person


def _people(session) -> dict[str, int]:
    """One of each: eligible for public welfare by each sensitive group, and ineligible ones."""
    people = {
        "hardship": _person(session, "hardship"),
        "low_income": _person(session, "low_income"),
        "poverty": _person(session, "poverty"),
        "unemployed": _person(session, "registered_unemployed", unemployed_since=date(2019, 11, 1)),
        "declared_only": _person(session, "low_income", status="declared"),
        "no_group": _person(session, None),
        "employed": _person(session, "registered_unemployed", employed=True),
    }
    return {name: person.id for name, person in people.items()}


def _apply(session, post_id: int, candidate_ids, status: str = "offered") -> None:
    for candidate_id in candidate_ids:
        session.add(Application(post_id=post_id, candidate_id=candidate_id, status=status))
    session.flush()


def _in_another_welfare_post(client, session, bureau: dict, post, candidate_id: int) -> None:
    """The bureau places the person in another employer's public-welfare post."""
    other = make_post(session, make_employer(session), kind="public_welfare",
                      program_id=post.program_id, education_min="none")
    assert client.post("/api/v1/placements", headers=bureau, json={
        "post_id": other.id, "candidate_id": candidate_id, "start_date": START}
    ).status_code == 201


@pytest.fixture
def welfare(session):
    program = make_program(session)
    employer = make_employer(session)
    post = make_post(session, employer, kind="public_welfare", program_id=program.id,
                     education_min="none", slots=1)
    owner = make_user(session, role="employer", employer=employer)
    return post, owner


def _answer(response) -> tuple[int, str]:
    """Status and body, less the correlation id that makes every answer's body its own."""
    error = response.json["error"]
    return response.status_code, json.dumps({k: v for k, v in error.items() if k != "request_id"},
                                             ensure_ascii=False, sort_keys=True)


def _placements(session, post_id: int) -> int:
    return session.scalar(select(func.count(Placement.id)).where(Placement.post_id == post_id))


def test_an_employer_placing_someone_who_did_not_apply_gets_404_and_nothing_is_written(
        client, session, welfare):
    post, owner = welfare
    person = _person(session, "registered_unemployed", unemployed_since=date(2019, 11, 1))
    response = client.post("/api/v1/placements", headers=bearer(client, owner.phone), json={
        "post_id": post.id, "candidate_id": person.id, "start_date": START})
    assert response.status_code == 404
    assert response.json["error"]["code"] == "application_not_found"
    assert _placements(session, post.id) == 0
    assert session.scalar(select(AuditEntry.id).where(AuditEntry.action == "place")) is None


def test_walking_candidate_ids_over_a_full_welfare_post_tells_no_one_apart(client, session, welfare):
    post, owner = welfare
    bureau = bearer(client, make_user(session, role="bureau").phone)
    filler = _person(session, "hardship")
    assert client.post("/api/v1/placements", headers=bureau, json={
        "post_id": post.id, "candidate_id": filler.id, "start_date": START}).status_code == 201
    strangers = _people(session)
    applicants = _people(session)
    _apply(session, post.id, applicants.values())
    # One applicant already holds another public-welfare post: that too is a sensitive fact.
    _in_another_welfare_post(client, session, bureau, post, applicants["hardship"])
    token = bearer(client, owner.phone)

    def walk(ids) -> set[tuple[int, str]]:
        answers = set()
        for candidate_id in ids:
            response = client.post("/api/v1/placements", headers=token, json={
                "post_id": post.id, "candidate_id": candidate_id, "start_date": START})
            answers.add(_answer(response))
        return answers

    [(status, _)] = walk([*strangers.values(), 999_999])
    assert status == 404
    [(status, body)] = walk(applicants.values())
    assert status == 409 and '"post_full"' in body
    assert _placements(session, post.id) == 1


def test_the_hire_step_refuses_an_ineligible_applicant_without_naming_the_rule(
        client, session, welfare):
    post, owner = welfare
    post.slots = 5
    bureau = bearer(client, make_user(session, role="bureau").phone)
    people = _people(session)
    refused = [people["declared_only"], people["no_group"], people["employed"], people["poverty"]]
    _apply(session, post.id, refused)
    _in_another_welfare_post(client, session, bureau, post, people["poverty"])
    token = bearer(client, owner.phone)
    answers = set()
    for candidate_id in refused:
        application_id = session.scalar(select(Application.id).where(
            Application.post_id == post.id, Application.candidate_id == candidate_id))
        stage = client.post(f"/api/v1/applications/{application_id}/stage", headers=token,
                            json={"to": "hired", "start_date": START})
        placed = client.post("/api/v1/placements", headers=token, json={
            "post_id": post.id, "candidate_id": candidate_id, "start_date": START})
        answers |= {_answer(r) for r in (stage, placed)}
    [(status, body)] = answers
    assert status == 409 and '"ineligible"' in body
    assert not any(word in body for word in SENSITIVE_WORDS), body
    assert _placements(session, post.id) == 0


def test_an_employer_hires_its_offered_applicant_through_the_placement_route(
        client, session, welfare):
    post, owner = welfare
    people = _people(session)
    _apply(session, post.id, [people["low_income"]])
    _apply(session, post.id, [people["unemployed"]], status="interview")
    token = bearer(client, owner.phone)
    early = client.post("/api/v1/placements", headers=token, json={
        "post_id": post.id, "candidate_id": people["unemployed"], "start_date": START})
    assert early.status_code == 422 and early.json["error"]["code"] == "invalid_stage"
    response = client.post("/api/v1/placements", headers=token, json={
        "post_id": post.id, "candidate_id": people["low_income"], "start_date": START,
        "contract_months": 12})
    assert response.status_code == 201, response.json
    application = session.scalar(select(Application).where(
        Application.post_id == post.id, Application.candidate_id == people["low_income"]))
    assert application.status == "hired"
    placement = session.scalar(select(Placement).where(Placement.post_id == post.id))
    assert placement.contract_months == 12


def test_the_bureau_still_places_anyone_eligible_and_hears_why_not(client, session, welfare):
    post, _owner = welfare
    bureau = bearer(client, make_user(session, role="bureau").phone)
    people = _people(session)
    refused = client.post("/api/v1/placements", headers=bureau, json={
        "post_id": post.id, "candidate_id": people["declared_only"], "start_date": START})
    assert refused.status_code == 409 and refused.json["error"]["fields"]["reasons"]
    placed = client.post("/api/v1/placements", headers=bureau, json={
        "post_id": post.id, "candidate_id": people["hardship"], "start_date": START})
    assert placed.status_code == 201, placed.json
    assert _placements(session, post.id) == 1


def test_the_hire_page_shows_the_same_refusal_and_none_of_the_bureaus_reasons(
        client, session, welfare):
    post, owner = welfare
    person = _person(session, "low_income", status="declared")
    _apply(session, post.id, [person.id])
    bureau = bearer(client, make_user(session, role="bureau").phone)
    reasons = client.post("/api/v1/placements", headers=bureau, json={
        "post_id": post.id, "candidate_id": person.id, "start_date": START}
    ).json["error"]["fields"]["reasons"]
    assert reasons
    application_id = session.scalar(select(Application.id).where(Application.post_id == post.id))
    login(client, owner.phone)
    path = f"/employer/posts/{post.id}"
    page = client.post(f"/employer/applications/{application_id}/stage", follow_redirects=True,
                       data={"to": "hired", "start_date": START,
                             "csrf_token": csrf_token(client, path)}).get_data(as_text=True)
    assert EMPLOYER_REFUSAL in page
    assert not any(reason in page for reason in reasons)
    assert _placements(session, post.id) == 0



@pytest.mark.parametrize("start", [0, 1_600_000_000, 20200901.0, ["2020-09-01"]])
def test_a_start_that_is_no_iso_date_text_places_no_one(client, session, welfare, start):
    # pydantic would read a number as seconds since 1970: schemathesis placed someone on
    # 1970-01-01 from `"start_date": 0`.
    post, _ = welfare
    bureau = bearer(client, make_user(session, role="bureau").phone)
    person = _person(session, "hardship")
    response = client.post("/api/v1/placements", headers=bureau, json={
        "post_id": post.id, "candidate_id": person.id, "start_date": start})
    assert response.status_code == 422
    assert response.json["error"]["code"] == "invalid_request"
    assert response.json["error"]["fields"] == {"start_date": "应为日期（YYYY-MM-DD）"}
    assert _placements(session, post.id) == 0
