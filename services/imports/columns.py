"""The columns an import understands: English interchange names or Chinese headers, and how a
spreadsheet cell becomes the interchange value that matcher.records then validates.

Spreadsheets hold what people type — 本科, 大专及以上, 2020/6/30, 是 — and Excel turns long digit
strings into numbers. This layer only translates those habits into DESIGN.md's interchange
values; whether a value is allowed is decided by `matcher.records` and by services.imports.
JSON Lines values are already typed and pass through the same converters unchanged.
"""

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from policy.codes import EDUCATION_LEVELS, GROUP_LABELS, GROUPS, POST_KIND_LABELS, POST_KINDS
from policy.errors import Invalid
from policy.text import HIDDEN_CHARACTERS, hidden_characters
from services.imports.cells import CellError, day, salary_range, township

KINDS = ("posts", "candidates")
KIND_LABELS = {"posts": "岗位", "candidates": "求职者"}
MAX_CELL_CHARS = 4000

_LIST_SEPARATORS = re.compile(r"[、,，;；]")
_INTEGER_TEXT = re.compile(r"\d+")

EDUCATION_WORDS = {
    **{level: level for level in EDUCATION_LEVELS},
    "无": "none", "不限": "none", "无学历要求": "none", "学历不限": "none", "小学": "none",
    "初中": "junior_high", "高中": "high_school",
    "中专": "vocational", "技校": "vocational", "技师学院": "vocational", "职高": "vocational",
    "中专/技校/技师学院": "vocational",
    "大专": "associate", "专科": "associate", "高职": "associate",
    "本科": "bachelor", "大学本科": "bachelor",
    "硕士": "master", "研究生": "master", "博士": "doctor",
}
KIND_WORDS = {
    **{kind: kind for kind in POST_KINDS},
    **{label: kind for kind, label in POST_KIND_LABELS.items()},
    "见习岗位": "trainee", "公益性岗位": "public_welfare", "公益岗位": "public_welfare",
}
GROUP_WORDS = {**{group: group for group in GROUPS},
               **{label: group for group, label in GROUP_LABELS.items()}}
YES_NO = {"是": True, "否": False, "已就业": True, "未就业": False, "y": True, "n": False,
          "yes": True, "no": False, "true": True, "false": False, "1": True, "0": False}


@dataclass(frozen=True)
class Column:
    field: str  # the interchange name (or id_number / phone / credit_code / open_date)
    label: str  # the Chinese header, used in messages
    convert: Callable[[Any], Any]
    aliases: tuple[str, ...] = ()


def _text(limit: int = MAX_CELL_CHARS) -> Callable[[Any], str]:
    def convert(value: Any) -> str:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = value.strip() if isinstance(value, str) else str(value)
        if len(text) > limit:
            raise CellError(f"内容过长（最多 {limit} 个字）")
        return text
    return convert


def _name(limit: int) -> Callable[[Any], str]:
    """A name or title: text without bidi controls or zero-width characters (policy/text.py)."""
    text = _text(limit)

    def convert(value: Any) -> str:
        converted = text(value)
        if hidden_characters(converted):
            raise CellError(HIDDEN_CHARACTERS)
        return converted
    return convert


def _integer(value: Any) -> int:
    if isinstance(value, bool):
        raise CellError("应为整数")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip().replace(",", "").replace("，", "").removesuffix("元").removesuffix("人")
    if not _INTEGER_TEXT.fullmatch(text):
        raise CellError(f"应为整数，而不是 {str(value)[:20]!r}")
    return int(text)


def _texts(value: Any) -> list[str]:
    items = value if isinstance(value, list) else _LIST_SEPARATORS.split(str(value))
    out = []
    for item in items:
        text = _text()(item) if item is not None else ""
        if text:
            out.append(text)
    return out


def _word(words: Mapping[str, str], hint: str, strip_suffix: bool = False) -> Callable[[Any], str]:
    def convert(value: Any) -> str:
        text = unicodedata.normalize("NFKC", str(value)).strip()
        if strip_suffix:
            text = re.sub(r"(及以上|以上)(学历)?$", "", text)
        key = text if text in words else text.lower()
        if key not in words:
            raise CellError(f"无法识别：{text[:20]!r}（应为 {hint}）")
        return words[key]
    return convert


def _groups(value: Any) -> list[str]:
    convert = _word(GROUP_WORDS, "、".join(GROUP_LABELS.values()))
    return [convert(item) for item in _texts(value)]


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(int(value) if isinstance(value, float) else value).strip().lower()
    if text not in YES_NO:
        raise CellError(f"应填 是 或 否，而不是 {text[:10]!r}")
    return YES_NO[text]


def _id_number(value: Any) -> str:
    if isinstance(value, int | float):
        raise CellError("被存成了数字，18 位号码已被 Excel 截断：请把该列设为“文本”格式后重新填写")
    return _text(24)(value)


