"""`python -m matcher rank`: JSON Lines out, and bad input stops with the line and nothing written."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

POSTS = [
    {"id": "P1", "kind": "regular", "title": "出纳", "education_min": "associate", "majors": ["会计"]},
    {"id": "P2", "kind": "public_welfare", "title": "保洁员（公益性岗位）", "education_min": "none"},
]
CANDIDATES = [
    {"id": "C1", "education": "bachelor", "desired": "会计", "major": "会计"},
    {"id": "C2", "education": "junior_high", "desired": "保洁", "groups": ["hardship"]},
]


def write(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "matcher", *map(str, args)], cwd=ROOT, capture_output=True, text=True
    )


def test_rank_writes_one_line_per_post_with_ranked_ids_scores_and_reasons(tmp_path):
    out = run(
        "rank",
        "--posts",
        write(tmp_path / "p.jsonl", POSTS),
        "--candidates",
        write(tmp_path / "c.jsonl", CANDIDATES),
        "--top",
        "10",
        "--as-of",
        "2020-09-01",
    )
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [line["post_id"] for line in lines] == ["P1", "P2"]
    assert [r["id"] for r in lines[0]["ranked"]] == ["C1"]
    assert set(lines[1]["ranked"][0]) == {"id", "score", "why"}


def test_rank_with_direction_posts_writes_one_line_per_candidate(tmp_path):
    out = run(
        "rank",
        "--posts",
        write(tmp_path / "p.jsonl", POSTS),
        "--candidates",
        write(tmp_path / "c.jsonl", CANDIDATES),
        "--as-of",
        "2020-09-01",
        "--direction",
        "posts",
    )
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(line["candidate_id"], [r["id"] for r in line["ranked"]]) for line in lines] == [
        ("C1", ["P1"]),
        ("C2", ["P2"]),
    ]


def test_a_malformed_line_stops_with_its_number_and_writes_nothing(tmp_path):
    bad = tmp_path / "c.jsonl"
    bad.write_text(json.dumps(CANDIDATES[0]) + "\n" + "{not json\n", "utf-8")
    target = tmp_path / "out.jsonl"
    out = run(
        "rank",
        "--posts",
        write(tmp_path / "p.jsonl", POSTS),
        "--candidates",
        bad,
        "--as-of",
        "2020-09-01",
        "--out",
        target,
    )
    assert out.returncode == 2
    assert "第 2 行" in out.stderr and "JSON" in out.stderr
    assert out.stdout == "" and not target.exists()


def test_an_unknown_education_level_or_missing_id_is_named(tmp_path):
    posts = write(tmp_path / "p.jsonl", POSTS)
    for row, words in (
        ({"id": "C9", "education": "phd"}, ["第 1 行", "education"]),
        ({"education": "bachelor"}, ["第 1 行", "id"]),
    ):
        out = run(
            "rank",
            "--posts",
            posts,
            "--candidates",
            write(tmp_path / "c.jsonl", [row]),
            "--as-of",
            "2020-09-01",
        )
        assert out.returncode == 2
        assert all(w in out.stderr for w in words)

