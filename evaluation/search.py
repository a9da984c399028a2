"""Search and priority measured on the product's own paths (issue 10, "Measured on the product's
paths"): `python scripts/eval_search.py [--database-url URL] [--json]`.

The labelled set (`evaluation/data/dev-search`, its README defines every metric) is set up the way
an operator would: a fresh database migrated to head, the 2020 quota programmes, a bureau user and
the set's employers (registered and verified through the services), then `flask import` of the
posts and the candidates (the real import service). A real gunicorn serves it with "today" pinned
to the set's date, and every figure comes from HTTP answers: `GET /api/v1/posts?q=…` page by page
for search, `GET /api/v1/posts/<id>/candidates` with a bureau token for the priority check. A BM25
baseline over the same posts is scored in the same run, so the two are always comparable.

Measuring through the API, not the matcher in-process, is the point: what people meet on the
pages (counts, tiers, filters, caching) is what the batch set never saw.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from demo.seed import database_is_empty
from evaluation.baselines import BM25, jieba_search_tokens
from evaluation.metrics import (
    count_honesty,
    ndcg_at_k,
    pairwise_priority_order,
    precision_at_k,
    recall_all,
    share_of,
)
from evaluation.serving import serving
from matcher.records import candidate_from_dict, post_from_dict
from models.db import make_engine, make_session_factory
from models.migrate import upgrade
from policy.eligibility import check
from policy.identifiers import make_credit_code
from services import accounts, employers, programs
from settings import PROJECT_ROOT

SET_DIR = PROJECT_ROOT / "evaluation" / "data" / "dev-search"
DEV_QRELS = PROJECT_ROOT / "evaluation" / "data" / "dev" / "qrels.tsv"
AS_OF = date(2020, 9, 1)
PER_PAGE = 20
BUREAU_PHONE, PASSWORD = "13900000001", "Search-Eval-2020"
SEARCH_METRICS = ("ndcg@10", "p@5", "p@5_any", "count_honesty", "count_honesty_strict",
                  "recall_all", "no_answer_claimed")
PRIORITY_METRICS = ("share_top10", "share_available", "share_available_fit", "pairwise@10",
                    "pairwise@50", "fit_top10", "ineligible_in_top10")

# --- the set ----------------------------------------------------------------------------------

def _tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@dataclass(frozen=True)
class SearchSet:
    """One labelled search set laid out like `evaluation/data/dev-search`."""

    directory: Path
    posts: list[dict[str, Any]]
    candidates: list[dict[str, Any]]
    queries: list[dict[str, str]]
    qrels: dict[str, dict[str, int]]
    post_family: dict[str, str]
    candidate_family: dict[str, str]
    priority: frozenset[str]
    pw_posts: list[str]

    @classmethod
    def load(cls, directory: Path = SET_DIR) -> SearchSet:
        qrels: dict[str, dict[str, int]] = defaultdict(dict)
        for row in _tsv(directory / "qrels.tsv"):
            qrels[row["query_id"]][row["post_ref"]] = int(row["grade"])
        people = _tsv(directory / "candidate_labels.tsv")
        return cls(
            directory=directory,
            posts=_jsonl(directory / "posts.jsonl"),
            candidates=_jsonl(directory / "candidates.jsonl"),
            queries=_tsv(directory / "queries.tsv"),
            qrels=dict(qrels),
            post_family={r["post_ref"]: r["family"] for r in _tsv(directory / "post_labels.tsv")},
            candidate_family={r["candidate_ref"]: r["family"] for r in people},
            priority=frozenset(r["candidate_ref"] for r in people if r["priority"] == "1"),
            pw_posts=(directory / "pw_posts.txt").read_text(encoding="utf-8").split(),
        )

    def adjacent_families(self) -> set[frozenset[str]]:
        """The neighbouring occupation families, read off the labels rather than re-typed: a
        grade-1 pair of the batch set (`../dev`: 1 = a neighbouring occupation) and a grade-1
        post of another family under a single-family search query. Symmetric pairs."""
        pairs: set[frozenset[str]] = set()
        if DEV_QRELS.exists():
            for post, person, grade in (line.split("\t") for line in
                                        DEV_QRELS.read_text(encoding="utf-8").split("\n") if line):
                families = (self.post_family.get(post), self.candidate_family.get(person))
                if int(grade) == 1 and None not in families and families[0] != families[1]:
                    pairs.add(frozenset(families))  # type: ignore[arg-type]
        for query in self.queries:
            families = query["families"].split(",")
            for post, grade in self.qrels.get(query["query_id"], {}).items():
                family = self.post_family[post]
                if len(families) == 1 and grade == 1 and family != families[0]:
                    pairs.add(frozenset((family, families[0])))
        return pairs


# --- the service, set up as an operator would -------------------------------------------------

class SetupError(RuntimeError):
    """The service could not be set up (a used database, a failed import)."""


def create_programs(session, year: int) -> None:
    """The year's quota programmes, so trainee and public-welfare posts find theirs on import:
    what `flask load-programs` loads."""
    programs.load_programs(session, None, year)


def register_employers(session, posts: list[dict[str, Any]]) -> None:
    """The bureau user, and each employer named by the posts, registered and verified through
    the services (`flask import` matches posts to a verified employer by exact name)."""
    bureau = accounts.create_bureau_user(session, BUREAU_PHONE, PASSWORD, "评测人社局")
    first_post: dict[str, dict[str, Any]] = {}
    for post in posts:
        first_post.setdefault(post["employer"], post)
    for number, (name, post) in enumerate(sorted(first_post.items()), start=1):
        user = accounts.register_employer(session, accounts.EmployerSignup(
            phone=f"1390001{number:04d}", password=PASSWORD, name="联系人", employer_name=name,
            credit_code=make_credit_code(f"91350182{number:09d}"), ownership="private",
            size="small", staff_count=50, industry=post["industry"], township=post["township"],
        ))
        employers.verify_employer(session, user.employer_id, bureau.id)


def service_env(database_url: str, instance: Path, redis_url: str | None) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": database_url, "JOBBRIDGE_INSTANCE_PATH": str(instance),
           "JOBBRIDGE_AS_OF_DATE": AS_OF.isoformat(), "JOBBRIDGE_COOKIE_SECURE": "0",
           "JOBBRIDGE_ENV": "development", "JOBBRIDGE_LOG_LEVEL": "warning",
           "JOBBRIDGE_WORKERS": "2" if redis_url else "1", "PYTHONPATH": str(PROJECT_ROOT)}
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def prepare_database(search_set: SearchSet, database_url: str, env: dict[str, str]) -> None:
    """Migrate, programmes, bureau and employers in one transaction, then `flask import`."""
    upgrade(database_url)
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session, session.begin():
            if not database_is_empty(session):
                raise SetupError("数据库不是空的：评测需要一个新建的空数据库（--database-url）")
            create_programs(session, AS_OF.year)
            register_employers(session, search_set.posts)
    finally:
        engine.dispose()
    for name in ("posts.jsonl", "candidates.jsonl"):
        done = subprocess.run(
            [sys.executable, "-m", "flask", "--app", "wsgi", "import", str(search_set.directory / name)],
            cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SetupError(f"flask import {name} failed:\n{done.stdout}\n{done.stderr}")


class Api:
    """The few JSON calls the measurement makes."""

    def __init__(self, base: str):
        self.base = base
        self.token: str | None = None

    def call(self, path: str, params: Mapping[str, Any] | None = None,
             body: Mapping[str, Any] | None = None) -> Any:
        url = f"{self.base}/api/v1{path}"
        if params:
            url += "?" + urllib.parse.urlencode(params)
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(url, data=data, headers=headers)
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())

    def search(self, q: str) -> tuple[list[str], int]:
        """Every page of `GET /posts?q=`: the refs of `items` in order, and the claimed `total`."""
        refs: list[str] = []
        page = 1
        while True:
            answer = self.call("/posts", {"q": q, "page": page, "per_page": PER_PAGE})
            refs += [item["ref"] for item in answer["items"]]
            if not answer["items"] or len(refs) >= answer["total"]:
                return refs, int(answer["total"])
            page += 1

    def post_ids(self) -> dict[str, int]:
        """ref -> row id of every public post (the listing without `q`, newest first)."""
        ids: dict[str, int] = {}
        page = 1
        while True:
            answer = self.call("/posts", {"page": page, "per_page": 50})
            ids.update({item["ref"]: item["id"] for item in answer["items"]})
            if not answer["items"] or len(ids) >= answer["total"]:
                return ids
            page += 1


# --- measuring --------------------------------------------------------------------------------

def bm25_search(search_set: SearchSet) -> dict[str, tuple[list[str], int]]:
    """BM25 over jieba's search-mode tokens of title, description and requirements; a post is
    a result when it shares a token with the query (the README's baseline)."""
    refs = [post["id"] for post in search_set.posts]
    ranker = BM25(tokenize=jieba_search_tokens).fit(
        ["\n".join((p["title"], p["description"], p["requirements"])) for p in search_set.posts])
    answers = {}
    for query in search_set.queries:
        scores = ranker.scores(query["query"])
        order = sorted((i for i in range(len(refs)) if scores[i] > 0), key=lambda i: (-scores[i], i))
        answers[query["query_id"]] = ([refs[i] for i in order], len(order))
    return answers


def search_scores(search_set: SearchSet, answers: Mapping[str, tuple[list[str], int]]
                  ) -> dict[str, Any]:
    """The README's search metrics of one system, overall and nDCG@10 / P@5 per query type."""
    per_query: dict[str, dict[str, float]] = {}
    no_answer: list[int] = []
    for query in search_set.queries:
        results, total = answers[query["query_id"]]
        judged = search_set.qrels.get(query["query_id"], {})
        if not any(grade > 0 for grade in judged.values()):
            no_answer.append(total)
            continue
        per_query[query["query_id"]] = {
            "ndcg@10": ndcg_at_k(results, judged, 10),
            "p@5": precision_at_k(results, judged, 5, min_grade=2),
            "p@5_any": precision_at_k(results, judged, 5, min_grade=1),
            "count_honesty": count_honesty(results, judged, total),
            "count_honesty_strict": count_honesty(results, judged, total, min_grade=2),
            "recall_all": recall_all(results, judged),
        }

    def mean(rows: list[dict[str, float]], metric: str) -> float:
        return sum(row[metric] for row in rows) / len(rows) if rows else 0.0

    rows = list(per_query.values())
    overall: dict[str, Any] = {m: mean(rows, m) for m in SEARCH_METRICS if m != "no_answer_claimed"}
    overall["no_answer_claimed"] = sum(no_answer) / len(no_answer) if no_answer else 0.0
    by_type: dict[str, list[dict[str, float]]] = defaultdict(list)
    for query in search_set.queries:
        if query["query_id"] in per_query:
            by_type[query["type"]].append(per_query[query["query_id"]])
    overall["by_type"] = {kind: {"queries": len(rs), "ndcg@10": mean(rs, "ndcg@10"),
                                 "p@5": mean(rs, "p@5")} for kind, rs in sorted(by_type.items())}
    return overall


def priority_scores(search_set: SearchSet, api: Api) -> dict[str, Any]:
    """The bureau's ranked candidates for each public-welfare post against the eligible."""
    api.token = api.call("/auth/token", body={"phone": BUREAU_PHONE, "password": PASSWORD})["token"]
    ids = api.post_ids()
    by_phone = {person["phone"][-4:]: person["id"] for person in search_set.candidates}
    facts = {person["id"]: candidate_from_dict(person).facts() for person in search_set.candidates}
    adjacent = search_set.adjacent_families()
    posts = {post["id"]: post_from_dict(post) for post in search_set.posts}
    top10: list[str] = []
    fit_top10: list[int] = []
    available: list[str] = []
    available_fit: list[str] = []
    pairwise: dict[int, list[float]] = {10: [], 50: []}
    ineligible = 0
    for ref in search_set.pw_posts:
        post = posts[ref]
        family = search_set.post_family[ref]
        eligible = {person for person, fact in facts.items()
                    if check(post.kind, post.education_min, fact, AS_OF).eligible}

        def fit(person: str, family: str = family) -> int:
            theirs = search_set.candidate_family.get(person)
            return 2 if theirs == family else 1 if frozenset((theirs, family)) in adjacent else 0

        fits = {person: fit(person) for person in eligible}
        available += sorted(eligible)
        available_fit += [person for person in sorted(eligible) if fits[person] > 0]
        for top in (10, 50):
            ranked = [by_phone[card["phone"][-4:]]
                      for card in api.call(f"/posts/{ids[ref]}/candidates", {"top": top})]
            if top == 10:
                top10 += ranked
                fit_top10 += [fits.get(person, 0) for person in ranked]
                ineligible += sum(1 for person in ranked if person not in eligible)
            order = pairwise_priority_order(ranked, search_set.priority, fits, eligible)
            if order is not None:
                pairwise[top].append(order)
    return {
        "share_top10": share_of(top10, search_set.priority),
        "share_available": share_of(available, search_set.priority),
        "share_available_fit": share_of(available_fit, search_set.priority),
        "pairwise@10": sum(pairwise[10]) / len(pairwise[10]) if pairwise[10] else 0.0,
        "pairwise@50": sum(pairwise[50]) / len(pairwise[50]) if pairwise[50] else 0.0,
        "fit_top10": sum(fit_top10) / len(fit_top10) if fit_top10 else 0.0,
        "ineligible_in_top10": ineligible,
        "posts": len(search_set.pw_posts),
    }


def run(set_dir: Path = SET_DIR, database_url: str | None = None,
        redis_url: str | None = None) -> dict[str, Any]:
    """Set up, serve and measure; the report as one dict (`format_report` prints it)."""
    search_set = SearchSet.load(set_dir)
    with tempfile.TemporaryDirectory(prefix="eval-search-") as work:
        workdir = Path(work)
        url = database_url or f"sqlite:///{workdir / 'search.sqlite3'}"
        env = service_env(url, workdir / "instance", redis_url)
        prepare_database(search_set, url, env)
        with serving(env, workdir / "gunicorn.log", wait_seconds=90) as base:
            api = Api(base)
            ours = {q["query_id"]: api.search(q["query"]) for q in search_set.queries}
            priority = priority_scores(search_set, api)
    return {
        "set": set_dir.name,
        "database": "postgresql" if database_url and database_url.startswith("postgres") else "sqlite",
        "queries": len(search_set.queries),
        "search": {"jobbridge": search_scores(search_set, ours),
                   "bm25": search_scores(search_set, bm25_search(search_set))},
        "priority": priority,
    }


def format_report(report: Mapping[str, Any]) -> str:
    """The report as plain tables: search (ours beside BM25, then per query type), priority."""
    systems = report["search"]
    lines = [f"dev-search through the API ({report['database']}, {report['queries']} queries)",
             f"{'metric':<22}" + "".join(f"{name:>12}" for name in systems)]
    lines += [f"{metric:<22}" + "".join(f"{systems[s][metric]:>12.3f}" for s in systems)
              for metric in SEARCH_METRICS]
    kinds = sorted({kind for s in systems.values() for kind in s["by_type"]})
    lines.append("")
    lines.append(f"{'nDCG@10 by type':<22}" + "".join(f"{name:>12}" for name in systems))
    for kind in kinds:
        lines.append(f"{kind:<22}" + "".join(
            f"{systems[s]['by_type'].get(kind, {}).get('ndcg@10', 0.0):>12.3f}" for s in systems))
    lines.append("")
    lines.append(f"public-welfare priority ({report['priority']['posts']} posts, bureau's list)")
    lines += [f"{metric:<22}{report['priority'][metric]:>12.3f}" for metric in PRIORITY_METRICS]
    return "\n".join(lines)
