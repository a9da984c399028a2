"""Failed logins and id walks are counted in Redis, so four gunicorn workers share one budget;
without Redis, gunicorn refuses to start several workers at all."""

import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

from settings import PROJECT_ROOT
from tests.factories import make_user
from tests.live.conftest import SECRET

_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _login(base: str, phone: str, password: str) -> tuple[int, dict]:
    """One login through the page, in a browser of its own: a fresh connection each time,
    so the requests spread over the workers."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    with opener.open(f"{base}/login", timeout=30) as page:
        token = _TOKEN.search(page.read().decode()).group(1)
    form = urllib.parse.urlencode({"phone": phone, "password": password, "csrf_token": token})
    try:
        with opener.open(f"{base}/login", data=form.encode(), timeout=30) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def test_the_sixth_failed_login_is_refused_whichever_worker_answers(live_server, live_sessions):
    with live_sessions() as s, s.begin():
        phone = make_user(s).phone
    statuses = [_login(live_server, phone, "wrong-password-1")[0] for _ in range(5)]
    assert statuses == [200] * 5
    answers = [_login(live_server, phone, "wrong-password-1") for _ in range(12)]
    assert [status for status, _ in answers] == [429] * 12
    assert all(int(headers["Retry-After"]) > 0 for _, headers in answers)


def test_gunicorn_refuses_several_workers_without_redis(live_db_url, tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env.update({
        "DATABASE_URL": live_db_url, "SECRET_KEY": SECRET, "JOBBRIDGE_WORKERS": "4",
        "JOBBRIDGE_BIND": "127.0.0.1:0", "JOBBRIDGE_INSTANCE_PATH": str(tmp_path),
    })
    done = subprocess.run(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode != 0
    assert "REDIS_URL" in done.stderr


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def test_a_walk_over_ids_is_counted_across_workers(live_server):
    """The default ID_PROBE_LIMIT (100 per 5 minutes), each request on a fresh connection."""
    misses = [_get(f"{live_server}/api/v1/posts/{800000 + n}")[0] for n in range(100)]
    assert misses == [404] * 100
    answers = [_get(f"{live_server}/api/v1/posts/{900000 + n}") for n in range(8)]
    assert [status for status, _ in answers] == [429] * 8
    assert all(int(headers["Retry-After"]) > 0 for _, headers in answers)
    assert _get(f"{live_server}/api/v1/posts")[0] == 200