def _phone(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(int(value))
    return _text(24)(value)


_EDUCATION_HINT = "初中、高中、中专、大专、本科、硕士、博士 等"
_SHARED_ID = Column("id", "编号", _text(32), ("岗位编号", "人员编号"))

COLUMNS: dict[str, tuple[Column, ...]] = {
    "posts": (
        _SHARED_ID,
        Column("title", "岗位名称", _name(64)),
        Column("employer", "单位", _name(128), ("单位名称", "用人单位")),
        Column("credit_code", "统一社会信用代码", _text(24)),
        Column("industry", "行业", _text(32)),
        Column("description", "岗位职责", _text()),
        Column("requirements", "任职要求", _text()),
        Column("education_min", "最低学历", _word(EDUCATION_WORDS, _EDUCATION_HINT, True),
               ("学历要求",)),
        Column("majors", "专业", _texts, ("专业要求",)),
        Column("township", "乡镇", township, ("乡镇（街道）", "镇街", "工作地点")),
        Column("slots", "招聘人数", _integer),
        Column("salary_min", "最低月薪", _integer),
        Column("salary_max", "最高月薪", _integer),
        # One cell for both: 1800 (one figure) or 1800-2500.
        Column("salary", "月薪", salary_range, ("工资", "薪资", "月工资")),
        Column("kind", "岗位类型", _word(KIND_WORDS, "招聘岗位、见习岗位、公益性岗位")),
        Column("open_date", "发布日期", day),
        Column("reserved_for_graduates", "专项招聘应届毕业生", _flag, ("专项招聘应届高校毕业生",)),
    ),
    "candidates": (
        _SHARED_ID,
        Column("name", "姓名", _name(64)),
        Column("birth_date", "出生日期", day),
        Column("education", "学历", _word(EDUCATION_WORDS, _EDUCATION_HINT), ("最高学历",)),
        Column("school", "学校", _name(64), ("毕业学校", "毕业院校")),
        Column("major", "专业", _text(64), ("所学专业",)),
        Column("graduation_date", "毕业时间", day, ("毕业日期",)),
        Column("skills", "技能", _text()),
        Column("experience", "工作经历", _text()),
        Column("desired", "求职意向", _text()),
        Column("townships", "意向乡镇", lambda v: [township(t) for t in _texts(v)]),
        Column("groups", "人员类别", _groups),
        Column("unemployed_since", "失业登记日期", day),
        Column("employed", "是否就业", _flag),
        Column("id_number", "身份证号", _id_number, ("身份证号码", "公民身份号码")),
        Column("phone", "手机号", _phone, ("手机号码", "联系电话")),
    ),
}

# Without these a row cannot be a post or a person, so a file missing the column is refused.
REQUIRED = {
    "posts": ("id", "title", "kind", "industry", "township"),
    "candidates": ("id", "name", "education", "id_number", "phone"),
}


def _key(header: str) -> str:
    """Headers compare without width, case, spaces or the * that marks a required column."""
    return re.sub(r"[\s*]", "", unicodedata.normalize("NFKC", header)).lower()


def _lookup(kind: str) -> dict[str, Column]:
    table = {}
    for column in COLUMNS[kind]:
        for name in (column.field, column.label, *column.aliases):
            table[_key(name)] = column
    return table


LOOKUP = {kind: _lookup(kind) for kind in KINDS}


def detect_kind(headers: tuple[str, ...]) -> str:
    """Posts or candidates, by the headers only one of the two kinds knows (岗位名称 vs 姓名)."""
    keys = {_key(h) for h in headers}
    posts = len({k for k in keys if k in LOOKUP["posts"] and k not in LOOKUP["candidates"]})
    people = len({k for k in keys if k in LOOKUP["candidates"] and k not in LOOKUP["posts"]})
    if posts == people:
        raise Invalid("无法从表头判断是岗位还是求职者，请指定导入内容并核对列名",
                      code="import_kind_unknown")
    return "posts" if posts > people else "candidates"


@dataclass(frozen=True)
class Layout:
    """Which header feeds which column, for one file and kind."""

    kind: str
    columns: dict[str, Column]  # header as in the file → column
    ignored: tuple[str, ...]

    def convert(self, values: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """The interchange dict of one row, and a Chinese reason for each unreadable cell."""
        record, problems = {}, []
        for header, value in values.items():
            column = self.columns.get(header)
            if column is None:
                continue
            try:
                converted = column.convert(value)
            except CellError as exc:
                problems.append(f"「{column.label}」{exc}")
                continue
            if column.field == "salary":  # one cell, both ends of the range
                record["salary_min"], record["salary_max"] = converted
            else:
                record[column.field] = converted
        return record, problems


def layout(kind: str, headers: tuple[str, ...]) -> Layout:
    """Map the file's headers to columns; a required column missing refuses the whole file."""
    columns, ignored, seen = {}, [], {}
    for header in headers:
        column = LOOKUP[kind].get(_key(header))
        if column is None:
            ignored.append(header)
        elif column.field in seen:
            raise Invalid(f"列「{seen[column.field]}」和「{header}」是同一项，请删去其中一列",
                          code="import_columns")
        else:
            columns[header] = column
            seen[column.field] = header
    both = {"salary_min", "salary_max"} & set(seen)
    if "salary" in seen and both:
        raise Invalid(f"列「{seen['salary']}」和「{seen[min(both)]}」都是月薪，请只保留一种写法",
                      code="import_columns")
    missing = [c.label for c in COLUMNS[kind] if c.field in REQUIRED[kind] and c.field not in seen]
    if kind == "posts" and not {"employer", "credit_code"} & set(seen):
        missing.append("单位（或统一社会信用代码）")
    if missing:
        raise Invalid(f"导入{KIND_LABELS[kind]}缺少必需的列：{'、'.join(missing)}",
                      code="import_columns")
    return Layout(kind, columns, tuple(ignored))


def field_label(kind: str, field_name: str) -> str:
    """The Chinese header of an interchange field, for messages that name the field."""
    column = LOOKUP[kind].get(_key(field_name))
    return column.label if column else field_name
