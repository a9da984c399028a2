"""Probing other people's data one answer at a time is limited and logged (issue 11 item 10):
registrations answered "phone / ID already taken" per address, and 403/404 answers on routes
naming a row id per account and address. Both answer 429 with Retry-After past the limit."""

import json
import logging
from datetime import date

import pytest

from policy.identifiers import make_id_number
from tests.factories import make_employer, make_post, make_user
from tests.web.helpers import bearer, csrf_token
from web import create_app
from web.seclog import LOGGER_NAME


def _app_with(app, sessions, **limits):
    strict = create_app({**app.config, **limits})
    strict.extensions["db"].sessions = sessions
    return strict


def _client_at(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def _seeker(n: int, **overrides) -> dict:
    body = {"role": "seeker", "phone": f"1360591{n:04d}", "password": "闽江学院2020届",
            "name": "黄志强", "id_number": make_id_number("350182", date(1995, 3, 1), n),
            "education": "associate"}
    return {**body, **overrides}


def _register(client, body):
    return client.post("/api/v1/auth/register", json=body)


def _events(caplog, name):
    records = [json.loads(r.getMessage()) for r in caplog.records if r.name == LOGGER_NAME]
    return [record for record in records if record["event"] == name]


def test_answers_that_a_phone_is_taken_run_out_per_address(app, sessions, session):
    strict = _app_with(app, sessions, REGISTER_TAKEN_LIMIT_PER_IP="3 per hour")
    taken = make_user(session)
    prober = _client_at(strict, "203.0.113.9")
    answers = [_register(prober, _seeker(n, phone=taken.phone)) for n in range(3)]
    assert [a.json["error"]["code"] for a in answers] == ["phone_taken"] * 3
    refused = _register(prober, _seeker(9, phone=taken.phone))
    assert refused.status_code == 429
    assert refused.json["error"]["code"] == "too_many_requests"
    assert int(refused.headers["Retry-After"]) > 0
    # Refused before anything is looked at: a fresh phone gets the same answer from there…
    assert _register(prober, _seeker(10)).status_code == 429
    # …and another address registers as usual.
    assert _register(_client_at(strict, "198.51.100.7"), _seeker(11)).status_code == 201


def test_a_taken_id_number_counts_like_a_taken_phone(app, sessions, session):
    strict = _app_with(app, sessions, REGISTER_TAKEN_LIMIT_PER_IP="2 per hour")
    prober = _client_at(strict, "203.0.113.9")
    assert _register(prober, _seeker(1)).status_code == 201
    twin = _seeker(2, id_number=_seeker(1)["id_number"])
    assert [_register(prober, twin).json["error"]["code"] for _ in range(2)] == \
        ["id_number_taken"] * 2
    assert _register(prober, twin).status_code == 429


def test_successful_registrations_and_other_mistakes_are_not_counted(app, sessions, session):
    strict = _app_with(app, sessions, REGISTER_TAKEN_LIMIT_PER_IP="1 per hour")
    office = _client_at(strict, "192.0.2.1")  # e.g. a job fair's one shared connection
    assert [_register(office, _seeker(n)).status_code for n in range(3)] == [201] * 3
    assert _register(office, _seeker(4, phone="1380013800")).status_code == 422
    # The budget of one taken answer is still whole after all that.
    assert _register(office, _seeker(5, phone=_seeker(0)["phone"])).status_code == 409
    assert _register(office, _seeker(6, phone=_seeker(0)["phone"])).status_code == 429


def test_the_registration_page_counts_taken_answers_too(app, sessions, session):
    strict = _app_with(app, sessions, REGISTER_TAKEN_LIMIT_PER_IP="2 per hour")
    taken = make_user(session)
    prober = _client_at(strict, "203.0.113.9")

    def attempt(n):
        body = _seeker(n, phone=taken.phone)
        return prober.post("/register/seeker", data={
            "name": body["name"], "phone": body["phone"], "id_number": body["id_number"],
            "education": "bachelor", "password": body["password"], "confirm": body["password"],
            "csrf_token": csrf_token(prober, "/register/seeker")})

    assert [attempt(n).status_code for n in range(2)] == [200, 200]
    refused = attempt(3)
    assert refused.status_code == 429
    assert "请求过于频繁" in refused.get_data(as_text=True)


@pytest.fixture
def walker_app(app, sessions):
    return _app_with(app, sessions, ID_PROBE_LIMIT="5 per 5 minutes")


def _employer(session):
    return make_user(session, role="employer", employer=make_employer(session))


def test_walking_other_parties_ids_is_refused_and_logged(walker_app, session, caplog):
    employer = _employer(session)
    client = _client_at(walker_app, "203.0.113.9")
    headers = bearer(client, employer.phone)
    with caplog.at_level(logging.INFO, logger=LOGGER_NAME):
        misses = [client.get(f"/api/v1/posts/{90000 + n}/candidates", headers=headers)
                  for n in range(5)]
        assert {m.status_code for m in misses} <= {403, 404}
        refused = client.get("/api/v1/posts/90100/candidates", headers=headers)
    assert refused.status_code == 429
    assert refused.json["error"]["code"] == "too_many_requests"
    assert int(refused.headers["Retry-After"]) > 0
    reached = _events(caplog, "probe_limit_reached")
    assert [(e["scope"], e["account_id"], e["address"]) for e in reached] == \
        [("id-probe", employer.id, "203.0.113.9")]
    assert _events(caplog, "probe_refused")[0]["path"] == "/api/v1/posts/90100/candidates"
    # Routes that name no row keep answering.
    assert client.get("/api/v1/posts", headers=headers).status_code == 200


def test_the_walk_is_counted_per_account_and_address(walker_app, session):
    walker, other = _employer(session), _employer(session)
    client = _client_at(walker_app, "203.0.113.9")
    headers = bearer(client, walker.phone)
    for n in range(6):
        client.get(f"/api/v1/posts/{90000 + n}", headers=headers)
    assert client.get("/api/v1/posts/90000", headers=headers).status_code == 429
    neighbour = _client_at(walker_app, "198.51.100.7")
    assert neighbour.get("/api/v1/posts/90000",
                         headers=bearer(neighbour, other.phone)).status_code == 404


def test_found_records_are_not_counted(walker_app, session, employer_user):
    post = make_post(session, employer=employer_user.employer)
    client = _client_at(walker_app, "203.0.113.9")
    headers = bearer(client, employer_user.phone)
    statuses = {client.get(f"/api/v1/posts/{post.id}/candidates", headers=headers).status_code
                for _ in range(12)}
    assert statuses == {200}


def test_without_redis_pages_naming_a_row_keep_serving(app, sessions, session, employer_user):
    unreachable = _app_with(app, sessions, RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0")
    post = make_post(session, employer=employer_user.employer)
    client = unreachable.test_client()
    headers = bearer(app.test_client(), employer_user.phone)
    assert client.get(f"/api/v1/posts/{post.id}/candidates", headers=headers).status_code == 200
    assert client.get("/api/v1/posts/90000", headers=headers).status_code == 404
