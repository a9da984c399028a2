"""Turn an uploaded file into rows of `{header: value}`, trusting its content, not its name.

The name only says which format the file claims to be; the bytes must then really be that
format (an .xlsx is a zip with the OOXML parts, a .jsonl is lines of JSON objects, a .csv is
text in UTF-8 or GB18030, not Big5), or the file is refused with a Chinese message before any
row is read. The one entry point (`read_sheet`); the rest lives apart:

    services/imports/limits.py    what a file may cost: bytes, rows, inflated size, time
    services/imports/xlsx.py      an Excel workbook, formulas never evaluated
    services/imports/csv_text.py  a CSV, its encoding told apart
    services/imports/jsonl.py     JSON Lines, line by line
    services/imports/table.py     cells → rows keyed by header, the same in every format
"""

from dataclasses import dataclass
from pathlib import PurePosixPath

from services.imports.csv_text import read_csv
from services.imports.jsonl import read_jsonl
from services.imports.limits import Deadline, Limits, UnreadableFile, Watch
from services.imports.table import Row
from services.imports.xlsx import read_xlsx

MAX_FILE_NAME = 128

FORMAT_BY_SUFFIX = {".xlsx": "xlsx", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


@dataclass(frozen=True)
class Sheet:
    format: str
    headers: tuple[str, ...]
    rows: tuple[Row, ...]


def clean_file_name(raw: str) -> str:
    """The last path component, as browsers on Windows may send `C:\\…\\岗位.xlsx`."""
    name = PurePosixPath((raw or "").replace("\\", "/")).name.strip()
    return name[-MAX_FILE_NAME:] or "未命名文件"


def format_of(file_name: str) -> str:
    suffix = PurePosixPath(file_name).suffix.lower()
    if suffix not in FORMAT_BY_SUFFIX:
        raise UnreadableFile("只支持 .xlsx、.csv 或 .jsonl 文件")
    return FORMAT_BY_SUFFIX[suffix]


def read_sheet(data: bytes, file_name: str, *, seconds: float | None = None,
               limits: Limits | None = None) -> Sheet:
    """The rows of an .xlsx, .csv or .jsonl file; UnreadableFile when it is not what it claims,
    is larger or has more rows (blank ones included) than `limits` (default: the web page's),
    or takes longer than `seconds` to read."""
    limits = limits or Limits.web()
    if len(data) > limits.file_bytes:
        raise limits.too_large()
    if not data.strip():
        raise UnreadableFile("文件是空的")
    fmt = format_of(file_name)
    watch = Watch(Deadline(seconds), limits)
    if fmt == "xlsx":
        headers, rows = read_xlsx(data, watch)
    elif fmt == "csv":
        headers, rows = read_csv(data, watch)
    else:
        headers, rows = read_jsonl(data, watch)
    return Sheet(fmt, headers, rows)
