"""Evaluation data kept beside the project, so a fresh clone evaluates and tests on its own.

Nothing in the runtime packages (`web`, `services`, `models`, `policy`, `matcher`) imports this:
the sets are read by tests, `python -m matcher eval` and the benchmarks. Provenance and licences
are in `evaluation/data/README.md`.
"""

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
DEV_SET = DATA / "dev"
DEV_SEARCH_SET = DATA / "dev-search"
REAL_DATA = DATA
