"""Failed logins are limited per account and per address; only failures count, and the
answer is 429 with Retry-After — a Chinese page, or the JSON error under /api."""

import pytest

from policy.errors import Unauthenticated
from settings import ConfigError
from tests.factories import PASSWORD, make_user
from tests.web.helpers import login
from web import create_app, csrf
from web.limits import login_limited, require_shared_storage


def _fail(client, phone, times):
    return [login(client, phone, "wrong-password-1").status_code for _ in range(times)]


def test_the_sixth_failed_login_to_one_account_is_refused_for_a_while(client, session):
    user = make_user(session)
    assert _fail(client, user.phone, 5) == [200] * 5
    response = login(client, user.phone, "wrong-password-1")
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert "请求过于频繁" in response.get_data(as_text=True)
    # The right password does not get through either until the window has passed.
    assert login(client, user.phone).status_code == 429


def test_an_unknown_phone_runs_out_exactly_like_a_known_one(client, session):
    assert _fail(client, "13000000001", 5) == [200] * 5
    assert login(client, "13000000001", "wrong-password-1").status_code == 429


def test_successful_logins_do_not_use_up_the_budget(client, session):
    user = make_user(session)
    for _ in range(8):
        assert login(client, user.phone).status_code == 302
    assert _fail(client, user.phone, 4) == [200] * 4
    assert login(client, user.phone).status_code == 302


def test_one_account_running_out_leaves_the_others_alone(client, session):
    target, other = make_user(session), make_user(session)
    _fail(client, target.phone, 6)
    assert login(client, other.phone).status_code == 302


def test_one_address_may_fail_twenty_times_across_accounts(client, session):
    for n in range(4):
        assert _fail(client, f"1300000010{n}", 5) == [200] * 5
    user = make_user(session)
    response = login(client, user.phone)
    assert response.status_code == 429
    assert "Retry-After" in response.headers


def test_the_limits_come_from_the_settings(app, sessions, session):
    strict = create_app({**app.config, "LOGIN_LIMIT_PER_ACCOUNT": "2 per minute"})
    strict.extensions["db"].sessions = sessions
    client = strict.test_client()
    user = make_user(session)
    assert _fail(client, user.phone, 3) == [200, 200, 429]


def test_an_api_login_refused_for_too_many_failures_answers_json(app, session):
    @login_limited(lambda: "13000000009")
    def guarded():
        raise Unauthenticated("手机号或密码不正确", code="invalid_credentials")

    app.add_url_rule("/api/v1/test-guarded", "test_guarded", csrf.exempt(guarded),
                     methods=["POST"])
    client = app.test_client()
    statuses = [client.post("/api/v1/test-guarded").status_code for _ in range(6)]
    assert statuses == [401] * 5 + [429]
    response = client.post("/api/v1/test-guarded")
    assert response.json["error"]["code"] == "too_many_requests"
    assert int(response.headers["Retry-After"]) > 0


def test_gunicorn_with_several_workers_refuses_an_in_memory_counter(app):
    app.config["RATELIMIT_STORAGE_URI"] = "memory://"
    require_shared_storage(app, 1)
    with pytest.raises(ConfigError, match="REDIS_URL"):
        require_shared_storage(app, 4)
    app.config["RATELIMIT_STORAGE_URI"] = "redis://127.0.0.1:6379/14"
    require_shared_storage(app, 4)


def test_a_wrong_password_is_never_told_apart_from_an_unknown_phone(client, session):
    user = make_user(session)
    wrong = login(client, user.phone, PASSWORD + "x")
    unknown = login(client, "13000000002", PASSWORD)
    assert wrong.status_code == unknown.status_code == 200
    assert "手机号或密码不正确" in wrong.get_data(as_text=True)
    assert "手机号或密码不正确" in unknown.get_data(as_text=True)
