"""Batch matching from the command line (DESIGN.md, "Interchange format").

    python -m matcher rank --posts P.jsonl --candidates C.jsonl --top 10 --as-of 2020-09-01
                           [--direction posts] [--out FILE]

`rank` reads every line before it ranks anything: a malformed line, an unknown education level
or a missing id stops it with the file, line number and reason (exit code 2) and nothing is
written. With --out the result is written beside the target and renamed, so a reader never sees
a partial file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from matcher.records import Candidate, Post, RecordError, candidate_from_dict, post_from_dict
from matcher.results import Result

EXIT_BAD_INPUT = 2


class InputError(Exception):
    """A line of an input file that cannot be used: message names the file and the line."""


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        posts = read_jsonl(args.posts, post_from_dict)
        candidates = read_jsonl(args.candidates, candidate_from_dict)
    except InputError as error:
        print(f"错误：{error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    lines = rank_lines(posts, candidates, args.as_of, args.top, args.direction)
    write_lines(lines, args.out)
    return 0


def read_jsonl(path: Path, parse: Callable[[Any], Post | Candidate]) -> list[Any]:
    """Parsed records of a JSON Lines file; InputError at the first bad line (blank lines skip)."""
    records, seen = [], set()
    try:
        handle = open(path, encoding="utf-8")
    except OSError as error:
        raise InputError(f"{path}: 无法读取（{error.strerror}）") from None
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = parse(json.loads(line))
                except json.JSONDecodeError as error:
                    raise InputError(f"{path} 第 {number} 行：不是有效的 JSON（{error.msg}）") from None
                except RecordError as error:
                    raise InputError(f"{path} 第 {number} 行：{error}") from None
                if record.id in seen:
                    raise InputError(f"{path} 第 {number} 行：id 重复：{record.id}")
                seen.add(record.id)
                records.append(record)
        except UnicodeDecodeError:
            raise InputError(f"{path}：不是 UTF-8 编码") from None
    return records


def rank_lines(posts: list[Post], candidates: list[Candidate], as_of: date, top: int,
               direction: str) -> list[str]:
    """One JSON line per post (or per candidate with direction "posts"), in input order."""
    from matcher.engine import Matcher

    matcher = Matcher().fit(posts, candidates)
    queries: list[Post] | list[Candidate]
    rank: Callable[[str, date, int], list[Result]]
    if direction == "posts":
        queries, key, rank = candidates, "candidate_id", matcher.rank_posts
    else:
        queries, key, rank = posts, "post_id", matcher.rank_candidates
    lines = []
    for query in queries:
        ranked = [{"id": r.id, "score": round(r.score, 6), "why": r.why} for r in rank(query.id, as_of, top)]
        lines.append(json.dumps({key: query.id, "ranked": ranked}, ensure_ascii=False))
    return lines


def write_lines(lines: list[str], out: Path | None) -> None:
    text = "".join(line + "\n" for line in lines)
    if out is None:
        sys.stdout.write(text)
        return
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, out)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m matcher", description="就业直通车 matcher")
    commands = parser.add_subparsers(dest="command", required=True)
    rank = commands.add_parser("rank", help="rank candidates for each post (or posts for each candidate)")
    rank.add_argument("--posts", type=Path, required=True, help="posts, JSON Lines")
    rank.add_argument("--candidates", type=Path, required=True, help="candidates, JSON Lines")
    rank.add_argument("--top", type=_positive, default=10)
    rank.add_argument("--as-of", type=date.fromisoformat, required=True, help="YYYY-MM-DD")
    rank.add_argument(
        "--direction",
        choices=("candidates", "posts"),
        default="candidates",
        help="candidates: one line per post (default); posts: one line per candidate",
    )
    rank.add_argument("--out", type=Path, help="write here instead of standard output")
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


if __name__ == "__main__":
    sys.exit(main())
