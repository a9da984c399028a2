"""Turn an uploaded file into rows of `{header: value}`, trusting its content, not its name.

The name only says which format the file claims to be; the bytes must then really be that
format (an .xlsx is a zip with the OOXML parts, a .jsonl is lines of JSON objects, a .csv is
text in UTF-8 or GB18030, not Big5), or the file is refused with a Chinese message before any
row is read. Caps on bytes, inflated size, rows and columns keep a hostile or mistaken file from
exhausting a worker: an .xlsx of a few hundred KB can inflate to gigabytes, and one of 64 KB
held 428,000 blank rows that took a worker past gunicorn's timeout. So every row counts against
the row cap, blank or not (a row the reader had to walk costs the same time whether it holds
data or not), the inflated-size cap is what that many rows can need, and reading stops at a
time budget whatever the file holds.

Formulas are never evaluated: openpyxl reads the values Excel cached (`data_only=True`), and
defusedxml (installed with the app) guards its XML parsing.
"""

import csv
import io
import json
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

# bandit B405: only the exception class; parsing goes through openpyxl with defusedxml installed
from xml.etree.ElementTree import ParseError  # nosec B405

from defusedxml import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from policy.errors import Invalid
from policy.text import MAX_JSON_DEPTH, json_problem
from services.imports.encoding import is_big5

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ZIP_ENTRIES = 1000
MAX_ROWS = 20_000
"""The web page's caps (`Limits.web()`): a worker reads the upload within one request."""
REGISTRY_FILE_BYTES = 1024 * 1024 * 1024
REGISTRY_ROWS = 1_000_000
"""The operator command's caps (`Limits.registry()`): a district's whole register in one file
(100,000 people are 62 MB of JSON Lines), read by a process that serves no one meanwhile."""
# What one row of a real workbook inflates to, generously: a dozen cells of XML plus its share of
# the shared strings (a 300-character 岗位职责 is under 1 KB). The workbook's other parts
# (styles, theme, properties) get a fixed allowance on top.
INFLATED_BYTES_PER_ROW = 4096
INFLATED_BYTES_OVERHEAD = 2 * 1024 * 1024
MAX_COLUMNS = 60
MAX_FILE_NAME = 128

ENCODING_UNKNOWN = "文件编码无法识别，请另存为 UTF-8 编码的 CSV"

