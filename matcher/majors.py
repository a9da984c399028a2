"""Major names → occupation families, read from matcher/data/majors.tsv (the catalogues'
专业类), so a post asking for 会计 fits a graduate of 大数据与会计 and one person's major never both
fits and misses: every major check compares families, and a name not in the table is its own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

TABLE = Path(__file__).with_name("data") / "majors.tsv"


def read_families(normalise: Callable[[str], str], path: Path = TABLE) -> dict[str, str]:
    """Normalised major name → family, from `name<TAB>family` lines (# comments)."""
    table = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, family = line.split("\t")
            table[normalise(name).strip()] = family.strip()
    return table
