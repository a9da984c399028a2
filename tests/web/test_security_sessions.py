"""Sessions end on time, start afresh at login, and travel in locked-down cookies; passwords
are checked whole and stored as argon2id."""

import time

from sqlalchemy import select

from models import User
from tests.factories import make_user
from tests.web.helpers import csrf_token, login

MINUTE = 60
HOUR = 60 * MINUTE


def _age_session(client, login_ago: float, seen_ago: float) -> None:
    now = int(time.time())
    with client.session_transaction() as s:
        s["login_at"] = now - int(login_ago)
        s["seen"] = now - int(seen_ago)


def test_a_bureau_session_idle_for_more_than_thirty_minutes_ends(client, session):
    user = make_user(session, role="bureau")
    login(client, user.phone)
    _age_session(client, login_ago=31 * MINUTE, seen_ago=31 * MINUTE)
    response = client.get("/bureau/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    assert "登录已超时" in client.get("/login").get_data(as_text=True)


def test_a_bureau_session_used_within_thirty_minutes_stays_and_is_refreshed(client, session):
    user = make_user(session, role="bureau")
    login(client, user.phone)
    _age_session(client, login_ago=2 * HOUR, seen_ago=29 * MINUTE)
    assert client.get("/bureau/").status_code == 200
    with client.session_transaction() as s:
        assert time.time() - s["seen"] < MINUTE


def test_a_bureau_session_ends_after_twelve_hours_however_busy(client, session):
    user = make_user(session, role="bureau")
    login(client, user.phone)
    _age_session(client, login_ago=12 * HOUR + MINUTE, seen_ago=MINUTE)
    assert client.get("/bureau/").status_code == 302


def test_a_seeker_may_idle_but_not_beyond_twelve_hours(client, session):
    user = make_user(session)
    login(client, user.phone)
    _age_session(client, login_ago=11 * HOUR, seen_ago=11 * HOUR)
    assert client.get("/seeker/").status_code == 200
    _age_session(client, login_ago=12 * HOUR + MINUTE, seen_ago=MINUTE)
    assert client.get("/seeker/").status_code == 302


def test_a_session_without_its_login_time_is_not_trusted(client, session):
    user = make_user(session)
    login(client, user.phone)
    with client.session_transaction() as s:
        del s["login_at"]
    assert client.get("/seeker/").status_code == 302


def test_the_session_cookie_and_its_id_change_at_login(client, session):
    user = make_user(session)
    csrf_token(client, "/login")
    before = client.get_cookie("session").value
    login(client, user.phone)
    after = client.get_cookie("session").value
    assert before != after
    with client.session_transaction() as s:
        first_sid = s["sid"]
    login(client, user.phone)
    with client.session_transaction() as s:
        assert s["sid"] != first_sid


def test_the_session_cookie_is_secure_httponly_and_samesite_lax(app, session):
    app.config["SESSION_COOKIE_SECURE"] = True
    client = app.test_client()
    user = make_user(session)
    response = login(client, user.phone)
    cookie = response.headers["Set-Cookie"]
    assert "; Secure" in cookie
    assert "; HttpOnly" in cookie
    assert "; SameSite=Lax" in cookie


def test_a_long_chinese_password_counts_to_its_last_character(client, session):
    password = "长乐区就业直通车为高校毕业生失业人员及困难群体服务" * 4  # 100 characters
    assert len(password) == 100
    token = csrf_token(client, "/register/seeker")
    response = client.post("/register/seeker", data={
        "name": "陈雨桐", "phone": "13705910011", "id_number": "11010519491231002X",
        "education": "bachelor", "password": password, "confirm": password, "csrf_token": token,
    })
    assert response.status_code == 302
    other = client.application.test_client()
    assert "手机号或密码不正确" in login(other, "13705910011", password[:99]).get_data(as_text=True)
    assert login(other, "13705910011", password).status_code == 302


def test_passwords_are_stored_as_argon2id(client, session):
    token = csrf_token(client, "/register/seeker")
    client.post("/register/seeker", data={
        "name": "陈雨桐", "phone": "13705910012", "id_number": "11010519491231002X",
        "education": "bachelor", "password": "长乐就业2020", "confirm": "长乐就业2020",
        "csrf_token": token,
    })
    stored = session.scalar(select(User.password_hash).where(User.phone == "13705910012"))
    assert stored.startswith("$argon2id$")
    assert "长乐就业2020" not in stored


def test_short_and_common_passwords_are_refused_at_registration(client, session):
    for weak, message in (("长乐2020", "至少需要 8 个字符"), ("woaini1314", "密码过于常见"),
                          ("12345678", "密码过于常见")):
        token = csrf_token(client, "/register/seeker")
        page = client.post("/register/seeker", data={
            "name": "陈雨桐", "phone": "13705910013", "id_number": "11010519491231002X",
            "education": "bachelor", "password": weak, "confirm": weak, "csrf_token": token,
        }).get_data(as_text=True)
        assert message in page
    assert session.scalar(select(User.id).where(User.phone == "13705910013")) is None
