"""A bureau token's last use is kept in Redis, so every gunicorn worker applies one idle clock:
a request on any worker keeps it alive, and 30 minutes without one end it on all of them."""

import json
import time
import urllib.error
import urllib.request

from tests.factories import PASSWORD, make_user
from web.token_activity import RedisActivity

IDLE = 30 * 60


def _get(url: str, token: str) -> int:
    """A fresh connection per request, so the requests spread over the workers."""
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # nosec B310: local test server
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _token(base: str, phone: str) -> str:
    body = json.dumps({"phone": phone, "password": PASSWORD}).encode()
    request = urllib.request.Request(f"{base}/api/v1/auth/token", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:  # nosec B310: local test server
        return json.load(response)["token"]


def test_a_bureau_token_idles_out_on_every_worker(live_server, live_sessions, live_redis_url):
    with live_sessions() as s, s.begin():
        phone = make_user(s, role="bureau").phone
    token = _token(live_server, phone)
    url = f"{live_server}/api/v1/candidates"
    assert [_get(url, token) for _ in range(8)] == [200] * 8
    RedisActivity(live_redis_url).touch(token, time.time() - IDLE - 60, IDLE)
    assert [_get(url, token) for _ in range(8)] == [401] * 8
