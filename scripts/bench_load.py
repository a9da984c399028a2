"""Contention and soak runs against a real gunicorn (production config) over the demo data.

  contention: N placement requests from many clients at a post with K free slots while
              searches run; expects exactly K placements and every other answer a clean 409.
  soak:       searches at a moderate rate for S seconds, every other one a query never asked
              before (so the workers' caches fill to their bounds and churn); reports each
              worker's RSS at the start, every minute and at the end, and any error.

  .venv/bin/python scripts/bench_load.py contention --database postgresql --requests 200 --slots 10
  .venv/bin/python scripts/bench_load.py soak --database sqlite --seconds 600 --rate 20

Prints one JSON object. Only loopback traffic; every loop is bounded in count and time.
"""

import argparse
import json
import os
import secrets
import statistics

# bandit B404: the benchmark starts gunicorn, flask and createdb with argument lists, no shell
import subprocess  # nosec B404
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from functools import partial
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from evaluation import serving  # noqa: E402
from models import Candidate, Employer, GroupClaim, Post, QuotaProgram, migrate  # noqa: E402
from models.base import utcnow  # noqa: E402
from models.db import make_engine, make_session_factory  # noqa: E402
from policy.identifiers import make_credit_code, make_id_number  # noqa: E402

QUERIES = ["会计", "跨境电商", "保洁", "护士", "仓库管理员", "数据分析", "见习", "消杀防疫", "纺织",
           "货车司机"]
def database(kind: str, workdir: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{workdir / 'load.sqlite3'}"
    # bandit B603 B607: dropdb from PATH with fixed arguments
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "jobbridge_load"],  # nosec B603 B607
                   check=True)
    # bandit B603 B607: createdb from PATH with fixed arguments
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", "jobbridge_load"], check=True)  # nosec B603 B607
    return "postgresql+psycopg://postgres@127.0.0.1:5432/jobbridge_load"


def flask(env, *args):
    # bandit B603: this interpreter running flask with fixed arguments
    return subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=ROOT,  # nosec B603
                          env=env, check=True, capture_output=True, text=True).stdout


def contended_post(url: str, slots: int, people: int) -> tuple[int, list[int]]:
    """A public-welfare post with `slots` free places and `people` eligible contenders."""
    engine = make_engine(url)
    with make_session_factory(engine)() as s, s.begin():
        program = s.scalars(select(QuotaProgram).where(QuotaProgram.kind == "public_welfare")).one()
        program.target += people  # the post's slots, not the program, are contended here
        employer = Employer(name="长乐区首占镇新亭村民委员会",
                            credit_code=make_credit_code("54350182MF0000099"),
                            ownership="public_institution", size="micro", staff_count=9,
                            industry="社区服务", township="首占镇", verified_at=utcnow())
        s.add(employer)
        s.flush()
        post = Post(ref="LOAD-PW", kind="public_welfare", title="村居消杀防疫员", employer_id=employer.id,
                    program_id=program.id, industry="社区服务", township="首占镇", slots=slots,
                    open_date=date(2020, 8, 1))
        s.add(post)
        contenders = [
            Candidate(ref=f"LOAD-{i:04d}", name=f"陈{'春夏秋冬'[i % 4]}{i}",
                      id_number=make_id_number("350182", date(1970, 1 + i % 12, 1 + i % 28), i % 1000),
                      phone=f"1370{i:07d}", birth_date=date(1970, 1 + i % 12, 1 + i % 28),
                      education="junior_high", unemployed_since=date(2020, 1, 6),
                      group_claims=[GroupClaim(group="registered_unemployed", status="verified")])
            for i in range(people)
        ]
        s.add_all(contenders)
        s.flush()
        ids = (post.id, [c.id for c in contenders])
    engine.dispose()
    return ids


def worker_rss(master_pid: int) -> dict[int, float]:
    # bandit B603 B607: pgrep from PATH on our own gunicorn's pid
    children = subprocess.run(["pgrep", "-P", str(master_pid)], capture_output=True, text=True)  # nosec B603 B607
    rss = {}
    for pid in map(int, children.stdout.split()):
        status = Path(f"/proc/{pid}/status")
        if status.exists():
            line = next(x for x in status.read_text().splitlines() if x.startswith("VmRSS"))
            rss[pid] = round(int(line.split()[1]) / 1024, 1)
    return rss


