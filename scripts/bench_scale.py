"""The service measured at 10,000, 30,000 and 100,000 people (issue 14, item 12).

For each size: a fresh PostgreSQL database (jobbridge_scale_<size>) with the demo, then one
JSON Lines file of `size` synthetic people and one of 5 % as many posts, each imported by the
operator command (`flask import`, one file each, timed); gunicorn with 4 workers (the
production config: the master fits and saves the base before forking), timed to its first
answer; RSS and PSS per worker (/proc/<pid>/smaps_rollup) at boot and after 1,000 changed
people replayed from the change log; p50/p99 of a seeker's recommendations, the bureau's
ranked candidates for a post, an uncached search and the listing page, one request at a time,
each beside /healthz of the same run; and p99 of the two rankings at 8 concurrent connections.

  .venv/bin/python scripts/bench_scale.py --sizes 10000 100000

Prints one JSON object per size as it finishes and a Markdown table at the end. Only loopback
traffic; every loop is bounded in count and time. The machine's cores are shared: say so
beside the figures.
"""

import argparse
import json
import os
import resource
import secrets
import statistics

# bandit B404: the benchmark starts gunicorn, flask, createdb and dropdb with argument lists
import subprocess  # nosec B404
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from urllib.parse import quote

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from evaluation import serving  # noqa: E402
from evaluation.synthetic import CorpusGenerator, load_occupations, load_sentences  # noqa: E402
from models import Candidate, Employer, Post, User, migrate  # noqa: E402
from models.db import make_engine, make_session_factory  # noqa: E402
from policy.identifiers import make_id_number  # noqa: E402
from services import change_log, recommendations  # noqa: E402
from web import create_app  # noqa: E402
from web.matching import warm  # noqa: E402

AS_OF = date(2020, 9, 1)
QUERIES = ["会计", "跨境电商", "保洁", "护士", "仓库管理员", "数据分析", "见习", "纺织", "货车司机",
           "幼儿教师"]
WORKERS = 4
CHANGES = 1000


