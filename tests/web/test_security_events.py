"""Security events are written as JSON lines on one logger (issue 11 item 8) — failed and
throttled logins, 403s, CSRF failures — naming who, what and where but never a password or a
whole phone or 身份证号; gunicorn's access log masks phone- and ID-like search terms."""

import json
import logging
import runpy
from datetime import timedelta
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from settings import PROJECT_ROOT
from tests.factories import make_user
from tests.web.helpers import login
from web.seclog import LOGGER_NAME

WRONG = "wrong-password-1"


@pytest.fixture
def security_log(caplog):
    caplog.set_level(logging.INFO, logger=LOGGER_NAME)

    def events(name=None):
        records = [json.loads(r.getMessage()) for r in caplog.records if r.name == LOGGER_NAME]
        return [r for r in records if name is None or r["event"] == name]

    events.text = lambda: "\n".join(r.getMessage() for r in caplog.records)
    return events


def test_a_failed_login_is_an_event_without_the_password_or_the_whole_phone(
        client, session, security_log):
    user = make_user(session)
    login(client, user.phone, WRONG)
    [event] = security_log("login_failed")
    assert event["account"] == user.phone[:3] + "****" + user.phone[-4:]
    assert event["address"] == "127.0.0.1"
    assert (event["method"], event["path"]) == ("POST", "/login")
    assert event["at"].endswith("+00:00")
    assert WRONG not in security_log.text() and user.phone not in security_log.text()


def test_a_throttled_login_is_an_event(client, session, security_log):
    user = make_user(session)
    for _ in range(6):
        login(client, user.phone, WRONG)
    [event] = security_log("login_throttled")
    assert event["retry_after"] > 0


def test_an_api_login_failure_is_an_event_too(client, session, security_log):
    user = make_user(session)
    client.post("/api/v1/auth/token", json={"phone": user.phone, "password": WRONG})
    assert [e["path"] for e in security_log("login_failed")] == ["/api/v1/auth/token"]


def test_a_refused_permission_names_the_account_and_its_role(client, session, security_log):
    seeker = make_user(session)
    login(client, seeker.phone)
    assert client.get("/bureau/audit?q=13800005678").status_code == 403
    [event] = security_log("forbidden")
    assert (event["account_id"], event["role"], event["path"]) == \
        (seeker.id, "seeker", "/bureau/audit")
    assert "13800005678" not in security_log.text()


def test_a_csrf_failure_is_an_event(client, session, security_log):
    response = client.post("/login", data={"phone": "13800005678", "password": WRONG})
    assert response.status_code == 400
    [event] = security_log("csrf_failed")
    assert event["path"] == "/login" and event["reason"]


def test_the_access_log_masks_phone_and_id_numbers_in_the_url_and_referer(tmp_path):
    conf = runpy.run_path(str(PROJECT_ROOT / "gunicorn.conf.py"))
    cfg = Config()
    cfg.set("logger_class", conf["logger_class"])
    cfg.set("accesslog", str(tmp_path / "access.log"))
    logger = cfg.logger_class(cfg)
    environ = {
        "REQUEST_METHOD": "GET", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "203.0.113.9",
        "RAW_URI": "/search?q=138+0000+5678&page=2", "PATH_INFO": "/search",
        "QUERY_STRING": "q=138+0000+5678&page=2",
        "HTTP_REFERER": "http://127.0.0.1:8000/search?q=35010219900101123X",
    }
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    logger.access(response, request, environ, timedelta(milliseconds=12))
    line = (tmp_path / "access.log").read_text()
    assert '"GET /search?q=138****5678&page=2 HTTP/1.1" 200 512' in line
    assert "3501**********123X" in line
    assert "138+0000" not in line and "19900101" not in line


def test_text_that_is_no_phone_is_not_logged_as_the_account(client, session, security_log):
    # Someone typed the password into the phone box.
    login(client, "MySecret-2020", WRONG)
    [event] = security_log("login_failed")
    assert event["account"] is None
    assert "MySecret" not in security_log.text()
