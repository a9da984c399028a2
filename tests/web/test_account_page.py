"""/account: every role changes its password or login phone with the current password, and
the change ends every other session while this one goes on."""

import pytest
from sqlalchemy import select

from models import AuditEntry, User
from services.passwords import verify_password
from tests.factories import PASSWORD, make_employer, make_user
from tests.web.helpers import csrf_token, login

NEW_PASSWORD = "闽江口就业2021!"
HOME = {"seeker": "/seeker/", "employer": "/employer/", "bureau": "/bureau/"}


def _user(session, role):
    employer = make_employer(session) if role == "employer" else None
    return make_user(session, role=role, employer=employer)


def _change_password(client, current, new, confirm=None):
    return client.post("/account/password", data={
        "pw-current_password": current, "pw-password": new,
        "pw-confirm": new if confirm is None else confirm,
        "csrf_token": csrf_token(client, "/account"),
    })


def _change_phone(client, current, phone):
    return client.post("/account/phone", data={
        "ph-current_password": current, "ph-phone": phone,
        "csrf_token": csrf_token(client, "/account"),
    })


@pytest.mark.parametrize("role", ["seeker", "employer", "bureau"])
def test_every_role_changes_its_password_and_stays_logged_in(app, client, session, role):
    user = _user(session, role)
    login(client, user.phone)
    other_device = app.test_client()
    login(other_device, user.phone)

    response = _change_password(client, PASSWORD, NEW_PASSWORD)
    assert response.status_code == 302
    assert client.get(HOME[role]).status_code == 200
    assert other_device.get(HOME[role]).status_code == 302
    session.refresh(user)
    assert verify_password(user.password_hash, NEW_PASSWORD)
    assert login(app.test_client(), user.phone, NEW_PASSWORD).status_code == 302


def test_a_wrong_current_password_changes_nothing(client, session):
    user = make_user(session)
    login(client, user.phone)
    page = _change_password(client, "not-my-password", NEW_PASSWORD).get_data(as_text=True)
    assert "当前密码不正确" in page
    session.refresh(user)
    assert verify_password(user.password_hash, PASSWORD)
    assert client.get("/seeker/").status_code == 200


def test_a_weak_or_mistyped_new_password_is_refused(client, session):
    user = make_user(session)
    login(client, user.phone)
    assert "密码过于常见" in _change_password(client, PASSWORD, "woaini1314").get_data(as_text=True)
    page = _change_password(client, PASSWORD, NEW_PASSWORD, "闽江口就业2022!").get_data(as_text=True)
    assert "两次输入的密码不一致" in page
    session.refresh(user)
    assert verify_password(user.password_hash, PASSWORD)


def test_the_login_phone_changes_with_the_password_and_ends_other_sessions(app, client, session):
    user = make_user(session)
    old_phone = user.phone
    login(client, old_phone)
    other_device = app.test_client()
    login(other_device, old_phone)

    assert _change_phone(client, PASSWORD, "13705910021").status_code == 302
    assert client.get("/seeker/").status_code == 200
    assert other_device.get("/seeker/").status_code == 302
    assert login(app.test_client(), "13705910021").status_code == 302
    assert "手机号或密码不正确" in login(app.test_client(), old_phone).get_data(as_text=True)
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "change_phone"))
    assert entry.detail["new"] == "137****0021"


def test_the_phone_stays_without_the_current_password_or_when_taken(client, session):
    user = make_user(session)
    taken = make_user(session)
    login(client, user.phone)
    assert "当前密码不正确" in _change_phone(client, "wrong-password-1", "13705910022").get_data(
        as_text=True)
    assert "该手机号已注册" in _change_phone(client, PASSWORD, taken.phone).get_data(as_text=True)
    assert "手机号" in _change_phone(client, PASSWORD, "1234").get_data(as_text=True)
    assert session.scalar(select(User.id).where(User.phone == "13705910022")) is None


def test_guessing_the_current_password_runs_into_the_login_limit(client, session):
    user = make_user(session)
    login(client, user.phone)
    for _ in range(5):
        assert _change_password(client, "wrong-password-1", NEW_PASSWORD).status_code == 200
    assert _change_password(client, PASSWORD, NEW_PASSWORD).status_code == 429


def test_the_account_page_needs_a_login(client):
    response = client.get("/account")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_a_disabled_account_loses_its_session(client, session):
    user = make_user(session)
    login(client, user.phone)
    assert client.get("/account").status_code == 200
    user.active = False
    session.flush()
    assert client.get("/account").status_code == 302