def run(env: dict, *args: str) -> str:
    # bandit B603 B607: fixed argument lists, programs from this venv or PATH
    return subprocess.run(args, cwd=ROOT, env=env, check=True, capture_output=True,  # nosec B603 B607
                          text=True).stdout


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def fresh_database(name: str) -> str:
    run(dict(os.environ), "dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name)
    run(dict(os.environ), "createdb", "-h", "127.0.0.1", "-U", "postgres", name)
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


def write_people(path: Path, n: int, generator: CorpusGenerator) -> None:
    """`n` synthetic people with a unique valid 身份证号 (area 350181, not the demo's) and phone."""
    used: set[tuple[str, int]] = set()
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            person = generator.candidate(i)
            born = date.fromisoformat(person["birth_date"])
            seq = i % 1000
            while (person["birth_date"], seq) in used:
                seq = (seq + 1) % 1000
            used.add((person["birth_date"], seq))
            person.update(id_number=make_id_number("350181", born, seq), phone=f"139{i:08d}")
            out.write(json.dumps(person, ensure_ascii=False) + "\n")


def write_posts(path: Path, n: int, generator: CorpusGenerator, employers: list[str]) -> None:
    """`n` synthetic regular posts of the demo's verified employers (the quota kinds would
    need programs with room for them)."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            post = generator.post(i)
            post.update(kind="regular", employer=employers[i % len(employers)])
            post["title"] = post["title"].removesuffix("见习岗")
            out.write(json.dumps(post, ensure_ascii=False) + "\n")


def workers(master: int) -> list[int]:
    # bandit B603 B607: pgrep from PATH on our own gunicorn's pid
    found = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True)  # nosec B603 B607
    return sorted(map(int, found.stdout.split()))


def memory(master: int) -> list[dict[str, float]]:
    """RSS and PSS (MB) of each worker, from smaps_rollup."""
    out = []
    for pid in workers(master):
        fields = {}
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
            key, value = line.split(":", 1)
            fields[key] = int(value.split()[0]) / 1024
        out.append({"pid": pid, "rss": round(fields["Rss"], 1), "pss": round(fields["Pss"], 1)})
    return out


def timed(base: str, paths: list[tuple[str, str | None]], concurrency: int = 1) -> dict[str, float]:
    """p50/p99 in ms of the GET requests, `concurrency` at a time; every answer must be 200."""
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        answers = list(pool.map(lambda p: serving.request(base, "GET", p[0], token=p[1], timeout=60),
                                paths))
    bad = sorted({s for s, _, _ in answers if s != 200})
    if bad:
        raise RuntimeError(f"statuses {bad} for {paths[0][0]}")
    ms = sorted(m for _, _, m in answers)
    return {"p50": round(statistics.median(ms), 2), "p99": round(ms[max(0, int(len(ms) * 0.99) - 1)], 2)}


def index_array_mb(instance: Path) -> float:
    """The saved base's arrays (what every worker shares), in MB."""
    state = json.loads((instance / "index" / "sync.json").read_text())
    with np.load(instance / "index" / state["folder"] / "arrays.npz") as npz:
        return round(sum(npz[name].nbytes for name in npz.files) / 2**20, 1)


def change_people(url: str, n: int) -> None:
    """`n` people change their skills, committed 100 at a time (the change log records them)."""
    change_log.install()
    engine = make_engine(url)
    factory = make_session_factory(engine)
    ids = []
    with factory() as s:
        ids = list(s.scalars(select(Candidate.id).order_by(Candidate.id.desc()).limit(n)))
    for start in range(0, len(ids), 100):
        with factory() as s, s.begin():
            for person in s.scalars(select(Candidate).where(Candidate.id.in_(ids[start:start + 100]))):
                person.skills = (person.skills + "；会开叉车")[:500]
    engine.dispose()


def stop_quietly(server: tuple) -> None:
    """Stop the server and wait until its workers are gone too: the in-process figures that
    follow shared the cores with workers still exiting (the matcher alone read 1.4 ms there
    and 0.85 ms on its own)."""
    pids = workers(server[0].pid)
    serving.stop(*server)
    deadline = time.monotonic() + 30
    while any(Path(f"/proc/{pid}").exists() for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)


def in_process(url: str, instance: Path, post_ids: list[int], requests: int) -> dict[str, float]:
    """The bureau's ranked candidates without HTTP, from the saved base (and the instance's
    身份证号 key), after 20 calls that are not counted: the service's wall time (its queries
    included) and its own CPU time, and the matcher alone, in ms."""
    os.environ["JOBBRIDGE_INSTANCE_PATH"] = str(instance)
    app = create_app({"SQLALCHEMY_DATABASE_URL": url, "RATELIMIT_STORAGE_URI": "memory://",
                      "SECRET_KEY": secrets.token_urlsafe(48)})
    warm(app)
    index = app.extensions["matcher"].matcher
    service, cpu, alone = [], [], []
    with app.app_context():
        s = app.extensions["db"].sessions()
        bureau_id = s.scalar(select(User.id).where(User.role == "bureau").order_by(User.id))
        for post_id in post_ids[-20:]:  # the first calls compile the statements
            recommendations.recommend_candidates(s, index, s.get(User, bureau_id), post_id, AS_OF, 10)
            s.rollback()
        for i in range(requests):
            post_id, bureau = post_ids[i % len(post_ids)], s.get(User, bureau_id)  # as a request has it
            started, own = time.perf_counter(), time.process_time()
            recommendations.recommend_candidates(s, index, bureau, post_id, AS_OF, 10)
            service.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - own) * 1000)
            started = time.perf_counter()
            index.rank_candidates(str(post_id), AS_OF, top=10)
            alone.append((time.perf_counter() - started) * 1000)
            s.rollback()
        s.close()
    app.extensions["db"].engine.dispose()
    return {"service_p50": round(statistics.median(service), 2), "service_p99": round(max(service), 2),
            "service_cpu_p50": round(statistics.median(cpu), 2),
            "matcher_p50": round(statistics.median(alone), 2)}


