"""The import templates the bureau downloads: one .xlsx per kind with the headers (required
ones marked *), one example row, and the allowed values as data validation, so a township or
an education level is picked from a list instead of typed in a way no import can read.

The lists live on a second sheet (可选值) that the validations point to: an inline list is
limited to 255 characters. 身份证号 and 手机号 columns are formatted as text, so Excel does not
turn an 18-digit number into 3.50182E+17. The example row imports as it stands (a test holds it).
"""

from datetime import date
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from policy.codes import EDUCATION_LABELS, GROUP_LABELS, POST_KIND_LABELS, TOWNSHIPS
from policy.identifiers import make_id_number
from services.imports.columns import COLUMNS, KIND_LABELS, KINDS, REQUIRED

EXAMPLE_EMPLOYER = "福州长乐示例纺织有限公司"
# A made-up number, grouped as forms print it (spaces are dropped on import): no whole number
# of anyone appears on any page or download outside the audited reveals.
_NUMBER = make_id_number("350182", date(1998, 5, 12), 124)
EXAMPLE_ID_NUMBER = f"{_NUMBER[:6]} {_NUMBER[6:14]} {_NUMBER[14:]}"
TEXT_FIELDS = ("id_number", "phone", "credit_code", "id")
ROWS_VALIDATED = 10_000  # rows below the header the lists apply to

# The columns of each template, in order (salary as one 月薪 cell, not a min and a max).
FIELDS = {
    "posts": ("id", "title", "employer", "industry", "kind", "township", "slots", "education_min",
              "majors", "salary", "description", "requirements"),
    "candidates": ("id", "name", "id_number", "phone", "education", "birth_date", "school",
                   "major", "graduation_date", "groups", "townships", "unemployed_since",
                   "employed", "skills", "desired"),
}
EXAMPLES = {
    "posts": {"id": "P2020001", "title": "织造车间质检员", "employer": EXAMPLE_EMPLOYER,
              "industry": "纺织", "kind": POST_KIND_LABELS["regular"], "township": "金峰镇",
              "slots": 3, "education_min": "高中", "majors": "纺织工程、服装设计",
              "salary": "4000-5500", "description": "负责坯布质量检验",
              "requirements": "高中及以上学历，能适应倒班"},
    "candidates": {"id": "U2020001", "name": "林晓燕",
                   "id_number": EXAMPLE_ID_NUMBER, "phone": "139 0591 0000", "education": "大专",
                   "birth_date": "1998-05-12",
                   "school": "福州职业技术学院", "major": "电子商务", "graduation_date": "2020-06",
                   "groups": GROUP_LABELS["registered_unemployed"], "townships": "吴航街道、航城街道",
                   "unemployed_since": "2020年7月", "employed": "否", "skills": "网店运营、办公软件",
                   "desired": "电商运营"},
}
NOTES = {
    "groups": "可填多个，用顿号分隔：" + "、".join(GROUP_LABELS.values()),
    "townships": "可填多个，用顿号分隔；可带区名，如 长乐区吴航街道",
    "salary": "一个数（如 1800）或范围（如 4000-5500）",
    "graduation_date": "可写 2020-06、2020年6月 或 2020.6.30",
    "employer": "须是已通过审核的单位名称（或另加一列 统一社会信用代码）",
}
# Single-valued columns picked from a list: field → allowed values as they read in Chinese.
LISTS = {
    "kind": tuple(POST_KIND_LABELS.values()),
    "township": TOWNSHIPS,
    "education_min": ("不限", *(label for level, label in EDUCATION_LABELS.items() if level != "none")),
    "education": ("小学", *(label for level, label in EDUCATION_LABELS.items() if level != "none")),
    "employed": ("是", "否"),
}


def template_bytes(kind: str) -> bytes:
    """The .xlsx template for importing `kind` (posts or candidates)."""
    if kind not in KINDS:
        raise ValueError(kind)
    columns = {c.field: c for c in COLUMNS[kind]}
    book = Workbook()
    sheet = book.active
    sheet.title = f"{KIND_LABELS[kind]}导入"
    lists = book.create_sheet("可选值")
    fields = FIELDS[kind]
    headers = [("*" if f in REQUIRED[kind] else "") + columns[f].label for f in fields]
    sheet.append(headers)
    sheet.append([EXAMPLES[kind][f] for f in fields])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    list_column = 0
    for index, field in enumerate(fields, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(12, 2 * len(headers[index - 1]) + 4)
        if field in TEXT_FIELDS:
            sheet.column_dimensions[letter].number_format = "@"
            sheet[f"{letter}2"].number_format = "@"
        if field in LISTS:
            list_column += 1
            source = get_column_letter(list_column)
            values = LISTS[field]
            lists.cell(row=1, column=list_column, value=columns[field].label)
            for n, value in enumerate(values, start=2):
                lists.cell(row=n, column=list_column, value=value)
            check = DataValidation(
                type="list", formula1=f"'可选值'!${source}$2:${source}${len(values) + 1}",
                allow_blank=True, showErrorMessage=True, errorTitle="不在可选范围内",
                error=f"请从下拉列表中选择{columns[field].label}")
            sheet.add_data_validation(check)
            check.add(f"{letter}2:{letter}{ROWS_VALIDATED + 1}")
    notes = book.create_sheet("填写说明")
    notes.append(["列名", "说明"])
    notes.append(["带 * 的列", "必填"])
    notes.append(["第 2 行", "示例，导入前请删除或改为真实数据"])
    for field in fields:
        if field in NOTES:
            notes.append([columns[field].label, NOTES[field]])
        elif field in LISTS:
            notes.append([columns[field].label, "从下拉列表选择：" + "、".join(LISTS[field])])
    notes.column_dimensions["A"].width, notes.column_dimensions["B"].width = 16, 80
    out = BytesIO()
    book.save(out)
    return out.getvalue()
