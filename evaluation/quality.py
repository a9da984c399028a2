"""`python -m evaluation`: the matcher against two rule-free baselines, on labelled data.

Two evaluations (issue 3, item 6):
- the dev set (`evaluation/data/dev`): graded pairs of posts and candidates, scored with the
  README's metrics in both directions, for the matcher, BM25 over plain jieba, and TF-IDF
  cosine over the project's tokenizer. Ineligible results are judged by `policy.eligibility`
  for every system alike, so the baselines' count shows what the rules prevent;
- real text (`evaluation/data/occupations`): real posting titles ranked against the level-4
  occupations of the 2022 classification. The labels are machine-assigned (silver): the
  figures are reported to watch the tokenizer on real wording. The titles are split once by a
  stable hash (`half`): rules may be tuned on the "tune" half's errors only, and only its labels
  are learned from; the "held-out" half is never looked at, so its figures say what the rules do
  on titles they were not made for.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

import numpy as np
from tqdm import tqdm

from evaluation.baselines import BM25, TextBaseline, TfidfCosine, top_k
from evaluation.metrics import (
    Qrels,
    ineligible_at_k,
    invert_qrels,
    load_qrels,
    mean_over_queries,
    ndcg_at_k,
    precision_at_k,
    reciprocal_rank_at_k,
)
from matcher import Matcher
from matcher.occupations import OccupationIndex
from matcher.records import Candidate, Post, candidate_from_dict, post_from_dict
from matcher.tokenizer import load, tokenize
from policy.eligibility import check

DEV_AS_OF = date(2020, 9, 1)
DEPTH = 10  # every ranking is cut at the deepest metric's k


class RankingSystem(Protocol):
    """What the evaluation asks of a ranker: ids, best first, in both directions."""

    def rank_candidates(self, post_id: str, top: int) -> list[str]: ...
    def rank_posts(self, candidate_id: str, top: int) -> list[str]: ...


@dataclass
class MatcherSystem:
    """The product's matcher, ranking as of one date."""

    matcher: Matcher
    as_of: date

    def rank_candidates(self, post_id: str, top: int) -> list[str]:
        return [r.id for r in self.matcher.rank_candidates(post_id, self.as_of, top=top)]

    def rank_posts(self, candidate_id: str, top: int) -> list[str]:
        return [r.id for r in self.matcher.rank_posts(candidate_id, self.as_of, top=top)]


def read_jsonl(path: Path, parse: Callable[[dict], object]) -> list:
    with open(path, encoding="utf-8") as handle:
        return [parse(json.loads(line)) for line in handle if line.strip()]


def dev_systems(posts: list[Post], candidates: list[Candidate], as_of: date) -> dict:
    """The three systems of the table, each fitted on the same records."""
    return {
        "matcher": MatcherSystem(Matcher().fit(posts, candidates), as_of),
        "bm25": TextBaseline(BM25).fit(posts, candidates),
        "tfidf": TextBaseline(lambda: TfidfCosine(tokenize)).fit(posts, candidates),
    }


def score_system(
    system: RankingSystem,
    qrels: Qrels,
    candidate_qrels: Qrels,
    may_take: Callable[[str, str], bool],
    post_ids: Iterable[str],
    candidate_ids: Iterable[str],
) -> dict[str, float]:
    """The README's metrics for one system in both directions; ineligible counts are totals."""
    by_post = {p: system.rank_candidates(p, DEPTH) for p in post_ids}
    by_candidate = {c: system.rank_posts(c, DEPTH) for c in candidate_ids}
    with_best = {c: judged for c, judged in candidate_qrels.items() if 3 in judged.values()}
    return {
        "ndcg@10": mean_over_queries(by_post, qrels, lambda r, j: ndcg_at_k(r, j, 10)),
        "mrr@10": mean_over_queries(by_post, qrels, lambda r, j: reciprocal_rank_at_k(r, j, 10)),
        "p@5": mean_over_queries(by_post, qrels, lambda r, j: precision_at_k(r, j, 5)),
        "ineligible@10": sum(
            ineligible_at_k(ranked, lambda c, p=p: may_take(p, c), 10)
            for p, ranked in by_post.items()
        ),
        "posts_ndcg@5": mean_over_queries(
            by_candidate, candidate_qrels, lambda r, j: ndcg_at_k(r, j, 5)
        ),
        "posts_mrr@10": mean_over_queries(
            by_candidate, with_best, lambda r, j: reciprocal_rank_at_k(r, j, 10)
        ),
        "posts_ineligible@10": sum(
            ineligible_at_k(ranked, lambda p, c=c: may_take(p, c), 10)
            for c, ranked in by_candidate.items()
        ),
    }


