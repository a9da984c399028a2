"""The JSON API: registration, tokens, public posts and programs, and its error shape."""

from datetime import date

import pytest
from sqlalchemy import func, select

from models import Candidate, Employer, MatcherChange, User
from policy.identifiers import make_credit_code
from tests.factories import make_employer, make_post, make_program, make_user
from tests.web.helpers import bearer

SEEKER = {
    "role": "seeker", "phone": "13605910011", "password": "闽江学院2020届",
    "name": "黄志强", "id_number": "11010519491231002X", "education": "associate",
}
EMPLOYER = {
    "role": "employer", "phone": "13605910012", "password": "跨境电商2020!", "name": "陈海燕",
    "employer_name": "福州长乐海丝跨境电商有限公司",
    "credit_code": make_credit_code("91350112MA34Y7KX1"), "ownership": "private",
    "size": "small", "staff_count": 32, "industry": "跨境电商", "township": "航城街道",
}


def _users(session):
    return session.scalar(select(func.count()).select_from(User))


def test_a_seeker_registers_and_gets_a_token(client, session):
    response = client.post("/api/v1/auth/register", json=SEEKER)
    assert response.status_code == 201
    assert response.json["role"] == "seeker" and response.json["token"]
    token = client.post("/api/v1/auth/token",
                        json={"phone": SEEKER["phone"], "password": SEEKER["password"]})
    assert token.status_code == 200 and token.json["token"]


def test_an_employer_registers_unverified_and_cannot_post_yet(client, session):
    response = client.post("/api/v1/auth/register", json={**EMPLOYER, "verified": True})
    assert response.status_code == 201
    employer = session.scalar(select(Employer).where(Employer.name == EMPLOYER["employer_name"]))
    assert employer.verified_at is None  # mass assignment of "verified" is ignored
    headers = {"Authorization": f"Bearer {response.json['token']}"}
    post = client.post("/api/v1/posts", headers=headers, json={
        "kind": "regular", "title": "亚马逊运营专员", "industry": "跨境电商",
        "township": "航城街道", "slots": 2})
    assert post.status_code == 403
    assert post.json["error"]["code"] == "employer_not_verified"


@pytest.mark.parametrize(("change", "code", "field"), [
    ({"phone": "1380013800"}, "invalid_phone", "phone"),
    ({"id_number": "110105194912310021"}, "invalid_id_number", "id_number"),
    ({"id_number": "110105199902300028"}, "invalid_id_number", "id_number"),
    ({"password": "12345678"}, "weak_password", "password"),
    ({"password": "short"}, "weak_password", "password"),
    ({"education": "phd"}, "invalid_education", "education"),
    ({"name": ""}, "missing_field", "name"),
    ({"role": "bureau"}, "invalid_request", "role"),
])
def test_bad_registrations_get_a_stable_code_and_write_nothing(client, session, change, code, field):
    before = _users(session)
    response = client.post("/api/v1/auth/register", json={**SEEKER, **change})
    assert response.status_code == 422, response.json
    error = response.json["error"]
    assert error["code"] == code
    assert field in error["fields"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error["message"])
    assert _users(session) == before


def test_a_bad_credit_code_is_refused(client, session):
    response = client.post("/api/v1/auth/register",
                           json={**EMPLOYER, "credit_code": "91350112MA34Y7KX1Z"})
    assert response.status_code == 422
    assert response.json["error"]["code"] == "invalid_credit_code"


def test_a_duplicate_phone_is_a_conflict(client, session):
    make_user(session, phone=SEEKER["phone"])
    response = client.post("/api/v1/auth/register", json=SEEKER)
    assert response.status_code == 409
    assert response.json["error"]["code"] == "phone_taken"


def test_missing_fields_are_listed(client):
    response = client.post("/api/v1/auth/register", json={"role": "seeker"})
    assert response.status_code == 422
    assert {"phone", "password", "name"} <= set(response.json["error"]["fields"])


def test_a_body_that_is_not_a_json_object_is_refused(client):
    for body in ("not json", "[1, 2]"):
        response = client.post("/api/v1/auth/register", data=body,
                               content_type="application/json")
        assert response.status_code == 422
        assert response.json["error"]["code"] == "invalid_json"


def test_wrong_credentials_get_401_with_one_message(client, session):
    user = make_user(session)
    wrong = client.post("/api/v1/auth/token", json={"phone": user.phone, "password": "x" * 9})
    unknown = client.post("/api/v1/auth/token", json={"phone": "13000000000", "password": "x" * 9})
    assert wrong.status_code == unknown.status_code == 401
    # The same answer but for each request's own correlation id.
    answers = [dict(r.json["error"]) for r in (wrong, unknown)]
    assert answers[0].pop("request_id") != answers[1].pop("request_id")
    assert answers[0] == answers[1]