def searcher(call: Callable, stop: threading.Event, results: list, pause: float) -> None:
    i = 0
    while not stop.is_set():
        status, _, ms = call("GET", f"/api/v1/posts?per_page=20&q={quote(QUERIES[i % len(QUERIES)])}")
        results.append((status, ms))
        i += 1
        if pause:
            time.sleep(pause)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=["contention", "soak"])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="postgresql")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--slots", type=int, default=10)
    parser.add_argument("--searchers", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--rate", type=float, default=20.0, help="soak: searches per second")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="jobbridge-load-"))
    url = database(args.database, workdir)
    env = {**os.environ, "DATABASE_URL": url, "JOBBRIDGE_INSTANCE_PATH": str(workdir),
           "JOBBRIDGE_AS_OF_DATE": "2020-09-01", "JOBBRIDGE_ENV": "production",
           "SECRET_KEY": secrets.token_urlsafe(48), "REDIS_URL": "redis://127.0.0.1:6379/9",
           "JOBBRIDGE_LOG_LEVEL": "warning"}
    migrate.upgrade(url)
    flask(env, "seed-demo")
    post_id, contenders = (contended_post(url, args.slots, args.requests)
                           if args.mode == "contention" else (None, []))
    server, base, log = serving.start(env, workdir / "gunicorn.log", "--access-logfile", "/dev/null")
    call = partial(serving.request, base)
    try:
        status, payload, _ = call("POST", "/api/v1/auth/token",
                                  # bandit B105: the published demo password (demo.seed)
                                  {"phone": "13800000000", "password": "Changle2020"})  # nosec B105
        token = json.loads(payload)["token"]
        stop, searches = threading.Event(), []
        report = {"mode": args.mode, "database": args.database}
        if args.mode == "contention":
            threads = [threading.Thread(target=searcher, args=(call, stop, searches, 0))
                       for _ in range(args.searchers)]
            for t in threads:
                t.start()
            barrier = threading.Barrier(min(args.requests, 64))

            def place(candidate_id):
                try:
                    barrier.wait(timeout=10)
                except threading.BrokenBarrierError:
                    pass
                return call("POST", "/api/v1/placements", {"post_id": post_id,
                            "candidate_id": candidate_id, "start_date": "2020-09-01"}, token)

            with ThreadPoolExecutor(max_workers=64) as pool:
                answers = list(pool.map(place, contenders))
            stop.set()
            for t in threads:
                t.join(timeout=60)
            codes = [json.loads(p).get("error", {}).get("code") for s, p, _ in answers if s == 409]
            latencies = sorted(ms for _, _, ms in answers)
            report.update({
                "requests": len(answers), "slots": args.slots,
                "created_201": sum(1 for s, _, _ in answers if s == 201),
                "conflict_409": len(codes), "conflict_codes": sorted(set(codes)),
                "other_statuses": sorted({s for s, _, _ in answers if s not in (201, 409)}),
                "placement_p50_ms": round(statistics.median(latencies), 1),
                "placement_p99_ms": round(latencies[int(len(latencies) * 0.99) - 1], 1),
            })
        else:
            start_rss = worker_rss(server.pid)
            by_minute: dict[int, list[float]] = {}
            deadline = time.monotonic() + args.seconds
            next_sample = time.monotonic() + 60
            pause = 1.0 / args.rate
            while time.monotonic() < deadline:
                n = len(searches)
                query = QUERIES[n % len(QUERIES)] + (f" {n}" if n % 2 else "")
                searches.append(call("GET", f"/api/v1/posts?per_page=20&q={quote(query)}")[::2])
                if time.monotonic() >= next_sample:
                    for pid, mb in worker_rss(server.pid).items():
                        by_minute.setdefault(pid, []).append(mb)
                    next_sample += 60
                time.sleep(pause)
            report.update({"seconds": args.seconds, "rss_mb_start": start_rss,
                           "rss_mb_each_minute": by_minute, "rss_mb_end": worker_rss(server.pid)})
        statuses = [s for s, _ in searches]
        report.update({"searches": len(statuses),
                       "search_errors": sum(1 for s in statuses if s != 200),
                       "search_p50_ms": round(statistics.median([ms for _, ms in searches]), 1)
                       if searches else None})
        print(json.dumps(report, ensure_ascii=False))
        ok = report.get("search_errors", 0) == 0 and (
            args.mode == "soak" or (report["created_201"] == args.slots
                                    and report["conflict_409"] == args.requests - args.slots))
        return 0 if ok else 1
    finally:
        serving.stop(server, log)


if __name__ == "__main__":
    sys.exit(main())