def dev_scores(set_dir: Path, as_of: date = DEV_AS_OF) -> dict[str, dict[str, float]]:
    """{system: {metric: value}} on a labelled set laid out like `evaluation/data/dev`."""
    posts = read_jsonl(set_dir / "posts.jsonl", post_from_dict)
    candidates = read_jsonl(set_dir / "candidates.jsonl", candidate_from_dict)
    qrels = load_qrels(set_dir / "qrels.tsv")
    load()  # the shared tokenizer the matcher and the TF-IDF baseline both use
    post_by_id = {post.id: post for post in posts}
    facts = {candidate.id: candidate.facts() for candidate in candidates}

    def may_take(post_id: str, candidate_id: str) -> bool:
        post = post_by_id[post_id]
        return check(post.kind, post.education_min, facts[candidate_id], as_of).eligible

    systems = dev_systems(posts, candidates, as_of)
    return {
        name: score_system(
            system, qrels, invert_qrels(qrels), may_take, list(post_by_id), list(facts)
        )
        for name, system in tqdm(systems.items(), desc="dev set", file=sys.stderr, disable=None)
    }


@dataclass(frozen=True)
class Occupation:
    """A level-4 occupation (细类) of the classification, the document a title should find."""

    code: str
    name: str
    definition: str
    tasks: str
    alias: str

    @property
    def text(self) -> str:
        return "\n".join((self.name, self.definition, self.tasks, self.alias))

    @property
    def names(self) -> tuple[str, ...]:
        """Its name without the classification's marks (S: digital, L: green occupation) and
        its recruitment aliases: what ads call it."""
        return (re.sub(r"[LS/]+$", "", self.name), *(a.strip() for a in self.alias.split(",")))

    def as_post(self, examples: Sequence[str] = ()) -> Post:
        """The occupation as a post, so the matcher's own keyword search can be scored: the
        name is the title, the recruitment aliases (and labelled titles) are what the wording
        of ads looks like."""
        return Post(id=self.code, kind="regular", title=self.name,
                    description=f"{self.definition}\n{self.tasks}",
                    requirements="\n".join((self.alias, *examples)))


