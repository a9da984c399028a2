"""A real browser (Debian's chromium through Playwright) against a real gunicorn over the demo.

One server per test session: gunicorn.conf.py with 4 workers, its own Redis database (flushed)
and its own database seeded by `flask --app wsgi seed-demo` — a fresh PostgreSQL database beside
the suite's when TEST_DATABASE_URL is set, a SQLite file otherwise, so both passes of the suite
run these tests. "Today" is the demo's 2020-09-01.

Every page a test opens comes from `browse()`: a fresh browser context whose route handler
aborts (and records) any request that is not for 127.0.0.1, and which records console errors,
page errors, failed requests and error answers; the test fails at teardown if any were seen.
"""

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from models.db import make_engine, make_session_factory
from settings import PROJECT_ROOT
from tests.e2e.helpers import DESKTOP, ID_KEY
from tests.servers import flushed_redis, fresh_database, start_gunicorn, stop_gunicorn

CHROMIUM = "/usr/bin/chromium"
# How this machine needs chromium started (no network beyond loopback, running as root).
# Playwright adds a fresh, empty --user-data-dir of its own to every launch.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
E2E_REDIS_URL = "redis://127.0.0.1:6379/10"
SECRET = "e2e-test-secret-key-0123456789-abcdefghijklmn"
AS_OF = "2020-09-01"
# Expectations wait this long by default: the server has 4 workers on 2 cores.
expect.set_options(timeout=10_000)


@dataclass(frozen=True)
class Demo:
    base_url: str
    bureau: str
    township: str
    employer: str
    seeker: str
    server: subprocess.Popen
    log: Path

    def check_alive(self) -> None:
        if self.server.poll() is not None:
            pytest.fail(f"gunicorn exited ({self.server.returncode}):\n{self.log.read_text()[-4000:]}")


@dataclass
class Problems:
    """What went wrong in one browser context, beyond what the test itself checks."""

    external: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.external or self.console or self.failed)


@pytest.fixture(scope="session")
def e2e_db_url(tmp_path_factory) -> str:
    return fresh_database(tmp_path_factory.mktemp("e2e"), "e2e")


@pytest.fixture(scope="session")
def e2e_env(e2e_db_url, tmp_path_factory) -> dict[str, str]:
    redis_url = flushed_redis("TEST_E2E_REDIS_URL", E2E_REDIS_URL)
    return {
        **os.environ,
        "DATABASE_URL": e2e_db_url,
        "SECRET_KEY": SECRET,
        "JOBBRIDGE_ID_KEY": ID_KEY,
        "REDIS_URL": redis_url,
        "JOBBRIDGE_WORKERS": "4",
        "JOBBRIDGE_COOKIE_SECURE": "0",
        "JOBBRIDGE_AS_OF_DATE": AS_OF,
        "JOBBRIDGE_INSTANCE_PATH": str(tmp_path_factory.mktemp("e2e-instance")),
        "JOBBRIDGE_LOG_LEVEL": "warning",
    }


def _flask(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=PROJECT_ROOT,
                          env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        pytest.fail(f"flask {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _login_of(output: str, role: str) -> str:
    match = re.search(rf"{role}：(\d{{11}})", output)
    if match is None:
        pytest.fail(f"seed-demo printed no {role} login:\n{output}")
    return match.group(1)


@pytest.fixture(scope="session")
def demo(e2e_env, tmp_path_factory) -> Demo:
    """gunicorn (4 workers) over the freshly seeded demo; the demo's four logins."""
    _flask(e2e_env, "db", "upgrade")
    printed = _flask(e2e_env, "seed-demo")
    log_path = tmp_path_factory.mktemp("e2e-gunicorn") / "gunicorn.log"
    process, base, log = start_gunicorn(e2e_env, log_path, "--access-logfile", "/dev/null")
    yield Demo(base, _login_of(printed, "人社局"), _login_of(printed, "镇街协理员"),
               _login_of(printed, "用人单位"), _login_of(printed, "求职者"), process, log_path)
    stop_gunicorn(process, log)


@pytest.fixture(scope="session")
def db(e2e_db_url):
    """Sessions on the server's database, for setting up what a flow starts from."""
    engine = make_engine(e2e_db_url)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ci_e2e.sh (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname == "127.0.0.1"


@pytest.fixture
def browse(demo, browser):
    """browse(viewport=DESKTOP) → a Page in a fresh context (its own cookies); problems fail the test."""
    opened = []

    def open_page(viewport: dict = DESKTOP) -> Page:
        problems = Problems()
        context = browser.new_context(viewport=viewport, base_url=demo.base_url, locale="zh-CN",
                                      timezone_id="Asia/Shanghai", accept_downloads=True)
        context.set_default_timeout(15_000)

        def only_loopback(route):
            if _is_local(route.request.url):
                route.continue_()
            else:
                problems.external.append(route.request.url)
                route.abort()

        def on_console(message):
            if message.type == "error":
                problems.console.append(f"{message.text} ({message.location.get('url')})")

        def on_response(response):
            if response.status >= 400:
                problems.failed.append(f"{response.status} {response.request.method} {response.url}")

        def on_failed(request):
            if _is_local(request.url) and not _is_cancelled_by_browser(request):
                problems.failed.append(f"{request.failure} {request.method} {request.url}")

        context.route("**/*", only_loopback)
        context.on("console", on_console)
        context.on("weberror", lambda error: problems.console.append(f"page error: {error.error}"))
        context.on("response", on_response)
        context.on("requestfailed", on_failed)
        opened.append((context, problems))
        return context.new_page()

    yield open_page
    demo.check_alive()
    found = []
    for context, problems in opened:
        context.close()
        if problems:
            found.append(problems)
    assert not found, f"browser problems: {found}"


def _is_cancelled_by_browser(request) -> bool:
    """ERR_ABORTED is the browser cancelling its own request, not the server failing.

    It happens when a navigation becomes a file download, and when a test moves on while a
    stylesheet of the page it leaves is still loading. A server that fails answers with a
    status (caught by on_response) or drops the connection (ERR_EMPTY_RESPONSE and the like).
    """
    return request.failure == "net::ERR_ABORTED"
