"""What one import file may cost a worker: bytes, rows (blank ones included), inflated size and
time, and the refusal of a file that goes past any of them.

A hostile or mistaken file must not exhaust a worker: an .xlsx of a few hundred KB can inflate
to gigabytes, and one of 64 KB held 428,000 blank rows that took a worker past gunicorn's
timeout. So every row counts against the row cap, blank or not (a row the reader had to walk
costs the same time whether it holds data or not), the inflated-size cap is what that many rows
can need, and reading stops at a time budget whatever the file holds. Each format's reader
(services/imports/xlsx.py, csv_text.py, jsonl.py) walks its rows through `Watch.counted`.
"""

import time
from dataclasses import dataclass

from policy.errors import Invalid

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


@dataclass(frozen=True)
class Watch:
    """One file's deadline and limits, as its reader walks it."""

    deadline: Deadline
    limits: Limits

    def counted(self, lines):
        """Each line of the file, blank or not, against the row cap and the deadline."""
        for seen, line in enumerate(lines, start=1):
            if seen > self.limits.rows:
                raise self.limits.too_many_rows()
            self.deadline.check()
            yield line
