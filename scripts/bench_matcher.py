"""Benchmark the matcher at district scale: `python scripts/bench_matcher.py --candidates 100000 --json`.

Prints the figures of `matcher.benchmark.run`, one JSON object with --json, else one per line;
progress goes to stderr.
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evaluation import REAL_DATA  # noqa: E402
from evaluation.benchmark import run  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data-dir", type=Path, default=REAL_DATA,
                        help="real data (occupations, job descriptions) that widens the "
                        "synthetic vocabulary, if present")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    data_dir = args.data_dir if args.data_dir.is_dir() else None
    figures = run(args.candidates, args.queries, args.posts, args.seed, data_dir)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        print("\n".join(f"{key}: {value}" for key, value in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
