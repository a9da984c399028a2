"""Reading a CSV (or tab-separated) file for import: its bytes decoded as what Excel saves on
Chinese Windows, its records numbered as a spreadsheet numbers them.
"""

import csv
import io

from services.imports.encoding import is_big5
from services.imports.limits import MAX_COLUMNS, UnreadableFile, Watch
from services.imports.table import table
from services.imports.xlsx import OLE2_MAGIC, ZIP_MAGIC

ENCODING_UNKNOWN = "文件编码无法识别，请另存为 UTF-8 编码的 CSV"


def _decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 — what Excel "CSV" saves on Chinese Windows —
    unless the bytes are really Big5 (Excel on Traditional Chinese Windows), which GB18030
    would read without error as nonsense: refused rather than stored as mojibake."""
    if data.startswith(ZIP_MAGIC):
        raise UnreadableFile("文件内容是 Excel 工作簿而不是 CSV 文本：请使用 .xlsx 扩展名")
    if b"\x00" in data or data.startswith(OLE2_MAGIC):
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


def read_csv(data: bytes, watch: Watch):
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
    return table(header[:MAX_COLUMNS], records)
