"""`python -m evaluation`: the matcher's quality against rule-free baselines on labelled data.

    python -m evaluation [--set evaluation/data/dev] [--real-data evaluation/data] [--as-of 2020-09-01]
"""

import argparse
import sys
from datetime import date
from pathlib import Path

from evaluation import DEV_SET
from evaluation.quality import main


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m evaluation", description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEV_SET, help="directory with posts, candidates, qrels")
    parser.add_argument("--real-data", type=Path,
                        help="directory holding occupations/ (the classification), e.g. evaluation/data")
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2020, 9, 1),
                        help="YYYY-MM-DD, the date the set's labels assume (default 2020-09-01)")
    return parser


if __name__ == "__main__":
    args = _parser().parse_args()
    sys.exit(main(args.set, args.real_data, as_of=args.as_of))
