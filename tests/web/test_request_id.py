"""Every answer carries a correlation id (X-Request-ID), error pages and JSON errors show it,
and the error log's traceback line names it (issue 11, item 12)."""

import logging
import re

import pytest

from web import create_app

SHOWN = re.compile(r"错误编号：<code>([^<]+)</code>")


@pytest.fixture
def failing(app):
    """The app with a page and an API route that fail unexpectedly."""
    def boom():
        raise RuntimeError("something broke")

    app.add_url_rule("/boom", "boom", boom)
    app.add_url_rule("/api/v1/boom", "api_boom", boom)
    return app


def _logged(caplog, request_id: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.exc_info and request_id in r.getMessage()]


def test_the_id_on_the_500_page_is_in_the_logged_traceback_line(failing, caplog):
    caplog.set_level(logging.ERROR)
    response = failing.test_client().get("/boom")
    assert response.status_code == 500
    [shown] = SHOWN.findall(response.get_data(as_text=True))
    assert response.headers["X-Request-ID"] == shown
    [record] = _logged(caplog, shown)
    assert record.exc_info[0] is RuntimeError


def test_a_json_500_carries_the_id_that_is_logged(failing, caplog):
    caplog.set_level(logging.ERROR)
    response = failing.test_client().get("/api/v1/boom")
    assert response.status_code == 500
    error = response.json["error"]
    assert error["code"] == "internal_error"
    assert error["request_id"] == response.headers["X-Request-ID"]
    assert len(_logged(caplog, error["request_id"])) == 1


def test_4xx_pages_and_json_errors_carry_a_fresh_id_each(client):
    page, again = client.get("/no-such-page"), client.get("/no-such-page")
    api = client.get("/api/v1/posts/999999")
    assert page.status_code == api.status_code == 404
    assert SHOWN.findall(page.get_data(as_text=True)) == [page.headers["X-Request-ID"]]
    assert api.json["error"]["request_id"] == api.headers["X-Request-ID"]
    assert len({page.headers["X-Request-ID"], again.headers["X-Request-ID"],
                api.headers["X-Request-ID"]}) == 3


def test_a_clients_request_id_is_kept_only_from_a_trusted_proxy(app, sessions):
    given = {"X-Request-ID": "nginx-5f3a9c2e7b"}
    assert app.test_client().get("/", headers=given).headers["X-Request-ID"] != given["X-Request-ID"]
    proxied = create_app({**app.config, "PROXY_HOPS": 1})
    proxied.extensions["db"].sessions = sessions
    client = proxied.test_client()
    assert client.get("/", headers=given).headers["X-Request-ID"] == given["X-Request-ID"]
    for forged_id in ("x\" 200 forged=line", "13800138000", "id-350182199001011234"):
        forged = client.get("/", headers={"X-Request-ID": forged_id})
        assert re.fullmatch(r"[a-z2-7]{24}", forged.headers["X-Request-ID"]), forged_id
