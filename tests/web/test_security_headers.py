"""Every response carries the security headers; personal answers are never cached; HSTS only
over https; and no template carries inline script or style the CSP would block."""

import re

from settings import PROJECT_ROOT
from tests.factories import make_user
from tests.web.helpers import bearer, login
from web import create_app
from web.headers import CONTENT_SECURITY_POLICY


def _assert_security_headers(response):
    headers = response.headers
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in headers["Permissions-Policy"]


def test_a_public_page_has_the_headers_and_may_be_cached(client):
    response = client.get("/posts")
    assert response.status_code == 200
    _assert_security_headers(response)
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert "Strict-Transport-Security" not in response.headers


def test_a_logged_in_page_is_never_stored(client, session):
    user = make_user(session, role="bureau")
    login(client, user.phone)
    response = client.get("/bureau/")
    assert response.status_code == 200
    _assert_security_headers(response)
    assert response.headers["Cache-Control"] == "no-store"


def test_an_api_answer_to_a_token_is_never_stored(client, session):
    user = make_user(session, role="bureau")
    response = client.get("/api/v1/candidates", headers=bearer(client, user.phone))
    assert response.status_code == 200
    _assert_security_headers(response)
    assert response.headers["Cache-Control"] == "no-store"


def test_an_anonymous_api_answer_has_the_headers_and_may_be_cached(client):
    response = client.get("/api/v1/posts")
    assert response.status_code == 200
    _assert_security_headers(response)
    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_a_page_that_sets_the_session_cookie_is_never_stored(client):
    response = client.get("/login")
    assert "Set-Cookie" in response.headers
    assert response.headers["Cache-Control"] == "no-store"


def test_errors_and_static_files_carry_the_headers_too(client):
    _assert_security_headers(client.get("/no-such-page"))
    _assert_security_headers(client.get("/static/css/app.css"))


def test_hsts_is_sent_over_https_only(client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    secure = client.get("/", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_a_forwarded_https_counts_only_behind_a_configured_proxy(app, sessions):
    forwarded = {"X-Forwarded-Proto": "https"}
    assert "Strict-Transport-Security" not in app.test_client().get("/", headers=forwarded).headers
    proxied = create_app({**app.config, "PROXY_HOPS": 1})
    proxied.extensions["db"].sessions = sessions
    response = proxied.test_client().get("/", headers=forwarded)
    assert "Strict-Transport-Security" in response.headers


def test_no_template_has_inline_script_or_style():
    inline = re.compile(r"<script(?![^>]*\bsrc=)|<style|\sstyle\s*=|\son[a-z]+\s*=|javascript:",
                        re.IGNORECASE)
    offenders = [
        str(path.relative_to(PROJECT_ROOT))
        for path in sorted((PROJECT_ROOT / "templates").rglob("*.html"))
        if inline.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
