"""Take Redis and PostgreSQL away from a running gunicorn and give them back.

The test owns both servers (tests/owned_servers.py), so stopping them disturbs no one, and
runs in both passes of the suite. Without Redis, logins answer 503 while search and post
pages keep serving; PostgreSQL stopped under load fails the requests in flight cleanly, and
the pools reconnect when it returns — all without restarting gunicorn.
"""

import itertools
import json
import os
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import date, timedelta
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from models import AuditEntry, Candidate, User, migrate
from models.db import make_engine, make_session_factory
from policy.identifiers import make_id_number
from services import integrity
from tests.factories import PASSWORD, make_employer, make_post, make_user
from tests.live.conftest import SECRET
from tests.live.liveclient import call
from tests.owned_servers import OwnedPostgres, OwnedRedis
from tests.servers import start_gunicorn, stop_gunicorn

_TOKEN = "name=\"csrf_token\""
OUTAGE_MESSAGE = "服务暂时不可用"
QUERY = urllib.parse.urlencode({"q": "质检"})


@dataclass
class Stack:
    base: str
    log: Path
    redis: OwnedRedis
    postgres: OwnedPostgres
    database_url: str
    phone: str
    post_id: int


@pytest.fixture(scope="module")
def owned_redis():
    server = OwnedRedis()
    try:
        server.start()
        yield server
    finally:
        server.close()


@pytest.fixture(scope="module")
def owned_postgres():
    server = OwnedPostgres()
    try:
        server.start()
        admin = make_engine(server.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text('CREATE DATABASE "jobbridge"'))
        admin.dispose()
        migrate.upgrade(server.url("jobbridge"))
        yield server
    finally:
        server.close()


@pytest.fixture(scope="module")
def stack(owned_redis, owned_postgres, tmp_path_factory):
    """gunicorn (2 workers) over the owned servers, with a seeker and a public post."""
    url = owned_postgres.url("jobbridge")
    engine = make_engine(url)
    with make_session_factory(engine)() as s, s.begin():
        phone = make_user(s).phone
        post_id = make_post(s, make_employer(s), title="织造车间质检员").id
    engine.dispose()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": SECRET,
        "REDIS_URL": owned_redis.url,
        "JOBBRIDGE_WORKERS": "2",
        "JOBBRIDGE_COOKIE_SECURE": "0",
        "JOBBRIDGE_AS_OF_DATE": "2020-09-01",
        "JOBBRIDGE_INSTANCE_PATH": str(tmp_path_factory.mktemp("instance")),
        "JOBBRIDGE_LOG_LEVEL": "warning",
    }
    log_path = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    process, base, log = start_gunicorn(env, log_path)
    try:
        yield Stack(base, log_path, owned_redis, owned_postgres, url, phone, post_id)
    finally:
        stop_gunicorn(process, log)


