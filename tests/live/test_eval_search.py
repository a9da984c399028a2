"""scripts/eval_search.py end to end: the set imported, served by gunicorn, measured over HTTP.

On SQLite, or on a fresh PostgreSQL database beside the suite's when TEST_DATABASE_URL is set.
"""

import json
import subprocess
import sys

from evaluation.search import PRIORITY_METRICS, SEARCH_METRICS
from settings import PROJECT_ROOT
from tests.live.conftest import LIVE_REDIS_URL
from tests.servers import flushed_redis, fresh_database


def test_eval_search_reports_every_metric_and_beats_bm25(tmp_path):
    url = fresh_database(tmp_path, "evalsearch")
    command = [sys.executable, "scripts/eval_search.py", "--json",
               "--redis-url", flushed_redis("TEST_REDIS_URL", LIVE_REDIS_URL)]
    if not url.startswith("sqlite"):
        command += ["--database-url", url]
    done = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, check=False,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-4000:]
    report = json.loads(done.stdout)

    ours, bm25 = report["search"]["jobbridge"], report["search"]["bm25"]
    for system in (ours, bm25):
        assert set(SEARCH_METRICS) <= system.keys()
        assert {"title", "colloquial", "skill", "combo"} <= system["by_type"].keys()
    assert set(PRIORITY_METRICS) <= report["priority"].keys()
    assert report["priority"]["posts"] == 8
    assert ours["ndcg@10"] > bm25["ndcg@10"]
    assert ours["recall_all"] > 0  # the posts were imported and found, not an empty service
