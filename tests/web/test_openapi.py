"""The OpenAPI document: valid, complete, with every error code the routes answer, and
rendered as a docs page without inline code."""

import re

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from tests.factories import make_employer, make_post, make_program, make_user
from tests.web.helpers import bearer

# DESIGN.md "HTTP contract", under /api/v1 (GET /healthz lives outside the API blueprint).
CONTRACT = [
    ("post", "/auth/register"), ("post", "/auth/token"), ("get", "/posts"),
    ("get", "/posts/{post_id}"), ("post", "/posts"), ("get", "/posts/{post_id}/candidates"),
    ("get", "/me/recommendations"), ("post", "/posts/{post_id}/applications"),
    ("get", "/candidates"), ("post", "/employers/{employer_id}/verify"), ("get", "/programs"),
    ("post", "/placements"),
]


@pytest.fixture
def spec(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json


def codes(spec, method, path, status) -> list[str]:
    schema = spec["paths"][path][method]["responses"][str(status)]["content"]["application/json"]["schema"]
    return schema["properties"]["error"]["properties"]["code"]["enum"]


def conforms(spec, method, path, response) -> None:
    """The answer's status is documented and its body matches the documented schema."""
    documented = spec["paths"][path][method]["responses"]
    assert str(response.status_code) in documented, (method, path, response.status_code)
    schema = documented[str(response.status_code)]["content"]["application/json"]["schema"]
    validator = Draft202012Validator({**schema, "components": spec["components"]})
    errors = [e.message for e in validator.iter_errors(response.json)]
    assert not errors, (method, path, errors)


def test_the_document_is_valid_openapi_3_1(spec):
    validate(spec)
    assert spec["openapi"].startswith("3.1")
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_every_api_route_is_documented_with_each_of_its_methods(app, spec):
    routes = [rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("api.")]
    assert len(routes) >= len(CONTRACT)
    for rule in routes:
        path = re.sub(r"<(?:[^:>]+:)?(\w+)>", r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert method.lower() in spec["paths"].get(path, {}), f"{method} {path} is undocumented"


@pytest.mark.parametrize(("method", "path"), CONTRACT)
def test_every_route_of_the_design_contract_is_in_the_document(spec, method, path):
    assert method in spec["paths"]["/api/v1" + path]


def test_routes_needing_a_login_say_so_and_document_401_and_403(spec):
    for path, methods in spec["paths"].items():
        for method, item in methods.items():
            if "security" in item:
                assert item["security"] == [{"bearerAuth": []}]
                assert "unauthorized" in codes(spec, method, path, 401)
                assert "forbidden" in codes(spec, method, path, 403)
    assert "security" not in spec["paths"]["/api/v1/posts"]["get"]


def test_the_contracts_error_codes_are_documented(spec):
    assert "already_applied" in codes(spec, "post", "/api/v1/posts/{post_id}/applications", 409)
    assert {"post_full", "already_placed", "ineligible"} <= set(
        codes(spec, "post", "/api/v1/placements", 409))
    assert "invalid_query" in codes(spec, "get", "/api/v1/posts", 422)
    assert {"invalid_json", "invalid_request"} <= set(codes(spec, "post", "/api/v1/posts", 422))
    assert "invalid_credentials" in codes(spec, "post", "/api/v1/auth/token", 401)
    limited = spec["paths"]["/api/v1/auth/token"]["post"]["responses"]["429"]
    assert "Retry-After" in limited["headers"]


def test_query_parameters_come_from_the_model_that_parses_them(spec):
    parameters = {p["name"]: p for p in spec["paths"]["/api/v1/posts"]["get"]["parameters"]}
    assert {"q", "kind", "township", "industry", "education", "salary", "page", "per_page"} <= set(parameters)
    assert parameters["kind"]["schema"]["enum"] == ["regular", "trainee", "public_welfare"]
    assert parameters["per_page"]["schema"]["maximum"] == 100


def test_answers_and_errors_conform_to_the_document(client, session, spec, app):
    employer = make_employer(session)
    program = make_program(session, kind="public_welfare")
    post = make_post(session, employer, kind="public_welfare", program_id=program.id)
    bureau = bearer(client, make_user(session, role="bureau").phone)
    seeker = bearer(client, make_user(session).phone)
    answers = [
        ("get", "/api/v1/posts", client.get("/api/v1/posts?q=消杀")),
        ("get", "/api/v1/posts", client.get("/api/v1/posts?kind=vip")),
        ("get", "/api/v1/posts/{post_id}", client.get(f"/api/v1/posts/{post.id}")),
        ("get", "/api/v1/posts/{post_id}", client.get("/api/v1/posts/999999")),
        ("get", "/api/v1/programs", client.get("/api/v1/programs")),
        ("get", "/api/v1/candidates", client.get("/api/v1/candidates", headers=bureau)),
        ("get", "/api/v1/candidates", client.get("/api/v1/candidates", headers=seeker)),
        ("get", "/api/v1/candidates", client.get("/api/v1/candidates")),
        ("post", "/api/v1/posts", client.post("/api/v1/posts", headers=bureau, data="[",
                                              content_type="application/json")),
        ("post", "/api/v1/posts", client.post("/api/v1/posts", headers=bureau, json={"slots": 0})),
        ("post", "/api/v1/placements", client.post("/api/v1/placements", headers=bureau, json={
            "post_id": post.id, "candidate_id": 999_999, "start_date": "2020-09-01"})),
        ("post", "/api/v1/auth/token", client.post("/api/v1/auth/token", json={
            "phone": "13000000000", "password": "wrong-password"})),
        ("get", "/api/v1/me/applications", client.get("/api/v1/me/applications", headers=seeker)),
    ]
    for method, path, response in answers:
        conforms(spec, method, path, response)


def test_the_docs_page_renders_every_route_without_inline_code(client, spec):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "接口文档" in page and "数据结构" in page and "错误码" in page
    assert "<script" not in page and "style=" not in page and "<style" not in page
    assert "https://" not in page  # nothing is fetched from a CDN
    for path, methods in spec["paths"].items():
        for method in methods:
            assert f"{method.upper()} {path}" in page
    assert "already_applied" in page and "invalid_query" in page