def test_a_token_dies_with_logout_of_every_session(client, session, app):
    user = make_user(session, role="bureau")
    headers = bearer(client, user.phone)
    assert client.get("/api/v1/programs", headers=headers).status_code == 200
    employer = make_employer(session, verified=False)
    user.session_generation += 1
    session.flush()
    response = client.post(f"/api/v1/employers/{employer.id}/verify", headers=headers)
    assert response.status_code == 401


def test_public_posts_filter_and_paginate(client, session):
    employer = make_employer(session)
    program = make_program(session)
    make_post(session, employer, kind="public_welfare", program_id=program.id, title="消杀防疫员",
              township="梅花镇", education_min="none")
    make_post(session, employer, title="算法工程师", education_min="master", township="吴航街道")
    make_post(session, employer, title="已关闭的岗位", status="closed")
    everything = client.get("/api/v1/posts").json
    titles = {p["title"] for p in everything["items"]}
    assert {"消杀防疫员", "算法工程师"} <= titles and "已关闭的岗位" not in titles
    welfare = client.get("/api/v1/posts?kind=public_welfare&township=梅花镇").json
    assert [p["title"] for p in welfare["items"]] == ["消杀防疫员"]
    junior = client.get("/api/v1/posts?education=high_school").json
    assert "算法工程师" not in {p["title"] for p in junior["items"]}
    page = client.get("/api/v1/posts?per_page=1&page=2").json
    assert page["page"] == 2 and len(page["items"]) == 1 and page["total"] == everything["total"]


@pytest.mark.parametrize("query", ["kind=vip", "page=0", "page=abc", "education=phd",
                                   "per_page=-1"])
def test_bad_query_parameters_get_a_clear_error(client, query):
    response = client.get(f"/api/v1/posts?{query}")
    assert response.status_code == 422
    assert response.json["error"]["code"] == "invalid_query"


def test_programs_report_target_slots_offered_and_placed(client, session):
    program = make_program(session, target=500)
    employer = make_employer(session)
    make_post(session, employer, kind="public_welfare", program_id=program.id, slots=7)
    hidden = make_employer(session, verified=False)
    make_post(session, hidden, kind="public_welfare", program_id=program.id, slots=100)
    [row] = [p for p in client.get("/api/v1/programs").json if p["id"] == program.id]
    assert row == {"id": program.id, "name": program.name, "kind": "public_welfare",
                   "target": 500, "target_rule": "cap", "start_date": "2020-07-02",
                   "end_date": "2020-12-31", "slots_offered": 7, "placed": 0}


def test_a_verified_employer_creates_a_trainee_post_in_the_open_program(client, session, app):
    app.config["AS_OF_DATE"] = date(2020, 9, 1)
    program = make_program(session, kind="trainee", target=50)
    employer = make_employer(session)
    user = make_user(session, role="employer", employer=employer)
    response = client.post("/api/v1/posts", headers=bearer(client, user.phone), json={
        "kind": "trainee", "title": "财务核算见习岗", "industry": "物流", "township": "湖南镇",
        "education_min": "associate", "majors": ["会计学"], "slots": 2,
        "salary_min": 2000, "salary_max": 2600, "employer_id": 999_999, "status": "closed"})
    assert response.status_code == 201, response.json
    body = response.json
    assert body["employer_id"] == employer.id and body["status"] == "open"
    assert client.get(f"/api/v1/posts/{body['id']}").json["title"] == "财务核算见习岗"
    [row] = [p for p in client.get("/api/v1/programs").json if p["id"] == program.id]
    assert row["slots_offered"] == 2


def test_an_invalid_post_is_refused_with_its_fields(client, session):
    employer = make_employer(session)
    user = make_user(session, role="employer", employer=employer)
    response = client.post("/api/v1/posts", headers=bearer(client, user.phone), json={
        "kind": "regular", "title": "仓库管理员", "industry": "物流", "township": "纽约",
        "slots": 0, "salary_min": 5000, "salary_max": 3000})
    assert response.status_code == 422
    assert "slots" in response.json["error"]["fields"]


def test_unknown_urls_wrong_methods_and_oversized_bodies(client, app):
    assert client.get("/api/v1/no-such-thing").json["error"]["code"] == "not_found"
    assert client.get("/no-such-page").status_code == 404
    response = client.delete("/api/v1/programs")
    assert response.status_code == 405 and "GET" in response.headers["Allow"]
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = client.post("/api/v1/auth/register", data="x" * 4096,
                           content_type="application/json")
    assert response.status_code == 413
    assert response.json["error"]["code"] == "payload_too_large"


def test_healthz_answers_when_the_database_does(client):
    assert client.get("/healthz").json == {"status": "ok"}


def test_token_requests_are_limited_per_account_after_five_failures(client, session):
    user = make_user(session)
    for _ in range(5):
        response = client.post("/api/v1/auth/token", json={"phone": user.phone, "password": "x" * 9})
        assert response.status_code == 401
    blocked = client.post("/api/v1/auth/token", json={"phone": user.phone, "password": "x" * 9})
    assert blocked.status_code == 429
    assert blocked.json["error"]["code"] == "too_many_requests"
    assert int(blocked.headers["Retry-After"]) > 0