def boot(env: dict, log: Path) -> tuple[tuple, str, float]:
    """The server (for `serving.stop`), its base URL and the seconds to its first answer, once
    all its workers are up (the others are forked after the first; each replays the log)."""
    started = time.perf_counter()
    process, base, handle = serving.start(env, log, "--access-logfile", "/dev/null",
                                          wait_seconds=600)
    first = round(time.perf_counter() - started, 1)
    deadline = time.monotonic() + 600
    while len(workers(process.pid)) < WORKERS and time.monotonic() < deadline:
        time.sleep(0.5)
    return (process, handle), base, first


def measure(size: int, requests: int, generator: CorpusGenerator) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix=f"jobbridge-scale-{size}-"))
    url = fresh_database(f"jobbridge_scale_{size // 1000}k")
    env = {**os.environ, "DATABASE_URL": url, "JOBBRIDGE_INSTANCE_PATH": str(workdir),
           "JOBBRIDGE_AS_OF_DATE": AS_OF.isoformat(), "JOBBRIDGE_ENV": "production",
           "SECRET_KEY": secrets.token_urlsafe(48), "REDIS_URL": "redis://127.0.0.1:6379/6",
           "JOBBRIDGE_LOG_LEVEL": "warning",
           "JOBBRIDGE_WORKERS": "4"}
    flask = (sys.executable, "-m", "flask", "--app", "wsgi")
    migrate.upgrade(url)
    run(env, *flask, "seed-demo")
    engine = make_engine(url)
    with make_session_factory(engine)() as s:
        employers = list(s.scalars(select(Employer.name).where(Employer.verified_at.is_not(None))))
        seeker = s.scalar(select(User.phone).where(User.role == "seeker").order_by(User.id))
        demo_people = len(s.scalars(select(Candidate.id)).all())
    people, posts = workdir / "people.jsonl", workdir / "posts.jsonl"
    write_people(people, size, generator)
    write_posts(posts, size // 20, generator, employers)
    report: dict = {"size": size, "people": size + demo_people, "posts_imported": size // 20,
                    "file_mb": round(people.stat().st_size / 2**20, 1)}
    started, cpu = time.perf_counter(), children_cpu()
    run(env, *flask, "import", str(people), "--kind", "candidates")
    report["import_s"] = round(time.perf_counter() - started, 1)
    report["import_cpu_s"] = round(children_cpu() - cpu, 1)  # the command's own, without PostgreSQL's
    started = time.perf_counter()
    run(env, *flask, "import", str(posts), "--kind", "posts")
    report["import_posts_s"] = round(time.perf_counter() - started, 1)
    with make_session_factory(engine)() as s:
        post_ids = list(s.scalars(select(Post.id).where(Post.ref.like("SP%")).order_by(Post.id)))
    engine.dispose()

    server, base, report["boot_s"] = boot(env, workdir / "gunicorn.log")
    try:
        report["index_arrays_mb"] = index_array_mb(workdir)
        report["memory_boot"] = memory(server[0].pid)
        tokens = [json.loads(serving.request(base, "POST", "/api/v1/auth/token", {
            "phone": phone, "password": "Changle2020"})[1])["token"]  # nosec B105: the demo's
            for phone in ("13800000000", seeker)]
        bureau, seeker_token = tokens
        ranked = [(f"/api/v1/posts/{post_ids[i % len(post_ids)]}/candidates?top=10", bureau)
                  for i in range(requests)]
        mine = [("/api/v1/me/recommendations?top=10", seeker_token)] * requests
        timed(base, ranked[:20] + mine[:20])  # each worker's first answers (templates, caches)
        report["healthz"] = timed(base, [("/healthz", None)] * requests)
        report["recommendations"] = timed(base, mine)
        report["ranked_candidates"] = timed(base, ranked)
        searches = [f"/api/v1/posts?per_page=20&q={quote(QUERIES[i % 10])}%20{i}" for i in range(requests)]
        report["search_uncached"] = timed(base, [(path, None) for path in searches])
        report["listing_page"] = timed(base, [("/posts", None)] * requests)
        report["recommendations_c8"] = timed(base, mine, concurrency=8)
        report["ranked_candidates_c8"] = timed(base, ranked, concurrency=8)
        for name in ("recommendations", "ranked_candidates", "search_uncached", "listing_page"):
            report[name]["ratio_p50"] = round(report[name]["p50"] / report["healthz"]["p50"], 1)
        # After serving (caches filled: listing, post cards, eligibility masks, compiled SQL),
        # so that the next figure is what the changes themselves cost.
        report["memory_served"] = memory(server[0].pid)
        change_people(url, CHANGES)
        for _ in range(200):  # every worker catches up between its requests
            serving.request(base, "GET", "/healthz")
            time.sleep(0.05)
        report["memory_after_changes"] = memory(server[0].pid)
    finally:
        serving.stop(*server)
    server, _, report["restart_s"] = boot(env, workdir / "gunicorn-restart.log")  # the saved base
    stop_quietly(server)
    report["ranked_in_process"] = in_process(url, workdir, post_ids, requests)
    report["pss_mb"] = round(max(w["pss"] for w in report["memory_boot"]), 1)
    report["pss_served_mb"] = round(max(w["pss"] for w in report["memory_served"]), 1)
    report["pss_growth_mb"] = growth(report["memory_served"], report["memory_after_changes"])
    report["pss_growth_since_boot_mb"] = growth(report["memory_boot"], report["memory_after_changes"])
    return report


def growth(before: list[dict[str, float]], after: list[dict[str, float]]) -> float:
    """The largest PSS growth of one worker (MB)."""
    start = {w["pid"]: w["pss"] for w in before}
    return round(max(w["pss"] - start[w["pid"]] for w in after if w["pid"] in start), 1)


def table(reports: list[dict]) -> str:
    rows = ["| people | import (s) | boot (s) | restart (s) | index arrays (MB) | RSS/worker (MB) | "
            "PSS/worker at boot / served (MB) | PSS growth by 1,000 changes (since boot) (MB) | "
            "healthz p50 | recommendations p50/p99 | "
            "ranked candidates p50/p99 | uncached search p50/p99 | listing p50/p99 | "
            "recommendations p99 @8 | ranked p99 @8 |",
            "|" + "---|" * 15]
    for r in reports:
        lat = {name: f"{r[name]['p50']} / {r[name]['p99']} ms (×{r[name]['ratio_p50']})"
               for name in ("recommendations", "ranked_candidates", "search_uncached", "listing_page")}
        rows.append(
            f"| {r['people']:,} | {r['import_s']} | {r['boot_s']} | {r['restart_s']} | "
            f"{r['index_arrays_mb']} | {max(w['rss'] for w in r['memory_boot'])} | {r['pss_mb']} / "
            f"{r['pss_served_mb']} | {r['pss_growth_mb']} ({r['pss_growth_since_boot_mb']}) | "
            f"{r['healthz']['p50']} ms | {lat['recommendations']} | "
            f"{lat['ranked_candidates']} | {lat['search_uncached']} | {lat['listing_page']} | "
            f"{r['recommendations_c8']['p99']} ms | {r['ranked_candidates_c8']['p99']} ms |")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--requests", type=int, default=200, help="requests per route and size")
    args = parser.parse_args()
    data = ROOT / "evaluation" / "data"
    generator = CorpusGenerator(0, load_sentences(data / "job-descriptions"), AS_OF,
                                load_occupations(data / "occupations" / "csco22.csv"))
    reports = []
    for size in args.sizes:
        reports.append(measure(size, args.requests, generator))
        print(json.dumps(reports[-1], ensure_ascii=False), flush=True)
    print(table(reports))
    return 0


if __name__ == "__main__":
    sys.exit(main())
