"""gunicorn and the index's lifecycle (services/index_sync.py): threaded workers are refused at
start-up, and a recycled worker starts from the master's base and replays the change log before
it accepts a request, so its first request pays no fit."""

import os
import subprocess
import sys
import time
import urllib.parse

from models import Employer
from models.base import utcnow
from policy.identifiers import make_credit_code
from services import change_log  # noqa: F401  (the session events record the changes below)
from settings import PROJECT_ROOT
from tests.factories import make_post
from tests.live.conftest import SECRET
from tests.live.liveclient import call
from tests.servers import start_gunicorn, stop_gunicorn


def _env(live_db_url, live_redis_url, instance) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": live_db_url, "SECRET_KEY": SECRET,
            "REDIS_URL": live_redis_url, "JOBBRIDGE_WORKERS": "2", "JOBBRIDGE_COOKIE_SECURE": "0",
            "JOBBRIDGE_AS_OF_DATE": "2020-09-01", "JOBBRIDGE_INSTANCE_PATH": str(instance),
            "JOBBRIDGE_LOG_LEVEL": "info"}


def test_threaded_workers_are_refused_at_start_up(live_db_url, live_redis_url, tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--threads", "2",
         "--bind", "127.0.0.1:0", "wsgi:app"],
        cwd=PROJECT_ROOT, env=_env(live_db_url, live_redis_url, tmp_path),
        capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "sync gunicorn workers with one thread" in done.stdout + done.stderr


def test_a_recycled_worker_answers_its_first_request_without_fitting(
        live_db_url, live_redis_url, live_sessions, tmp_path):
    log_path = tmp_path / "gunicorn.log"
    process, base, log = start_gunicorn(_env(live_db_url, live_redis_url, tmp_path / "instance"),
                                        log_path, "--max-requests", "3", "--max-requests-jitter", "0")
    try:
        with live_sessions() as s, s.begin():  # after the master's fit: only the log has it
            employer = Employer(name="福州长乐云翼农业科技有限公司",
                                credit_code=make_credit_code("91350182MA0000078"),
                                ownership="private", size="small", staff_count=40,
                                industry="现代农业", township="潭头镇", verified_at=utcnow())
            s.add(employer)
            s.flush()
            make_post(s, employer, title="无人机植保飞手", description="操作植保无人机")
        url = f"{base}/api/v1/posts?" + urllib.parse.urlencode({"q": "无人机植保"})
        time.sleep(1)  # the two first workers catch up within MATCHER_REFRESH_SECONDS
        for _ in range(24):  # each worker serves 3 requests, then another is forked
            status, body = call("GET", url)
            assert status == 200 and body["total"] == 1, body
    finally:
        stop_gunicorn(process, log)
    text = log_path.read_text()
    ready = [line for line in text.splitlines() if "worker: matcher index" in line]
    assert len(ready) >= 6, text[-3000:]  # the first two and the recycled ones
    assert all(" kept " in line and line.endswith("fits=1") for line in ready), ready
    assert "master: matcher index fitted" in text
    assert "fitted on first use" not in text
