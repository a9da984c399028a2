"""A file's cells as rows keyed by header, whatever the format: which header names count, and
which cells are blank. Shared by the readers (services/imports/xlsx.py, csv_text.py, jsonl.py),
so a blank or a repeated header means the same in every format.
"""

from dataclasses import dataclass, field
from typing import Any

from services.imports.limits import UnreadableFile


@dataclass(frozen=True)
class Row:
    """One data row: its number as the user sees it (Excel row with the header = 1; JSONL
    line), the values by header or JSON key, or why the line could not be read at all."""

    number: int
    values: dict[str, Any] = field(default_factory=dict)
    problem: str = ""


def table(header_cells, data_rows) -> tuple[tuple[str, ...], tuple[Row, ...]]:
    """Header row + data rows (number, cells) → rows keyed by header; blank rows skipped
    (they were already counted against the cap by `Watch.counted`).

    Columns with an empty header are ignored (spreadsheets often carry stray cells there);
    two columns with the same header make the file ambiguous and are refused.
    """
    headers = [_header_text(cell) for cell in header_cells]
    named = [h for h in headers if h]
    if not named:
        raise UnreadableFile("第 1 行应为列名（表头），但它是空的")
    repeated = sorted({h for h in named if named.count(h) > 1})
    if repeated:
        raise UnreadableFile(f"表头中有重复的列：{'、'.join(repeated)}")
    rows = []
    for number, cells in data_rows:
        # Short CSV records or cells past the last header are fine: strict=False.
        values = {h: v for h, v in zip(headers, cells, strict=False) if h and not blank(v)}
        if values:
            rows.append(Row(number, values))
    return tuple(named), tuple(rows)


def _header_text(cell: Any) -> str:
    return "" if cell is None else str(cell).strip()


def blank(value: Any) -> bool:
    """An empty cell: None, or only white space."""
    return value is None or (isinstance(value, str) and not value.strip())
