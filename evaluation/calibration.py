"""The fit levels' thresholds (很匹配 / 较匹配 / 可以考虑), read off the labelled batch set:
`python -m evaluation.calibration [--set evaluation/data/dev]`.

A level says how well the work fits, so it is read from the text similarity alone (the cosine
of matcher/ranking.py, before the township, major and freshness boosts: those order people or
posts *within* a level). Every (post, candidate) pair of the set is scored both ways — a post's
candidates and a candidate's posts — and each threshold is the cut that best separates the
grades (balanced accuracy): 很匹配 from grade ≥ 2 (the same occupation) against the rest, then
较匹配 from grade 1 (a neighbouring occupation) against grade 0 among those below it. The values
printed go into matcher/weights.py (`fit_high`, `fit_mid`), rounded down (to 0.01 and 0.001) so a
level is not cut to the set's last decimal.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from evaluation import DEV_SET
from matcher import Matcher
from matcher.records import candidate_from_dict, post_from_dict


def _jsonl(path: Path) -> list[dict[str, object]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def text_by_grade(set_dir: Path) -> list[tuple[float, int]]:
    """(text similarity, grade) of every pair, from both sides."""
    posts = [post_from_dict(p) for p in _jsonl(set_dir / "posts.jsonl")]
    people = [candidate_from_dict(c) for c in _jsonl(set_dir / "candidates.jsonl")]
    grades: dict[tuple[str, str], int] = {}
    for line in (set_dir / "qrels.tsv").read_text(encoding="utf-8").splitlines():
        post, person, grade = line.split("\t")
        grades[(post, person)] = int(grade)
    index = Matcher().fit(posts, people)
    pairs = []
    for post in posts:
        for person in people:
            grade = grades.get((post.id, person.id), 0)
            pairs += [(text, grade) for text in index.text_similarity(post.id, person.id)]
    return pairs


def best_cut(values: Sequence[float], positive: Sequence[bool]) -> float:
    """The threshold t (value ≥ t is positive) of the best balanced accuracy."""
    v, p = np.asarray(values), np.asarray(positive)
    best, chosen = -1.0, 0.0
    for t in np.unique(v[v > 0]):  # a level needs some shared text: 0 is never a cut
        hit = v >= t
        score = (hit[p].mean() + (~hit[~p]).mean()) / 2 if p.any() and (~p).any() else 0.0
        if score > best:
            best, chosen = score, float(t)
    return chosen


def calibrate(set_dir: Path) -> dict[str, float]:
    pairs = text_by_grade(set_dir)
    high = best_cut([t for t, _ in pairs], [g >= 2 for _, g in pairs])
    below = [(t, g) for t, g in pairs if t < high]
    mid = best_cut([t for t, _ in below], [g >= 1 for _, g in below])
    return {"fit_high": float(np.floor(high * 100) / 100), "fit_mid": float(np.floor(mid * 1000) / 1000)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEV_SET)
    print(json.dumps(calibrate(parser.parse_args().set)))
