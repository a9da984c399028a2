"""忘记密码: a code by SMS through the outbox (hashed in the database, dropped from the outbox
once sent), the same answer for any phone, limits per phone, and the new password."""

from datetime import timedelta

from sqlalchemy import select

from models import OutboxMessage, PasswordReset
from models.base import utcnow
from services import password_reset
from tests.factories import PASSWORD, make_user
from tests.web.helpers import bearer, csrf_token

NEW_PASSWORD = "Minjiang#Harbour2024"


def sent_code(session, user) -> str:
    row = session.scalars(select(OutboxMessage).where(OutboxMessage.user_id == user.id,
                                                      OutboxMessage.kind == "password_reset")
                          .order_by(OutboxMessage.id.desc())).first()
    return row.secret


def test_the_answer_is_the_same_whether_or_not_the_phone_is_registered(client, session):
    user = make_user(session)
    session.commit()
    known = client.post("/api/v1/auth/password-reset", json={"phone": user.phone})
    unknown = client.post("/api/v1/auth/password-reset", json={"phone": "13900009999"})
    assert (known.status_code, known.json) == (unknown.status_code, unknown.json)
    assert known.status_code == 202
    [row] = session.scalars(select(OutboxMessage)).all()
    assert (row.recipient, row.channel, row.user_id) == (user.phone, "sms", user.id)
    stored = session.scalar(select(PasswordReset.code_hash).where(PasswordReset.user_id == user.id))
    assert row.secret.isdigit() and len(row.secret) == 6 and row.secret not in stored
    assert "{code}" in row.text and row.secret not in row.text


def test_the_code_sets_a_new_password_once_and_ends_every_session(client, session):
    user = make_user(session)
    session.commit()
    old_token = bearer(client, user.phone)
    client.post("/api/v1/auth/password-reset", json={"phone": user.phone})
    body = {"phone": user.phone, "code": sent_code(session, user), "password": NEW_PASSWORD}
    assert client.post("/api/v1/auth/password-reset/confirm", json=body).status_code == 200
    assert client.get("/api/v1/me/messages", headers=old_token).status_code == 401
    old_login = client.post("/api/v1/auth/token", json={"phone": user.phone, "password": PASSWORD})
    assert old_login.status_code == 401
    inbox = client.get("/api/v1/me/messages", headers=bearer(client, user.phone, NEW_PASSWORD)).json
    assert [m["kind"] for m in inbox] == ["password_reset_done"]
    again = client.post("/api/v1/auth/password-reset/confirm", json={**body, "password": "Another#Pass2024x"})
    assert (again.status_code, again.json["error"]["code"]) == (422, "invalid_code")


def test_five_wrong_guesses_end_the_code(client, session):
    user = make_user(session)
    session.commit()
    client.post("/api/v1/auth/password-reset", json={"phone": user.phone})
    code = sent_code(session, user)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(password_reset.MAX_WRONG_ATTEMPTS):
        answer = client.post("/api/v1/auth/password-reset/confirm",
                             json={"phone": user.phone, "code": wrong, "password": NEW_PASSWORD})
        assert answer.json["error"]["code"] == "invalid_code"
    right = client.post("/api/v1/auth/password-reset/confirm",
                        json={"phone": user.phone, "code": code, "password": NEW_PASSWORD})
    assert right.json["error"]["code"] == "invalid_code"


def test_a_weak_password_is_refused_and_the_code_still_works(client, session):
    user = make_user(session)
    session.commit()
    client.post("/api/v1/auth/password-reset", json={"phone": user.phone})
    body = {"phone": user.phone, "code": sent_code(session, user)}
    weak = client.post("/api/v1/auth/password-reset/confirm", json={**body, "password": "12345678"})
    assert (weak.status_code, weak.json["error"]["code"]) == (422, "weak_password")
    good = client.post("/api/v1/auth/password-reset/confirm", json={**body, "password": NEW_PASSWORD})
    assert good.status_code == 200


def test_a_code_lasts_five_minutes_and_only_the_newest_counts(session):
    user = make_user(session)
    now = utcnow()
    password_reset.request_code(session, user.phone, now)
    first = sent_code(session, user)
    late = now + password_reset.CODE_LIFETIME + timedelta(seconds=1)
    assert password_reset.reset_password(session, user.phone, first, NEW_PASSWORD, late) is None
    password_reset.request_code(session, user.phone, now)
    second = sent_code(session, user)
    if first != second:
        assert password_reset.reset_password(session, user.phone, first, NEW_PASSWORD, now) is None
    assert password_reset.reset_password(session, user.phone, second, NEW_PASSWORD, now) == user


def test_codes_are_limited_per_phone_registered_or_not(client, session):
    user = make_user(session)
    session.commit()
    for phone in (user.phone, "13900009998"):
        assert client.post("/api/v1/auth/password-reset", json={"phone": phone}).status_code == 202
        refused = client.post("/api/v1/auth/password-reset", json={"phone": phone})
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert len(session.scalars(select(OutboxMessage)).all()) == 1


def test_the_pages_walk_from_the_login_to_a_new_password(client, session):
    user = make_user(session)
    session.commit()
    assert "忘记密码" in client.get("/login").get_data(as_text=True)
    sent = client.post("/password-reset", data={
        "phone": user.phone, "csrf_token": csrf_token(client, "/password-reset")})
    assert sent.headers["Location"].endswith("/password-reset/confirm")
    form = client.get("/password-reset/confirm").get_data(as_text=True)
    assert user.phone in form and 'autocomplete="one-time-code"' in form
    wrong = client.post("/password-reset/confirm", data={
        "phone": user.phone, "code": "000000" if sent_code(session, user) != "000000" else "111111",
        "password": NEW_PASSWORD, "confirm": NEW_PASSWORD,
        "csrf_token": csrf_token(client, "/password-reset/confirm")})
    assert password_reset.WRONG_CODE in wrong.get_data(as_text=True)
    done = client.post("/password-reset/confirm", data={
        "phone": user.phone, "code": sent_code(session, user), "password": NEW_PASSWORD,
        "confirm": NEW_PASSWORD, "csrf_token": csrf_token(client, "/password-reset/confirm")})
    assert done.headers["Location"].endswith("/login")
    new_login = client.post("/api/v1/auth/token", json={"phone": user.phone, "password": NEW_PASSWORD})
    assert new_login.status_code == 200