def test_a_token_request_with_an_odd_body_is_a_clean_422(client):
    for body in ([1, 2], {"phone": 13800000000, "password": "x"}, {"phone": None}):
        response = client.post("/api/v1/auth/token", json=body)
        assert response.status_code == 422, body


def test_a_new_seeker_enters_the_matcher_change_log(client, session):
    assert client.post("/api/v1/auth/register", json=SEEKER).status_code == 201
    candidate = session.scalar(select(Candidate).where(Candidate.phone == SEEKER["phone"]))
    logged = session.scalars(select(MatcherChange.entity_id).where(
        MatcherChange.entity == "candidate")).all()
    assert candidate.id in logged


def test_ids_beyond_the_databases_integer_are_not_found_or_refused(client, session):
    bureau = bearer(client, make_user(session, role="bureau").phone)
    assert client.get(f"/api/v1/posts/{2**31}").json["error"]["code"] == "not_found"
    response = client.post("/api/v1/placements", headers=bureau, json={
        "post_id": 74_860_116_651, "candidate_id": 1, "start_date": "2020-09-01"})
    assert response.status_code == 422
    assert "post_id" in response.json["error"]["fields"]


@pytest.mark.parametrize("query", ["kind=", "per_page=5&per_page=abc", "page=1&page=2"])
def test_empty_or_repeated_query_parameters_are_refused(client, query):
    response = client.get(f"/api/v1/posts?{query}")
    assert response.status_code == 422
    assert response.json["error"]["code"] == "invalid_query"


def test_a_post_closing_before_it_opens_is_refused(client, session, app):
    app.config["AS_OF_DATE"] = date(2020, 9, 1)
    user = make_user(session, role="employer", employer=make_employer(session))
    response = client.post("/api/v1/posts", headers=bearer(client, user.phone), json={
        "kind": "regular", "title": "仓库管理员", "industry": "物流", "township": "湖南镇",
        "slots": 1, "close_date": "2020-05-25"})
    assert response.status_code == 422
    assert response.json["error"]["code"] == "invalid_post"
    assert "close_date" in response.json["error"]["fields"]


def test_a_page_for_an_id_beyond_integer_is_not_found(client):
    assert client.get(f"/posts/{2**31}").status_code == 404


def test_the_bureau_creates_and_edits_programmes_through_the_api_with_stable_codes(client, session):
    bureau = make_user(session, role="bureau")
    headers = bearer(client, bureau.phone)
    body = {"kind": "public_welfare", "name": "2021年临时性公益岗位", "target": 300,
            "start_date": "2021-07-01", "end_date": "2021-01-01"}
    refused = client.post("/api/v1/programs", json=body, headers=headers)
    assert refused.status_code == 422
    assert refused.json["error"]["code"] == "invalid_program"
    assert set(refused.json["error"]["fields"]) == {"end_date"}
    created = client.post("/api/v1/programs", json={**body, "end_date": "2021-12-31"},
                          headers=headers)
    assert created.status_code == 201
    assert (created.json["target_rule"], created.json["slots_offered"]) == ("cap", 0)
    program_id = created.json["id"]
    edited = client.put(f"/api/v1/programs/{program_id}", headers=headers,
                        json={**body, "end_date": "2021-12-31", "target": 320})
    assert edited.status_code == 200 and edited.json["target"] == 320
    missing = client.put("/api/v1/programs/999999", headers=headers,
                         json={**body, "end_date": "2021-12-31"})
    assert missing.status_code == 404 and missing.json["error"]["code"] == "program_not_found"
    seeker = make_user(session, role="seeker")
    assert client.post("/api/v1/programs", json=body,
                       headers=bearer(client, seeker.phone)).status_code == 403


def test_a_programme_whose_dates_are_numbers_is_refused(client, session):
    # pydantic alone reads a number as seconds since 1970 (schemathesis created one on 1970-01-01).
    headers = bearer(client, make_user(session, role="bureau").phone)
    response = client.post("/api/v1/programs", headers=headers, json={
        "kind": "trainee", "name": "2021年就业见习", "target": 50, "start_date": 0,
        "end_date": "2021-12-31"})
    assert response.status_code == 422
    assert response.json["error"]["fields"] == {"start_date": "应为日期（YYYY-MM-DD）"}



def test_a_boolean_is_no_number_in_a_request_body(client, session):
    # Strict bodies: schemathesis created a programme whose monthly subsidy was `false`.
    headers = bearer(client, make_user(session, role="bureau").phone)
    response = client.post("/api/v1/programs", headers=headers, json={
        "kind": "public_welfare", "name": "2021年临时性公益岗位", "target": 300,
        "start_date": "2021-01-01", "end_date": "2021-06-30", "monthly_subsidy_fen": False})
    assert response.status_code == 422
    assert response.json["error"]["fields"] == {"monthly_subsidy_fen": "应为整数"}
