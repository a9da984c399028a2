"""Wrong passwords from elsewhere never lock the owner out at their own address (issue 11
item 9): failures are throttled per (account, address) with growing windows, the per-address
limit stays, the per-account limit binds only addresses the account has not logged in from, and
the bureau can unlock an account (audited)."""

import time

from sqlalchemy import select

from models import AuditEntry
from tests.factories import make_user
from tests.web.helpers import csrf_token, login
from web import create_app


def _client_at(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def _app_with(app, sessions, **limits):
    strict = create_app({**app.config, **limits})
    strict.extensions["db"].sessions = sessions
    return strict


def _fail(client, phone, times):
    return [login(client, phone, "wrong-password-1").status_code for _ in range(times)]


def test_a_stranger_failing_many_times_does_not_lock_the_owner_out(app, session):
    owner = make_user(session)
    stranger = _client_at(app, "203.0.113.9")
    assert _fail(stranger, owner.phone, 5) == [200] * 5
    assert _fail(stranger, owner.phone, 3) == [429] * 3
    assert login(_client_at(app, "198.51.100.7"), owner.phone).status_code == 302


def test_the_per_account_limit_spares_addresses_the_owner_logged_in_from(app, sessions, session):
    strict = _app_with(app, sessions, LOGIN_LIMIT_PER_ACCOUNT="4 per hour")
    owner = make_user(session)
    home = _client_at(strict, "198.51.100.7")
    assert login(home, owner.phone).status_code == 302
    for n in range(2):
        assert _fail(_client_at(strict, f"203.0.113.{n + 1}"), owner.phone, 2) == [200, 200]
    # The account's budget is spent: a new address is refused even with the right password…
    refused = login(_client_at(strict, "192.0.2.50"), owner.phone)
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    # …while the owner's own address still gets in.
    assert login(_client_at(strict, "198.51.100.7"), owner.phone).status_code == 302


def test_each_further_run_of_failures_from_one_address_waits_longer(app, sessions, session):
    strict = _app_with(app, sessions, LOGIN_LIMIT_PER_ACCOUNT_ADDRESS="2 per 1 second; 4 per hour")
    user = make_user(session)
    client = _client_at(strict, "203.0.113.9")
    assert _fail(client, user.phone, 2) == [200, 200]
    first = login(client, user.phone, "wrong-password-1")
    assert first.status_code == 429
    assert int(first.headers["Retry-After"]) == 1
    time.sleep(1.1)  # the short window has passed: no assertion on how long anything took
    assert _fail(client, user.phone, 2) == [200, 200]
    second = login(client, user.phone, "wrong-password-1")
    assert second.status_code == 429
    assert int(second.headers["Retry-After"]) > 60


def test_the_per_address_limit_still_holds_across_accounts(app, session):
    client = _client_at(app, "203.0.113.9")
    for n in range(4):
        assert _fail(client, f"1300000020{n}", 5) == [200] * 5
    assert login(client, make_user(session).phone).status_code == 429
    assert login(_client_at(app, "198.51.100.7"), make_user(session).phone).status_code == 302


def _unlock(client, phone):
    token = csrf_token(client, "/bureau/unlock")
    return client.post("/bureau/unlock", data={"phone": phone, "csrf_token": token})


def test_the_bureau_unlocks_an_account_and_the_unlock_is_audited(app, session, bureau):
    owner = make_user(session)
    phone_client = _client_at(app, "198.51.100.7")
    _fail(phone_client, owner.phone, 5)
    assert login(phone_client, owner.phone).status_code == 429
    office = _client_at(app, "192.0.2.1")
    assert login(office, bureau.phone).status_code == 302
    answer = _unlock(office, owner.phone)
    assert answer.status_code == 302
    assert login(phone_client, owner.phone).status_code == 302
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "unlock_login")).one()
    assert (entry.actor_id, entry.entity_id) == (bureau.id, owner.id)
    assert owner.phone not in str(entry.detail)


def test_an_unknown_phone_is_not_unlocked_and_says_so(app, session, bureau):
    office = _client_at(app, "192.0.2.1")
    login(office, bureau.phone)
    page = _unlock(office, "13000000999")
    assert page.status_code == 200
    assert "没有使用该手机号的账号" in page.get_data(as_text=True)


def test_only_the_bureau_may_unlock_accounts(app, session, seeker):
    client = _client_at(app, "192.0.2.1")
    login(client, seeker.phone)
    assert client.get("/bureau/unlock").status_code == 403


def test_an_address_the_owner_keeps_using_stays_known_past_thirty_days(app, sessions, session,
                                                                        monkeypatch):
    now = [time.time()]
    monkeypatch.setattr(time, "time", lambda: now[0])
    strict = create_app({**app.config, "LOGIN_LIMIT_PER_ACCOUNT": "4 per hour"})
    strict.extensions["db"].sessions = sessions
    owner = make_user(session)
    for day in range(30):  # logs in at home every day for thirty days
        assert login(_client_at(strict, "198.51.100.7"), owner.phone).status_code == 302, day
        now[0] += 86400
    now[0] += 60  # the 31st day: thirty days after the first login from home
    for stranger in ("203.0.113.1", "203.0.113.2"):  # strangers spend the account's budget
        for _ in range(2):
            login(_client_at(strict, stranger), owner.phone, "wrong-password-1")
    assert login(_client_at(strict, "198.51.100.7"), owner.phone).status_code == 302
