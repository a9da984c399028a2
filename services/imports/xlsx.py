"""Reading an Excel workbook (.xlsx) for import: only a real OOXML zip is opened, its inflated
size is capped before openpyxl parses anything, and the deadline is checked as openpyxl pulls
each chunk. Formulas are never evaluated: openpyxl reads the values Excel cached
(`data_only=True`), and defusedxml (installed with the app) guards its XML parsing.
"""

import io
import zipfile

# bandit B405: only the exception class; parsing goes through openpyxl with defusedxml installed
from xml.etree.ElementTree import ParseError  # nosec B405

from defusedxml import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from services.imports.limits import MAX_COLUMNS, MAX_ZIP_ENTRIES, Deadline, UnreadableFile, Watch
from services.imports.table import blank, table

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .doc: the pre-2007 Office formats
_OOXML_PARTS = ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml")
# What a damaged or hostile workbook makes openpyxl raise; anything else is our bug.
_WORKBOOK_ERRORS = (InvalidFileException, zipfile.BadZipFile, DefusedXmlException, ParseError,
                    KeyError, ValueError, TypeError, IndexError, EOFError)


def read_xlsx(data: bytes, watch: Watch):
    if data.startswith(OLE2_MAGIC):
        raise UnreadableFile("这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后再导入")
    if not data.startswith(ZIP_MAGIC):
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
            width = max((i + 1 for i, cell in enumerate(header) if not blank(cell)), default=1)
            # One row past the cap is enough to refuse: openpyxl then stops parsing, and never
            # pads the gap up to a lone `<row r="1000000">` with a million empty rows.
            lines = sheet.iter_rows(min_row=2, max_row=rows_cap + 2, max_col=width, values_only=True)
            return table(header[:width], enumerate(watch.counted(lines), start=2))
        finally:
            book.close()
    except _WORKBOOK_ERRORS as exc:
        raise UnreadableFile("Excel 工作簿已损坏或格式不受支持，请在 Excel 中重新保存后再导入") from exc


class _Watched(io.BytesIO):
    """The workbook's bytes, checking the deadline at each read: openpyxl inflates and parses
    its parts in chunks pulled through here, so even one row of a million cells, or a huge
    shared-strings part, stops in time (the per-row check in `Watch.counted` only runs between rows)."""

    def __init__(self, data: bytes, deadline: Deadline):
        super().__init__(data)
        self._deadline = deadline

    def read(self, size: int | None = -1) -> bytes:
        self._deadline.check()
        return super().read(size)
