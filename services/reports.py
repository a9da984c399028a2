"""The bureau's Excel report: the dashboard's figures, one sheet per view, for reporting upward."""

from datetime import date
from io import BytesIO

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import QuotaProgram
from policy.codes import POST_KIND_LABELS
from services.dashboard import breakdowns, program_trend
from services.programs import program_progress

HEADER = Font(bold=True)


def build_report(session: Session, today: date) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = "计划进度"
    progress = program_progress(session)
    _table(sheet, ["计划", "类型", "目标", "已提供岗位", "已安置", "完成率"], [
        [p.name, POST_KIND_LABELS[p.kind], p.target, p.slots_offered, p.placed, round(p.fill_rate, 4)]
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
    return book


def report_bytes(session: Session, today: date) -> bytes:
    buffer = BytesIO()
    build_report(session, today).save(buffer)
    return buffer.getvalue()


def _table(sheet, header: list[str], rows: list[list]) -> None:
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = HEADER
    for row in rows:
        sheet.append(row)
    for index, title in enumerate(header, start=1):
        width = max([len(str(title)) * 2] + [len(str(r[index - 1])) * 2 for r in rows[:200]])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width, 10), 50)
    sheet.freeze_panes = "A2"