def load_occupations(path: Path) -> tuple[list[Occupation], dict[str, int]]:
    """Level-4 occupations and every code's level; a code listed twice (four are, e.g.
    修鞋工) counts once, at its first level."""
    occupations, levels = [], {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["code"] in levels:
                continue
            levels[row["code"]] = int(row["level"])
            if row["level"] == "4":
                fields = (row[name] for name in ("code", "name", "definition", "tasks", "alias"))
                occupations.append(Occupation(*fields))
    return occupations, levels


def covers(expected: str, level: int, predicted: str) -> bool:
    """A level-4 prediction is right when it is the labelled code or lies under it (some
    titles are labelled only with a 中类 or 小类, e.g. 2-02-00-00)."""
    return predicted.split("-")[:level] == expected.split("-")[:level]


Example = tuple[str, str]
"""(level-4 code, real title): a labelled title every system may learn from."""


SYSTEMS = ("matcher", "search", "bm25", "tfidf")


def occupation_systems(occupations: list[Occupation], examples: Sequence[Example] = (),
                       systems: Sequence[str] = SYSTEMS) -> dict[str, Callable[[str], list[str]]]:
    """title -> the 10 best occupation codes, for each of `systems` (only those are fitted): the
    matcher's occupation ranking (matcher/occupations.py), its keyword search of posts with each
    occupation as a post (what ranked titles before), and both baselines over the same
    documents. Every system gets the same labelled `examples`: the baselines and the search read
    them in the occupation's text."""
    load()
    codes = [occupation.code for occupation in occupations]
    labelled: dict[str, list[str]] = {}
    for code, title in examples:
        labelled.setdefault(code, []).append(title)
    texts = ["\n".join((occupation.text, *labelled.get(occupation.code, ())))
             for occupation in occupations]

    def matcher() -> Callable[[str], list[str]]:
        index = OccupationIndex().fit(codes, [o.text for o in occupations],
                                      [o.names for o in occupations], examples)
        return lambda title: index.rank(title, DEPTH)

    def search() -> Callable[[str], list[str]]:
        posts = Matcher().fit([o.as_post(labelled.get(o.code, ())) for o in occupations], [])
        return lambda title: [hit.id for hit in posts.search_posts(title, top=DEPTH)]

    def baseline(model: TfidfCosine | BM25) -> Callable[[str], list[str]]:
        fitted = model.fit(texts)
        return lambda title: [codes[row] for row, _ in top_k(fitted.scores(title), DEPTH)]

    build = {"matcher": matcher, "search": search, "bm25": lambda: baseline(BM25()),
             "tfidf": lambda: baseline(TfidfCosine(tokenize))}
    return {name: build[name]() for name in systems}


HALVES = ("tune", "held-out")


def half(title: str) -> str:
    """The half a title belongs to, by the first byte of its UTF-8 SHA-256 (even: "tune"): stable
    across runs, machines and Python versions, and blind to the label."""
    return HALVES[hashlib.sha256(title.encode("utf-8")).digest()[0] % 2]


def fold(title: str) -> int:
    """Which of two folds of the tune half a title is in (a second, salted hash): each tune
    title is ranked by systems that learned only from the other fold's labels."""
    return hashlib.sha256(b"fold:" + title.encode("utf-8")).digest()[0] % 2


def load_cases(data_dir: Path) -> tuple[list[Occupation], dict[str, int], list[dict[str, str]]]:
    """The level-4 occupations, every code's level, and the test cases whose label is in the
    classification (the others are left out)."""
    occupations, levels = load_occupations(data_dir / "occupations" / "csco22.csv")
    with open(data_dir / "occupations" / "testcases.csv", encoding="utf-8", newline="") as handle:
        cases = [row for row in csv.DictReader(handle) if row["expected_code"] in levels]
    return occupations, levels, cases


def title_ranks(rank: Callable[[str], list[str]], cases: Iterable[Mapping[str, str]],
                levels: Mapping[str, int]) -> list[int]:
    """The 1-based rank of each case's first right occupation in the top 10 (0: none there)."""
    ranks = []
    for case in cases:
        code, level = case["expected_code"], levels[case["expected_code"]]
        hits = [i for i, found in enumerate(rank(case["job_name"]), 1) if covers(code, level, found)]
        ranks.append(hits[0] if hits else 0)
    return ranks


def rank_figures(ranks: Sequence[int]) -> dict[str, float]:
    """top-1, top-5 and MRR@10 of first-right ranks, and how many cases they cover (`n`)."""
    ranked = np.asarray(ranks)
    found = ranked > 0
    return {
        "top1": float(np.mean(ranked == 1)),
        "top5": float(np.mean(found & (ranked <= 5))),
        "mrr@10": float(np.mean(np.where(found, 1.0 / np.maximum(ranked, 1), 0.0))),
        "n": len(ranks),
    }


def occupation_scores(data_dir: Path, halves: Sequence[str] = HALVES,
                      systems: Sequence[str] | None = None) -> dict[str, dict[str, dict[str, float]]]:
    """{half: {system: {top1, top5, mrr@10, n}}} for real titles against occupation descriptions.

    The systems learn from labelled titles of the tune half only (those labelled at level 4):
    the held-out half is ranked by systems that learned from the whole tune half, and each fold
    of the tune half by systems that learned from the other fold, so no title is ever ranked by
    a system that has seen its own label."""
    occupations, levels, cases = load_cases(data_dir)
    tune = [case for case in cases if half(case["job_name"]) == "tune"]
    results: dict[str, dict[str, dict[str, float]]] = {}
    for part in halves:
        if part == "tune":
            groups = [([c for c in tune if fold(c["job_name"]) == k],
                       [c for c in tune if fold(c["job_name"]) != k]) for k in (0, 1)]
        else:
            groups = [([c for c in cases if half(c["job_name"]) == part], tune)]
        ranks: dict[str, list[int]] = {}
        for mine, learned in groups:
            examples = [(c["expected_code"], c["job_name"]) for c in learned
                        if levels[c["expected_code"]] == 4]
            for name, rank in occupation_systems(occupations, examples, systems or SYSTEMS).items():
                ranks.setdefault(name, []).extend(title_ranks(rank, tqdm(
                    mine, desc=f"occupations/{part}/{name}", file=sys.stderr, disable=None),
                    levels))
        results[part] = {name: rank_figures(found) for name, found in ranks.items()}
    return results


DEV_COLUMNS = (
    ("ndcg@10", "nDCG@10"), ("mrr@10", "MRR@10"), ("p@5", "P@5"), ("ineligible@10", "inelig@10"),
    ("posts_ndcg@5", "nDCG@5"), ("posts_mrr@10", "MRR@10"), ("posts_ineligible@10", "inelig@10"),
)
OCCUPATION_COLUMNS = (("top1", "top-1"), ("top5", "top-5"), ("mrr@10", "MRR@10"))


def format_table(scores: Mapping[str, Mapping[str, float]], columns: Sequence[tuple[str, str]]) -> str:
    """Rows of systems, columns of metrics; counts print as integers."""
    lines = ["system   " + "".join(f"{label:>11}" for _, label in columns)]
    for name, values in scores.items():
        cells = (
            f"{values[key]:>11d}" if isinstance(values[key], int) else f"{values[key]:>11.3f}"
            for key, _ in columns
        )
        lines.append(f"{name:<9}" + "".join(cells))
    return "\n".join(lines)


def main(set_dir: Path, real_data_dir: Path | None, *, as_of: date = DEV_AS_OF) -> int:
    """Print the dev-set table and, given the real data directory, the real-text table."""
    set_dir = Path(set_dir)
    print(f"Dev set {set_dir} as of {as_of.isoformat()}")
    print(" " * 9 + f"{'candidates for a post':<44}posts for a candidate")
    print(format_table(dev_scores(set_dir, as_of), DEV_COLUMNS))
    if real_data_dir is not None:
        for part, scores in occupation_scores(Path(real_data_dir)).items():
            n = next(iter(scores.values()))["n"]
            print(f"\nReal posting titles -> level-4 occupations (csco22, {part} half: "
                  f"{n} silver-labelled titles)")
            print(format_table(scores, OCCUPATION_COLUMNS))
    return 0
