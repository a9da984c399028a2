"""A NUL character in any input is refused with a clear message, before it can reach the
database (PostgreSQL cannot store NUL in text: schemathesis found a 500 this way)."""

import pytest
from sqlalchemy import func, select

from models import Post, User
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


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


@pytest.mark.parametrize("method, path", [
    ("get", "/healthz"), ("post", "/api/v1/posts"), ("post", "/api/v1/auth/token"),
    ("post", "/login"), ("get", "/posts"),
])
@pytest.mark.parametrize("depth", [327, 100_000])
def test_deeply_nested_json_gets_400_invalid_request_on_every_route(client, method, path, depth):
    # 327 levels broke the NUL check; 100,000 break json.loads itself.
    answer = getattr(client, method)(path, data=nested(depth), content_type="application/json")
    assert answer.status_code == 400
    error = answer.json["error"]
    assert error["code"] == "invalid_request" and "嵌套层数过多（最多 32 层）" in error["message"]
    assert client.get("/healthz").status_code == 200


def test_json_nested_32_deep_passes_the_check(client):
    assert client.get("/healthz", data=nested(32), content_type="application/json").status_code == 200
    assert client.get("/healthz", data=nested(33), content_type="application/json").status_code == 400


SEEKER = {"role": "seeker", "phone": "13605910071", "password": "闽江学院2020届", "name": "黄志强",
          "id_number": "11010519491231002X", "education": "associate"}
HIDDEN = ["\u202e", "\u202a", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c", "\u200b", "\u200d",
          "\u2060", "\ufeff"]


@pytest.mark.parametrize("hidden", HIDDEN)
def test_a_name_holding_a_bidi_control_or_zero_width_character_is_refused_by_the_api(
        client, session, hidden):
    before = session.scalar(select(func.count()).select_from(User))
    answer = client.post("/api/v1/auth/register", json={**SEEKER, "name": f"黄{hidden}志强"})
    assert answer.status_code == 422
    error = answer.json["error"]
    assert error["code"] == "invalid_request"
    assert error["fields"] == {"name": "含有不可见的格式控制字符（文字方向控制符或零宽字符）"}
    assert session.scalar(select(func.count()).select_from(User)) == before


def test_employer_names_and_post_titles_refuse_hidden_characters_in_the_api(client, session):
    answer = client.post("/api/v1/auth/register", json={
        "role": "employer", "phone": "13605910072", "password": "跨境电商2020!", "name": "陈海燕",
        "employer_name": "海丝\u202egnp.exe", "credit_code": "91350112MA34Y7KX1X"})
    assert answer.status_code == 422 and "employer_name" in answer.json["error"]["fields"]
    employer = make_employer(session)
    headers = bearer(client, make_user(session, role="employer", employer=employer).phone)
    before = _posts(session)
    answer = client.post("/api/v1/posts", headers=headers, json={
        "kind": "regular", "title": "出\u200b纳", "industry": "商贸", "township": "航城街道", "slots": 1})
    assert answer.status_code == 422 and list(answer.json["error"]["fields"]) == ["title"]
    assert _posts(session) == before
    # Names written in other scripts, with a middle dot, stay welcome.
    answer = client.post("/api/v1/auth/register", json={**SEEKER, "name": "阿卜杜拉·买买提"})
    assert answer.status_code == 201


def test_name_fields_on_pages_refuse_hidden_characters_with_a_chinese_message(client, session):
    before = session.scalar(select(func.count()).select_from(User))
    page = client.post("/register/seeker", data={
        "name": "陈\u202e雨桐", "phone": "13705910071", "id_number": "11010519491231002X",
        "education": "bachelor", "password": "长乐就业2020", "confirm": "长乐就业2020",
        "csrf_token": csrf_token(client, "/register/seeker")}).get_data(as_text=True)
    assert "不能含有不可见的格式控制字符" in page
    assert session.scalar(select(func.count()).select_from(User)) == before
    user = make_user(session, role="employer", employer=make_employer(session))
    login(client, user.phone)
    before = _posts(session)
    page = client.post("/employer/posts/new", data={
        "csrf_token": csrf_token(client, "/employer/posts/new"), "kind": "regular",
        "title": "出纳\ufeff", "industry": "商贸", "township": "航城街道", "slots": "1",
        "education_min": "none"}).get_data(as_text=True)
    assert "不能含有不可见的格式控制字符" in page
    assert _posts(session) == before


@pytest.mark.parametrize("path, name", [
    ("/bureau/posts", "employer"), ("/bureau/placements", "program"),
    ("/bureau/subsidies", "employer"), ("/bureau/subsidies", "program"),
    ("/bureau/subsidy-claims", "program"), ("/bureau/subsidies.xlsx", "employer"),
    ("/bureau/subsidies/finance.xlsx", "employer"),
])
def test_an_id_no_row_can_have_in_a_bureau_filter_is_no_filter(client, session, path, name):
    """A hand-edited link (`?employer=99999999999999999999`) filters nothing instead of
    reaching a query the database refuses (a 500)."""
    login(client, make_user(session, role="bureau").phone)
    for value in ("99999999999999999999", str(2**31), "0", "-3"):
        assert client.get(path, query_string={name: value}).status_code == 200


def test_an_id_beyond_integer_is_404_whichever_method_another_rule_of_the_path_takes(client):
    """GET and PUT /posts/<id> are two rules: a bound checked only after matching made the
    router answer 405 for the one not asked (schemathesis found it)."""
    for method, path in (("GET", "/api/v1/posts/2147483648"), ("PUT", "/api/v1/posts/2147483648"),
                         ("GET", "/api/v1/posts/2147483648/applications"),
                         ("POST", "/api/v1/posts/99999999999/close")):
        assert client.open(path, method=method, json={}).status_code == 404, (method, path)
    assert client.get("/api/v1/posts/2147483647").status_code == 404  # in range, no such row


def test_a_json_string_over_its_max_length_as_sent_is_refused_even_if_space_pads_it(client, session):
    """The schema's maxLength counts what was sent; the whitespace around a value is stripped
    only after (schemathesis: a phone of 21 characters, one a leading newline, was accepted)."""
    over = client.post("/api/v1/auth/password-reset", json={"phone": "\n" + "1" * 20})
    assert over.status_code == 422
    error = over.json["error"]
    assert error["code"] == "invalid_request" and error["fields"] == {"phone": "内容过长"}
    padded = client.post("/api/v1/auth/password-reset", json={"phone": " 13800000000 "})
    assert padded.status_code == 202
