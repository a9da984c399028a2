"""Bearer tokens: a bureau token idles out after 30 minutes like a bureau session, and the
answers that carry a token are never cached (issue 11, item 11)."""

import time

from tests.factories import PASSWORD, make_user
from tests.web.helpers import bearer

MINUTE = 60
IDLE = 30 * MINUTE


def _token(headers: dict) -> str:
    return headers["Authorization"].removeprefix("Bearer ")


def _last_used(app, headers: dict, ago: float) -> None:
    """As if the token's last request was `ago` seconds back."""
    app.extensions["token_activity"].touch(_token(headers), time.time() - ago, IDLE)


def test_a_bureau_token_idle_for_more_than_thirty_minutes_ends(client, app, session):
    user = make_user(session, role="bureau")
    headers = bearer(client, user.phone)
    assert client.get("/api/v1/candidates", headers=headers).status_code == 200
    _last_used(app, headers, 31 * MINUTE)
    response = client.get("/api/v1/candidates", headers=headers)
    assert response.status_code == 401
    assert response.json["error"]["code"] == "unauthorized"


def test_a_bureau_token_used_within_thirty_minutes_stays_and_is_refreshed(client, app, session):
    user = make_user(session, role="bureau")
    headers = bearer(client, user.phone)
    _last_used(app, headers, 29 * MINUTE)
    assert client.get("/api/v1/candidates", headers=headers).status_code == 200
    assert time.time() - app.extensions["token_activity"].last_seen(_token(headers)) < MINUTE
    assert client.get("/api/v1/candidates", headers=headers).status_code == 200


def test_a_bureau_token_whose_use_was_never_recorded_is_refused(client, app, session):
    """A token issued before the record was kept (or before Redis lost it) is not trusted."""
    user = make_user(session, role="bureau")
    headers = bearer(client, user.phone)
    app.extensions["token_activity"] = type(app.extensions["token_activity"])()
    assert client.get("/api/v1/candidates", headers=headers).status_code == 401


def test_a_token_seen_before_still_ends_with_its_lifetime_and_a_changed_one_is_refused(
        client, app, session, monkeypatch):
    """A checked signature is kept for the next request (web.security._signed): the lifetime
    is still counted on every request, one changed or added character makes no token (the
    signature library would ignore an added é), and a new SECRET_KEY ends every token."""
    user = make_user(session)
    headers = bearer(client, user.phone)
    answer = client.get("/api/v1/me/applications", headers=headers)
    assert answer.status_code == 404 and answer.json["error"]["code"] == "candidate_not_found"
    token = _token(headers)
    for other in (token[:-5] + ("A" if token[-5] != "A" else "B") + token[-4:], token + "é", token + "="):
        refused = client.get("/api/v1/me/applications", headers={"Authorization": f"Bearer {other}"})
        assert refused.status_code == 401, other
    monkeypatch.setitem(app.config, "SECRET_KEY", "another-secret-key-of-more-than-32-characters")
    assert client.get("/api/v1/me/applications", headers=headers).status_code == 401
    monkeypatch.undo()
    assert client.get("/api/v1/me/applications", headers=headers).status_code == 404
    later = time.time() + 12 * 60 * MINUTE + MINUTE
    monkeypatch.setattr("web.security.time.time", lambda: later)
    assert client.get("/api/v1/me/applications", headers=headers).status_code == 401


def test_a_seeker_token_may_idle_within_its_lifetime(client, app, session):
    user = make_user(session)
    headers = bearer(client, user.phone)
    _last_used(app, headers, 11 * 60 * MINUTE)
    assert client.get("/api/v1/me/applications", headers=headers).status_code != 401


def test_the_answers_that_carry_a_token_are_not_cached(client, session):
    user = make_user(session)
    answer = client.post("/api/v1/auth/token", json={"phone": user.phone, "password": PASSWORD})
    registered = client.post("/api/v1/auth/register", json={
        "role": "seeker", "phone": "13605910031", "password": "闽江学院2020届", "name": "黄志强",
        "id_number": "11010519491231002X", "education": "associate"})
    for response in (answer, registered):
        assert response.status_code in (200, 201) and "token" in response.json
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["Pragma"] == "no-cache"