FORMAT_BY_SUFFIX = {".xlsx": "xlsx", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
FORMAT_LABELS = {"xlsx": "Excel 工作簿（.xlsx）", "csv": "CSV 文本", "jsonl": "JSON Lines（.jsonl）"}

_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .doc: the pre-2007 Office formats
_OOXML_PARTS = ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml")
# What a damaged or hostile workbook makes openpyxl raise; anything else is our bug.
_WORKBOOK_ERRORS = (InvalidFileException, zipfile.BadZipFile, DefusedXmlException, ParseError,
                    KeyError, ValueError, TypeError, IndexError, EOFError)


class UnreadableFile(Invalid):
    """The file as a whole is refused: wrong content, unknown encoding, too large."""

    code = "import_unreadable"


@dataclass(frozen=True)
class Limits:
    """How much one file may hold: bytes, and rows (blank ones included)."""

    file_bytes: int
    rows: int

    @classmethod
    def web(cls) -> "Limits":
        return cls(MAX_FILE_BYTES, MAX_ROWS)

    @classmethod
    def registry(cls) -> "Limits":
        return cls(REGISTRY_FILE_BYTES, REGISTRY_ROWS)

    @property
    def inflated_bytes(self) -> int:
        """The inflated size of a workbook that holds at most `rows` rows."""
        return self.rows * INFLATED_BYTES_PER_ROW + INFLATED_BYTES_OVERHEAD

    def too_large(self) -> "UnreadableFile":
        return UnreadableFile(f"文件过大：最多 {self.file_bytes // (1024 * 1024)} MB，请拆分后分批导入")

    def too_many_rows(self) -> "UnreadableFile":
        return UnreadableFile(f"数据行过多：一次最多导入 {self.rows} 行（空行也计算在内），"
                              "请删除多余的空行或拆分后分批导入")


@dataclass(frozen=True)
class Row:
    """One data row: its number as the user sees it (Excel row with the header = 1; JSONL
    line), the values by header or JSON key, or why the line could not be read at all."""

    number: int
    values: dict[str, Any] = field(default_factory=dict)
    problem: str = ""


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


class Deadline:
    """Reading stops once `seconds` have passed (None: no limit, as on the operator's command
    line). Checked at every row, and at every chunk openpyxl pulls from a workbook, so a file no
    cap foresaw still ends in a clear refusal well before gunicorn's worker timeout kills the
    worker and answers 500."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self._end = None if seconds is None else time.monotonic() + seconds

    def check(self) -> None:
        if self._end is not None and time.monotonic() >= self._end:
            raise UnreadableFile(
                f"文件读取超时（超过 {self.seconds:g} 秒），已停止：请删除表格中多余的空行、空列或无关内容，"
                "或拆分后分批导入")


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
    watch = _Watch(Deadline(seconds), limits)
    if fmt == "xlsx":
        headers, rows = _read_xlsx(data, watch)
    elif fmt == "csv":
        headers, rows = _read_csv(data, watch)
    else:
        headers, rows = _read_jsonl(data, watch)
    return Sheet(fmt, headers, rows)


@dataclass(frozen=True)
class _Watch:
    deadline: Deadline
    limits: Limits

    def counted(self, lines):
        """Each line of the file, blank or not, against the row cap and the deadline."""
        for seen, line in enumerate(lines, start=1):
            if seen > self.limits.rows:
                raise self.limits.too_many_rows()
            self.deadline.check()
            yield line


def _table(header_cells, data_rows) -> tuple[tuple[str, ...], tuple[Row, ...]]:
    """Header row + data rows (number, cells) → rows keyed by header; blank rows skipped
    (they were already counted against the cap by `_Watch.counted`).

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
        values = {h: v for h, v in zip(headers, cells, strict=False) if h and not _blank(v)}
        if values:
            rows.append(Row(number, values))
    return tuple(named), tuple(rows)


def _header_text(cell: Any) -> str:
    return "" if cell is None else str(cell).strip()


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_xlsx(data: bytes, watch: _Watch):
    if data.startswith(_OLE2_MAGIC):
        raise UnreadableFile("这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后再导入")
    if not data.startswith(_ZIP_MAGIC):
        raise UnreadableFile("文件内容不是 Excel 工作簿（.xlsx），请检查文件")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise UnreadableFile("文件内容不是 Excel 工作簿（.xlsx）：压缩包已损坏") from exc
    names = {entry.filename for entry in entries}
    if not all(part in names for part in _OOXML_PARTS):
        raise UnreadableFile("文件内容不是 Excel 工作簿（.xlsx）：缺少工作簿部件")
    rows_cap = watch.limits.rows
    if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > watch.limits.inflated_bytes:
        raise UnreadableFile(f"Excel 工作簿解压后过大（一次最多导入 {rows_cap} 行），"
                             "请删除多余的空行或拆分后分批导入")
    try:
        book = load_workbook(_Watched(data, watch.deadline), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            header = next(sheet.iter_rows(max_row=1, max_col=MAX_COLUMNS, values_only=True), ())
            # Read data rows only as wide as the header: openpyxl pads every row to max_col.
            width = max((i + 1 for i, cell in enumerate(header) if not _blank(cell)), default=1)
            # One row past the cap is enough to refuse: openpyxl then stops parsing, and never
            # pads the gap up to a lone `<row r="1000000">` with a million empty rows.
            lines = sheet.iter_rows(min_row=2, max_row=rows_cap + 2, max_col=width, values_only=True)
            return _table(header[:width], enumerate(watch.counted(lines), start=2))
        finally:
            book.close()
    except _WORKBOOK_ERRORS as exc:
        raise UnreadableFile("Excel 工作簿已损坏或格式不受支持，请在 Excel 中重新保存后再导入") from exc


class _Watched(io.BytesIO):
    """The workbook's bytes, checking the deadline at each read: openpyxl inflates and parses
    its parts in chunks pulled through here, so even one row of a million cells, or a huge
    shared-strings part, stops in time (the per-row check in `_Watch.counted` only runs between rows)."""

    def __init__(self, data: bytes, deadline: Deadline):
        super().__init__(data)
        self._deadline = deadline

    def read(self, size: int | None = -1) -> bytes:
        self._deadline.check()
        return super().read(size)


def _decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 — what Excel "CSV" saves on Chinese Windows —
    unless the bytes are really Big5 (Excel on Traditional Chinese Windows), which GB18030
    would read without error as nonsense: refused rather than stored as mojibake."""
    if data.startswith(_ZIP_MAGIC):
        raise UnreadableFile("文件内容是 Excel 工作簿而不是 CSV 文本：请使用 .xlsx 扩展名")
    if b"\x00" in data or data.startswith(_OLE2_MAGIC):
        raise UnreadableFile("文件内容不是 CSV 文本，请在 Excel 中另存为“CSV（逗号分隔）”")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise UnreadableFile(ENCODING_UNKNOWN) from None
    if is_big5(data, text):
        raise UnreadableFile(ENCODING_UNKNOWN)
    return text


def _read_csv(data: bytes, watch: _Watch):
    text = _decode_text(data)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, [])
        records = []
        # Spreadsheets number a CSV's records, not its physical lines (a cell may hold a newline).
        for number, cells in enumerate(watch.counted(reader), start=2):
            if any(cell.strip() for cell in cells):
                records.append((number, cells[:MAX_COLUMNS]))
    except csv.Error as exc:
        raise UnreadableFile(f"CSV 格式有误（第 {reader.line_num} 行附近）：请检查引号是否成对") from exc
    return _table(header[:MAX_COLUMNS], records)


def _jsonl_lines(data: bytes):
    """The file's lines decoded one at a time (a register's 80 MB is never held again as text
    and as a list of lines), split on "\n" only: str.splitlines() would also cut at U+2028,
    legal inside a JSON string."""
    for number, raw in enumerate(io.BytesIO(data)):
        try:
            line = raw.decode("utf-8-sig" if number == 0 else "utf-8")
        except UnicodeDecodeError as exc:
            raise UnreadableFile("JSON Lines 文件应为 UTF-8 编码") from exc
        yield line.removesuffix("\n")


def _read_jsonl(data: bytes, watch: _Watch):
    headers: dict[str, None] = {}
    rows = []
    for number, line in enumerate(watch.counted(_jsonl_lines(data)), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            problem = json_problem(obj)
        except ValueError:
            obj, problem = None, None
        except RecursionError:  # the parser's own limit, some hundreds of levels deeper
            obj, problem = None, "too_deep"
        if not rows and not isinstance(obj, dict):
            raise UnreadableFile("文件内容不是 JSON Lines：每行应为一个 JSON 对象")
        if problem == "too_deep":
            rows.append(Row(number, problem=f"这一行的 JSON 嵌套层数过多（最多 {MAX_JSON_DEPTH} 层）"))
        elif problem == "nul":  # PostgreSQL cannot store NUL in text
            rows.append(Row(number, problem="这一行含有不可见的空字符（NUL），请删除后重试"))
        elif isinstance(obj, dict):
            headers.update(dict.fromkeys(str(key) for key in obj))
            rows.append(Row(number, {str(k): v for k, v in obj.items() if not _blank(v)}))
        else:
            rows.append(Row(number, problem="这一行不是有效的 JSON 对象"))
    return tuple(headers), tuple(rows)
