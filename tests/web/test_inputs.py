"""A NUL character in any input is refused with a clear message, before it can reach the
database (PostgreSQL cannot store NUL in text: schemathesis found a 500 this way)."""

from sqlalchemy import func, select

from models import Post
from tests.factories import make_employer, make_user
from tests.web.helpers import bearer, csrf_token, login


def _posts(session) -> int:
    return session.scalar(select(func.count()).select_from(Post))


def test_a_json_body_holding_nul_is_refused_and_nothing_is_written(client, session):
    employer = make_employer(session)
    headers = bearer(client, make_user(session, role="employer", employer=employer).phone)
    before = _posts(session)
    answer = client.post("/api/v1/posts", headers=headers, json={
        "kind": "regular", "title": "出纳", "industry": "商贸\u0000", "township": "航城街道", "slots": 1})
    assert answer.status_code == 422
    assert answer.json["error"]["code"] == "invalid_request" and "空字符" in answer.json["error"]["message"]
    assert _posts(session) == before
    nested = client.post("/api/v1/posts", headers=headers, json={"majors": ["会计\u0000"], "title": "出纳"})
    assert nested.status_code == 422 and nested.json["error"]["code"] == "invalid_request"


def test_a_query_parameter_holding_nul_is_invalid_query(client):
    answer = client.get("/api/v1/posts?q=%E4%BC%9A%E8%AE%A1%00")
    assert answer.status_code == 422 and answer.json["error"]["fields"] == {"q": "含有空字符"}


def test_a_form_field_holding_nul_gets_a_chinese_page(client, session):
    user = make_user(session, role="employer", employer=make_employer(session))
    login(client, user.phone)
    before = _posts(session)
    page = client.post("/employer/posts/new", data={
        "csrf_token": csrf_token(client, "/employer/posts/new"), "kind": "regular", "title": "出纳\u0000",
        "industry": "商贸", "township": "航城街道", "slots": "1", "education_min": "none"})
    assert page.status_code == 422 and "空字符" in page.get_data(as_text=True)
    assert _posts(session) == before