def fetch(url: str, form: dict | None = None, opener=None) -> tuple[int, dict, str]:
    """(status, headers, body text); HTTP errors are answers here. A fresh connection each
    time, so the requests spread over the workers."""
    opener = opener or urllib.request.build_opener()
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    try:
        with opener.open(url, data=data, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def page_login(base: str, phone: str, password: str) -> tuple[int, dict, str]:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    page = fetch(f"{base}/login", opener=opener)[2]
    token = page.split(_TOKEN, 1)[1].split('value="', 1)[1].split('"', 1)[0]
    return fetch(f"{base}/login", {"phone": phone, "password": password, "csrf_token": token},
                 opener=opener)


def api_login(base: str, phone: str, password: str) -> tuple[int, dict]:
    return call("POST", f"{base}/api/v1/auth/token", {"phone": phone, "password": password})


def readiness(base: str) -> tuple[int, dict]:
    status, _, body = fetch(f"{base}/readyz")
    return status, json.loads(body)


def test_without_redis_logins_answer_503_while_search_and_posts_serve(stack):
    assert api_login(stack.base, stack.phone, PASSWORD)[0] == 200
    stack.redis.stop()
    try:
        for password in ("wrong-password-1", PASSWORD) * 2:
            status, headers, body = page_login(stack.base, stack.phone, password)
            assert status == 503
            assert int(headers["Retry-After"]) > 0
            assert OUTAGE_MESSAGE in body
            status, answer = api_login(stack.base, stack.phone, password)
            assert (status, answer["error"]["code"]) == (503, "service_unavailable")
        for path in (f"/posts?{QUERY}", f"/posts/{stack.post_id}", f"/api/v1/posts?{QUERY}",
                     "/healthz"):
            assert fetch(stack.base + path)[0] == 200, path
        status, report = readiness(stack.base)
        assert status == 503
        assert report["checks"] == {"database": "ok", "redis": "unavailable", "matcher": "ok"}
    finally:
        stack.redis.start()
    # Back without a restart: every worker's connection pool reconnects on its own.
    assert [api_login(stack.base, stack.phone, PASSWORD)[0] for _ in range(6)] == [200] * 6
    status, _, body = page_login(stack.base, stack.phone, PASSWORD)  # redirects are followed
    assert status == 200 and "欢迎回来" in body
    assert readiness(stack.base) == (200, {"status": "ready", "checks": {
        "database": "ok", "redis": "ok", "matcher": "ok"}})
    assert_no_traceback(stack.log)


def assert_no_traceback(log: Path) -> None:
    text = log.read_text()
    assert "Traceback" not in text, text[text.find("Traceback") - 2000:][:6000]


class Load:
    """Clients registering seekers and searching, each noting (started, status, answer)."""

    def __init__(self, base: str):
        self.base = base
        self.stop = threading.Event()
        self.results: dict[str, list[tuple[float, int, dict]]] = {}
        self.attempted: list[tuple[str, int]] = []  # (phone, status) of every registration
        self._serial = itertools.count(1)
        self._lock = threading.Lock()

    def register(self, name: str) -> None:
        while not self.stop.is_set():
            with self._lock:
                n = next(self._serial)
            # A new phone and 身份证号 each time: every registration is one that can succeed.
            phone = f"1370{n:07d}"
            id_number = make_id_number("350182", date(1985, 1, 1) + timedelta(days=n), 7)
            body = {"role": "seeker", "phone": phone, "password": PASSWORD, "name": "陈新",
                    "id_number": id_number, "education": "bachelor"}
            started = time.monotonic()
            status, answer = self._call("POST", "/api/v1/auth/register", body)
            with self._lock:
                self.results.setdefault(name, []).append((started, status, answer))
                self.attempted.append((phone, status))

    def search(self, name: str) -> None:
        while not self.stop.is_set():
            started = time.monotonic()
            status, answer = self._call("GET", f"/api/v1/posts?{QUERY}")
            with self._lock:
                self.results.setdefault(name, []).append((started, status, answer))

    def _call(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        """The answer; a connection that failed (a worker killed mid-request) is status 0."""
        try:
            return call(method, self.base + path, body)
        except OSError as error:
            return 0, {"connection": repr(error)}

    def succeeded_since(self, moment: float) -> bool:
        with self._lock:
            return len(self.results) == 4 and all(
                any(started > moment and status < 300 for started, status, _ in answers)
                for answers in self.results.values())


def test_postgresql_restarted_under_load_fails_cleanly_and_the_pools_reconnect(stack):
    load = Load(stack.base)
    threads = [threading.Thread(target=load.register, args=(f"register-{n}",)) for n in range(3)]
    threads.append(threading.Thread(target=load.search, args=("search",)))
    for thread in threads:
        thread.start()
    try:
        time.sleep(1.5)
        stack.postgres.stop("fast")  # sessions in flight are ended, their transactions rolled back
        try:
            status, report = readiness(stack.base)
            time.sleep(1.0)
        finally:
            stack.postgres.start()
        restarted = time.monotonic()
        deadline = restarted + 30
        while not load.succeeded_since(restarted) and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        load.stop.set()
        for thread in threads:
            thread.join(timeout=60)

    assert status == 503 and report["checks"]["database"] == "unavailable", report
    # Every client succeeded again after the restart, with the same gunicorn.
    assert load.succeeded_since(restarted), {
        name: [(round(started - restarted, 1), status) for started, status, _ in results][-5:]
        for name, results in load.results.items()}
    answers = [(status, answer) for results in load.results.values() for _, status, answer in results]
    assert {status for status, _ in answers} <= {200, 201, 503}, [
        answer for status, answer in answers if status not in (200, 201, 503)][:3]
    refused = [answer for status, answer in answers if status == 503]
    assert refused, "no request met the stopped database"
    assert {answer["error"]["code"] for answer in refused} == {"service_unavailable"}
    assert readiness(stack.base)[0] == 200
    # No request failed as a 500 (web/errors.py logs each one). Not "no traceback at all":
    # SQLAlchemy's pool logs one when a connection whose request already succeeded cannot be
    # reset because the server went away just before it returned to the pool.
    assert "unhandled error" not in stack.log.read_text()

    # Nothing half-written: each registration exists whole (login, profile, audit) or not at all.
    engine = make_engine(stack.database_url)
    with make_session_factory(engine)() as s:
        phones = [phone for phone, _ in load.attempted]
        users = dict(s.execute(select(User.phone, User.id).where(User.phone.in_(phones))).all())
        profiles = set(s.scalars(select(Candidate.user_id).where(Candidate.user_id.in_(users.values()))))
        audited = set(s.scalars(select(AuditEntry.entity_id).where(
            AuditEntry.action == "register", AuditEntry.entity_id.in_(users.values()))))
        orphans = s.scalar(select(func.count()).select_from(Candidate).where(
            Candidate.phone.in_(phones), Candidate.user_id.is_(None)))
        breaches = integrity.breaches(s)
    engine.dispose()
    assert {phone for phone, status in load.attempted if status == 201} <= set(users)
    assert profiles == audited == set(users.values())
    assert orphans == 0
    assert breaches == []
