"""A hostile import is refused by the worker that read it, and that worker lives on.

The probe's 64 KB workbook of 428,000 blank rows held a worker for 30 s: gunicorn killed it
(WORKER TIMEOUT), answered 500 and booted another. The old reader needs 10 to 20 s for this
file on the 2-core test machine, so the server here runs with a 10 s worker timeout to
reproduce the kill (it does: 500); reading now stops at the row cap, or at the 4 s read budget
set below, well inside that timeout.
"""

import os
import re
import secrets
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from tests.factories import PASSWORD, make_user
from tests.import_files import blank_rows_xlsx
from tests.live.conftest import SECRET
from tests.servers import start_gunicorn, stop_gunicorn

_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
HEADERS = ["编号", "岗位名称", "单位", "行业", "岗位类型", "乡镇", "招聘人数", "最低学历", "专业",
           "最低月薪", "最高月薪", "岗位职责"]
REFUSALS = ("数据行过多：一次最多导入 20000 行（空行也计算在内）", "文件读取超时（超过 4 秒），已停止")


@pytest.fixture(scope="module")
def server(live_db_url, live_redis_url, tmp_path_factory):
    """(base URL, gunicorn's pid, its log file) with 2 workers and a 10 s worker timeout."""
    log_path = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    env = {
        **os.environ, "DATABASE_URL": live_db_url, "SECRET_KEY": SECRET,
        "REDIS_URL": live_redis_url, "JOBBRIDGE_WORKERS": "2", "JOBBRIDGE_COOKIE_SECURE": "0",
        "JOBBRIDGE_INSTANCE_PATH": str(tmp_path_factory.mktemp("instance")),
        "JOBBRIDGE_LOG_LEVEL": "info", "JOBBRIDGE_IMPORT_READ_SECONDS": "4",
    }
    process, base, log = start_gunicorn(env, log_path, "--timeout", "10")
    yield base, process.pid, log_path
    stop_gunicorn(process, log)


def workers(master: int) -> set[int]:
    """The pids whose parent is gunicorn's master."""
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            children.add(int(stat.parent.name))
    return children


def booted_workers(master: int, count: int) -> set[int]:
    """The master's workers once `count` of them are up: the server answers as soon as its
    first worker has booted, and the second may still be forking (bounded at 60 s)."""
    deadline = time.monotonic() + 60
    while len(found := workers(master)) < count and time.monotonic() < deadline:
        time.sleep(0.2)
    return found


def multipart(fields: dict[str, str], file_name: str, data: bytes) -> tuple[bytes, str]:
    boundary = "jobbridge" + secrets.token_hex(8)
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
             .encode() for name, value in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"'
                 '\r\nContent-Type: application/octet-stream\r\n\r\n'.encode() + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def test_a_workbook_of_blank_rows_gets_a_chinese_refusal_and_the_worker_lives_on(
        server, live_sessions):
    base, master, log_path = server
    with live_sessions() as s, s.begin():
        phone = make_user(s, role="bureau").phone
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    with browser.open(f"{base}/login", timeout=30) as page:
        token = _TOKEN.search(page.read().decode()).group(1)
    form = urllib.parse.urlencode({"phone": phone, "password": PASSWORD, "csrf_token": token})
    browser.open(f"{base}/login", data=form.encode(), timeout=30).close()
    with browser.open(f"{base}/bureau/import", timeout=30) as page:
        token = _TOKEN.search(page.read().decode()).group(1)
    before = booted_workers(master, 2)
    assert len(before) == 2

    body, content_type = multipart({"csrf_token": token, "kind": "", "dry_run": "y"}, "blank.xlsx",
                                   blank_rows_xlsx(HEADERS, 428_000, ' spans="1:12" ht="15"'))
    request = urllib.request.Request(f"{base}/bureau/import", data=body,
                                     headers={"Content-Type": content_type})
    with browser.open(request, timeout=60) as response:
        status, page = response.status, response.read().decode()
    assert status == 200
    assert any(refusal in page for refusal in REFUSALS)

    with browser.open(f"{base}/bureau/", timeout=30) as response:
        assert response.status == 200
    assert workers(master) == before
    log = log_path.read_text()
    assert "WORKER TIMEOUT" not in log and log.count("Booting worker") == 2
