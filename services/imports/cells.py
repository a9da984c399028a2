"""Cells as people type them in a district's spreadsheets: dates to the month or the day
(2020-06, 2020年6月, 2020.6.30, Excel dates), township names with their district prefix
(长乐区吴航街道), and a salary as one figure or a range (1800, 1800-2500元).

Each converter returns the interchange value (ISO text, a township of policy.codes, integers)
or raises CellError with a Chinese reason; services.imports.columns maps columns to them.
"""

import re
import unicodedata
from datetime import date, datetime
from typing import Any

from policy.codes import TOWNSHIPS


class CellError(ValueError):
    """A cell that cannot be read as its column's value; message in Chinese."""


_DAY_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?")
_DAY_DIGITS = re.compile(r"(\d{4})(\d{2})(\d{2})")
_MONTH_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?(?:份)?")
_MONTH_DIGITS = re.compile(r"(\d{4})(\d{2})")
# What may precede a township: 福建省, 福州市, 长乐区 … (each ends in 省, 市, 区 or 县), or 长乐.
_REGION_PREFIX = re.compile(r"(?:[^省市区县\s]{1,10}?[省市区县])+|长乐")
_SALARY = re.compile(r"(\d+)(?:\s*[-–—~～至到]\s*(\d+))?")


def day(value: Any) -> str:
    """ISO text of a date; a month alone (2020-06, 2020年6月) is read as its first day, as a
    graduation or registration month is usually all a form asked for."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and not value.is_integer():
        text = repr(value)
        if text.endswith(".1"):
            # Excel stored 2020.10 (October) as the number 2020.1: the month cannot be told.
            raise CellError(f"{text} 可能是 1 月或 10 月：请写成 2020-10 或 2020年10月，"
                            "或把该列设为“文本”格式")
    else:
        text = str(int(value)) if isinstance(value, float) else str(value)
    text = unicodedata.normalize("NFKC", text).strip()
    try:
        match = _DAY_TEXT.fullmatch(text) or _DAY_DIGITS.fullmatch(text)
        if match is not None:
            return date(*(int(part) for part in match.groups())).isoformat()
        match = _MONTH_TEXT.fullmatch(text) or _MONTH_DIGITS.fullmatch(text)
        if match is not None:
            return date(int(match[1]), int(match[2]), 1).isoformat()
    except ValueError:
        pass
    raise CellError(f"不是有效日期：{text[:20]!r}（应如 2020-06-30 或 2020-06）")


def township(value: Any) -> str:
    """A township of the district, its district (or city, province) prefix dropped:
    长乐区吴航街道 and 福州市长乐区吴航街道 are 吴航街道. An unknown name passes unchanged for
    matcher.records to refuse with the list of townships."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))
    if text in TOWNSHIPS:
        return text
    for name in TOWNSHIPS:
        if text.endswith(name) and _REGION_PREFIX.fullmatch(text[: -len(name)]):
            return name
    return text


def salary_range(value: Any) -> tuple[int, int]:
    """A monthly salary as typed in one cell: 1800, 1800元, 1800-2500, 1800～2500元/月."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not value.is_integer():
            raise CellError("月薪应为整数（元）")
        return int(value), int(value)
    text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "")
    text = re.sub(r"(元(/月|每月)?|/月)$", "", text).strip()
    match = _SALARY.fullmatch(text)
    if match is None:
        raise CellError(f"应为金额或范围，如 1800 或 1800-2500，而不是 {str(value)[:20]!r}")
    low = int(match[1])
    high = int(match[2]) if match[2] else low
    if low > high:
        raise CellError(f"范围的下限 {low} 大于上限 {high}")
    return low, high
