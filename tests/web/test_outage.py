"""A dependency that is down answers 503 with Retry-After — a Chinese page, or the JSON
`service_unavailable` under /api — on what needs it, while the rest keeps serving; /readyz
names the dependency. (tests/live/test_dependency_outage.py stops real servers under gunicorn.)"""

import sqlite3

import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from evaluation.serving import free_port
from models import AuditEntry
from models.db import make_engine, make_session_factory
from tests.factories import PASSWORD, make_employer, make_post, make_user
from tests.web.helpers import bearer, csrf_token, login
from web import create_app


@pytest.fixture
def redis_down(app, sessions):
    """The app with its failed-login counters in a Redis nobody listens to."""
    down = create_app({**app.config, "RATELIMIT_STORAGE_URI": f"redis://127.0.0.1:{free_port()}/0"})
    down.extensions["db"].sessions = sessions
    return down


@pytest.fixture
def database_down(app):
    """The app with its sessions bound to a PostgreSQL nobody listens to."""
    engine = make_engine(f"postgresql://postgres@127.0.0.1:{free_port()}/gone", pool_pre_ping=True)
    app.extensions["db"].sessions = make_session_factory(engine)
    yield app
    engine.dispose()


def _assert_outage_page(response):
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    assert "服务暂时不可用" in response.get_data(as_text=True)


def _assert_outage_json(response):
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    assert response.json["error"]["code"] == "service_unavailable"


def test_without_redis_every_login_answers_503_and_the_listing_still_serves(redis_down, session):
    user = make_user(session)
    post = make_post(session, make_employer(session))
    client = redis_down.test_client()
    for password in ("wrong-password-1", PASSWORD):
        _assert_outage_page(login(client, user.phone, password))
        _assert_outage_json(client.post("/api/v1/auth/token",
                                        json={"phone": user.phone, "password": password}))
    assert client.get("/login").status_code == 200
    assert client.get("/posts?q=会计").status_code == 200
    assert client.get(f"/posts/{post.id}").status_code == 200
    assert client.get("/api/v1/posts").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_without_redis_a_bureau_token_answers_503_and_never_500(redis_down, app, session):
    # The token was issued while the storage answered; its idle check reads the same Redis.
    token = bearer(app.test_client(), make_user(session, role="bureau").phone)
    client = redis_down.test_client()
    _assert_outage_json(client.get("/api/v1/candidates", headers=token))
    _assert_outage_json(client.get("/api/v1/posts", headers=token))


def test_an_unlock_that_redis_cannot_carry_out_is_not_audited(redis_down, app, session):
    owner = make_user(session)
    office = app.test_client()  # logged in while the counters answered
    login(office, make_user(session, role="bureau").phone)
    down = redis_down.test_client()
    down.set_cookie("session", office.get_cookie("session").value)
    token = csrf_token(down, "/bureau/unlock")
    _assert_outage_page(down.post("/bureau/unlock", data={"phone": owner.phone, "csrf_token": token}))
    assert session.scalar(select(AuditEntry.id).where(AuditEntry.action == "unlock_login")) is None


def test_readiness_names_redis_when_it_is_down(redis_down):
    response = redis_down.test_client().get("/readyz")
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    assert response.json == {"status": "unavailable", "checks": {
        "database": "ok", "redis": "unavailable", "matcher": "ok"}}


def test_readiness_answers_200_when_every_dependency_does(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    # The tests count failed logins in memory: there is no Redis to report.
    assert response.json == {"status": "ready", "checks": {"database": "ok", "matcher": "ok"}}


def test_without_the_database_pages_and_the_api_answer_503(database_down):
    client = database_down.test_client()
    _assert_outage_page(client.get("/posts"))
    _assert_outage_page(client.get("/"))
    _assert_outage_json(client.get("/api/v1/posts"))
    _assert_outage_json(client.post("/api/v1/auth/token",
                                    json={"phone": "13800000000", "password": "x"}))


def test_readiness_names_the_database_when_it_is_down(database_down):
    response = database_down.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.json["status"] == "unavailable"
    assert response.json["checks"]["database"] == "unavailable"


def test_only_a_database_that_cannot_serve_counts_as_an_outage():
    from web.database import unavailable

    def wrapped(orig):
        return OperationalError("SELECT 1", {}, orig)

    assert unavailable(wrapped(psycopg.OperationalError("connection refused")))
    assert unavailable(wrapped(sqlite3.OperationalError("database is locked")))
    # A statement that is wrong stays an error of ours (500), not an outage.
    assert not unavailable(wrapped(sqlite3.OperationalError("no such table: posts")))
    assert not unavailable(ValueError("not a database error"))


def test_the_api_document_describes_the_outage_answer(client):
    token = client.get("/api/v1/openapi.json").json["paths"]["/api/v1/auth/token"]["post"]["responses"]
    schema = token["503"]["content"]["application/json"]["schema"]
    assert schema["properties"]["error"]["properties"]["code"]["enum"] == ["service_unavailable"]
    assert "Retry-After" in token["503"]["headers"]
