"""gunicorn's access log line of a request names the correlation id its error page shows."""

import os
import re
import urllib.error
import urllib.request

from tests.live.conftest import SECRET
from tests.servers import start_gunicorn, stop_gunicorn


def test_the_id_on_an_error_page_is_in_the_access_log_line(live_db_url, tmp_path):
    env = {**os.environ, "DATABASE_URL": live_db_url, "SECRET_KEY": SECRET, "REDIS_URL": "",
           "JOBBRIDGE_WORKERS": "1", "JOBBRIDGE_COOKIE_SECURE": "0",
           "JOBBRIDGE_INSTANCE_PATH": str(tmp_path / "instance"), "JOBBRIDGE_LOG_LEVEL": "warning"}
    log_path = tmp_path / "gunicorn.log"
    process, base, log = start_gunicorn(env, log_path)
    try:
        with urllib.request.urlopen(f"{base}/no-such-page", timeout=30):  # nosec B310: local server
            raise AssertionError("a missing page answered 2xx")
    except urllib.error.HTTPError as error:
        status, page, request_id = error.code, error.read().decode(), error.headers["X-Request-ID"]
    finally:
        stop_gunicorn(process, log)
    assert status == 404 and re.fullmatch(r"[a-z2-7]{24}", request_id)
    assert f"错误编号：<code>{request_id}</code>" in page
    [line] = [x for x in log_path.read_text().splitlines() if "/no-such-page" in x]
    assert line.endswith(f"request_id={request_id}") and '" 404 ' in line
