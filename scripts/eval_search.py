"""Search and public-welfare priority measured through the API: `python scripts/eval_search.py`.

Imports the labelled set `evaluation/data/dev-search` into a fresh database (a SQLite file unless
`--database-url` names an empty PostgreSQL database), serves it with gunicorn and prints the
README's metrics beside a BM25 baseline (`evaluation/search.py` does the work); `--json` prints
one JSON object.
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evaluation.search import SET_DIR, SetupError, format_report, run  # noqa: E402
from evaluation.serving import ServerError  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=SET_DIR, help="a set laid out like dev-search")
    parser.add_argument("--database-url", help="an empty PostgreSQL database (default: SQLite file)")
    parser.add_argument("--redis-url", help="Redis for two gunicorn workers (default: one worker)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    try:
        report = run(args.set, args.database_url, args.redis_url)
    except (SetupError, ServerError) as error:
        print(error, file=sys.stderr)
        return 2
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
