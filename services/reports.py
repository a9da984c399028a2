"""The bureau's Excel report: the dashboard's figures and the placement roster, one sheet each.

Numbers stay numbers and dates dates, so the sheets can be summed and sorted. Personal data is
masked as everywhere outside the person's own profile, and text that a spreadsheet would run
as a formula (=, +, -, @ first) is written as text.
"""

from datetime import date
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from models import Placement, Post, QuotaProgram
from policy.codes import GROUP_LABELS, POST_KIND_LABELS
from policy.identifiers import mask_id_number, mask_phone
from policy.placements import END_REASON_LABELS
from services.dashboard import breakdowns, program_trend
from services.monitoring import monitor
from services.programs import program_progress
from services.retention import trainee_retention

HEADER = Font(bold=True)
TARGET_UNITS = {"cap": "上限（岗位数）", "floor": "下限（人数）"}


def build_report(session: Session, today: date) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = "计划进度"
    progress = program_progress(session)
    # 完成率: a cap's posts offered, a floor's people placed, over the target (目标性质 says which).
    _table(sheet, ["计划", "类型", "目标", "已提供岗位", "已安置", "完成率", "目标性质"], [
        [p.name, POST_KIND_LABELS[p.kind], p.target, p.slots_offered, p.placed, round(p.fill_rate, 4),
         TARGET_UNITS[p.target_rule]]
        for p in progress
    ])
    for row in sheet.iter_rows(min_row=2, min_col=6, max_col=6):
        for cell in row:
            cell.number_format = "0.0%"
    if progress:
        chart = BarChart()
        chart.title = "各计划目标与已安置"
        chart.add_data(Reference(sheet, min_col=3, max_col=5, min_row=1, max_row=len(progress) + 1),
                       titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=len(progress) + 1))
        sheet.add_chart(chart, "H2")

    for breakdown in breakdowns(session):
        _table(book.create_sheet(breakdown.title), ["项目", "提供岗位", "已安置"],
               [list(row) for row in breakdown.rows])

    rows = []
    for program in session.scalars(select(QuotaProgram).order_by(QuotaProgram.id)):
        trend = program_trend(session, program, today)
        rows += [[program.name, p.week_start, p.placed_total] for p in trend.points]
    _table(book.create_sheet("每周进度"), ["计划", "周起始日", "累计安置"], rows)
    _roster(book.create_sheet("安置名册"), session)
    _retention(book.create_sheet("见习留用"), session)
    _unemployment_monitoring(book, session, today)
    return book


def _retention(sheet, session: Session) -> None:
    """Trainee retention per programme, then per employer; 留用率 blank before any has ended."""
    report = trainee_retention(session)
    rows = [[kind, r.label, r.placed, r.ended, r.retained, r.not_retained,
             None if r.rate is None else round(r.rate, 4)]
            for kind, items in (("岗位计划", report.programmes), ("见习单位", report.employers))
            for r in items]
    _table(sheet, ["维度", "名称", "见习人数", "已结束", "留用", "未留用", "留用率"], rows)
    for row in sheet.iter_rows(min_row=2, min_col=7, max_col=7):
        for cell in row:
            cell.number_format = "0.0%"


def _roster(sheet, session: Session) -> None:
    placements = session.scalars(
        select(Placement)
        .options(joinedload(Placement.post).joinedload(Post.employer),
                 joinedload(Placement.candidate), joinedload(Placement.program))
        .order_by(Placement.start_date, Placement.id)
    ).unique()
    _table(sheet, ["姓名", "身份证号", "手机号", "岗位", "用人单位", "乡镇（街道）", "岗位类型",
                   "岗位计划", "开始日期", "补贴截止", "结束日期", "结束原因"], [
        [p.candidate.name, mask_id_number(p.candidate.id_number), mask_phone(p.candidate.phone),
         p.post.title, p.post.employer.name, p.post.township, POST_KIND_LABELS[p.kind],
         p.program.name if p.program else "", p.start_date, p.extended_until or p.term_end,
         p.ended_on, END_REASON_LABELS.get(p.end_reason, "")]
        for p in placements
    ])
    for row in sheet.iter_rows(min_row=2, min_col=9, max_col=11):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"


def _unemployment_monitoring(book: Workbook, session: Session, today: date) -> None:
    """（十五）: the monitoring page's figures, a row per township and month, and the groups."""
    result = monitor(session, today)
    baseline = f"前{result.rule.baseline_months.value}个月月均新增"
    _table(book.create_sheet("失业登记监测"),
           ["月份", "乡镇（街道）", "当月新增", "退出：就业", "退出：注销", "月末登记失业", baseline,
            "规模性失业风险提示"],
           [[month.label, name, c.new, c.exits_employed, c.exits_cancelled, c.registered,
             round(c.baseline, 2), "新增激增" if c.surge else ""]
            for month, cells in zip(result.months, zip(*result.townships.values(), strict=True),
                                    strict=True)
            for name, c in zip(result.townships, cells, strict=True)])
    _table(book.create_sheet("登记失业按类别"), ["人员类别（月末）", *(m.label for m in result.months)],
           [[GROUP_LABELS[group], *counts] for group, counts in result.groups.items()])


def report_bytes(session: Session, today: date) -> bytes:
    buffer = BytesIO()
    build_report(session, today).save(buffer)
    return buffer.getvalue()


def _table(sheet, header: list[str], rows: list[list]) -> None:
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = HEADER
    for row in rows:
        sheet.append([cell_text(v) for v in row])
    for index, title in enumerate(header, start=1):
        width = max([len(str(title)) * 2] + [len(str(r[index - 1])) * 2 for r in rows[:200]])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width, 10), 50)
    sheet.freeze_panes = "A2"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV
    injection); NUL and the other control characters a cell may not hold are dropped first."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value
