"""The subsidy ledger as a workbook for claims (（六）, （七）, （十）): a line per person and rule,
the totals per rule and per employer, for one programme, one employer or the whole district.

Two versions: the everyday one masks 身份证号 and phones as every other page and report does;
the one for submitting claims to finance carries the full 身份证号, which finance needs to pay
— it is produced only with a stated purpose, recorded in the audit log with who, when and how
many people it held (PIPL art. 6), like the bureau's single-number reveal.
"""

from collections import defaultdict
from datetime import date
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from models import User
from policy.errors import Forbidden, Invalid
from policy.identifiers import mask_id_number
from policy.subsidies import RULE_LABELS
from services import audit
from services.privacy import PURPOSE_MAX_LENGTH
from services.reports import cell_text
from services.subsidies import LedgerEntry, subsidy_ledger

YUAN = "#,##0.00"


def ledger_workbook(session: Session, as_of: date, program_id: int | None = None,
                    employer_id: int | None = None) -> bytes:
    """The ledger with masked identifiers: for the bureau's own checking and filing."""
    entries, _ = subsidy_ledger(session, as_of, program_id, employer_id)
    return _workbook(entries, as_of, full_ids=False)


def finance_workbook(session: Session, actor: User, purpose: str, as_of: date,
                     program_id: int | None = None, employer_id: int | None = None) -> bytes:
    """The ledger with full 身份证号 for a claim to finance, after an audit entry of the purpose."""
    if actor.role != "bureau":
        raise Forbidden("只有人社局可以导出完整身份证号", code="forbidden")
    purpose = purpose.strip()
    if not purpose or len(purpose) > PURPOSE_MAX_LENGTH:
        raise Invalid(f"请填写导出目的（{PURPOSE_MAX_LENGTH} 字以内）", code="purpose_required",
                      fields={"purpose": "请填写导出目的"})
    entries, _ = subsidy_ledger(session, as_of, program_id, employer_id)
    audit.record(session, actor.id, "export_subsidy_ids", "subsidy_ledger", None, purpose=purpose,
                 program_id=program_id, employer_id=employer_id, as_of=as_of.isoformat(),
                 people=len({e.placement.candidate_id for e in entries}), lines=len(entries))
    session.flush()
    return _workbook(entries, as_of, full_ids=True)


def _workbook(entries: list[LedgerEntry], as_of: date, full_ids: bool) -> bytes:
    book = Workbook()
    detail = book.active
    detail.title = "补贴明细"
    _write(detail, ["姓名", "身份证号", "用人单位", "统一社会信用代码", "岗位", "岗位计划", "上岗日期",
                    "补贴项目", "依据", "金额（元）", "计算说明"], [
        [e.placement.candidate.name,
         e.placement.candidate.id_number if full_ids else mask_id_number(e.placement.candidate.id_number),
         e.placement.post.employer.name, e.placement.post.employer.credit_code, e.placement.post.title,
         e.placement.program.name if e.placement.program else "", e.placement.start_date,
         RULE_LABELS.get(e.amount.rule, e.amount.rule), e.amount.clause, e.amount.fen / 100,
         e.amount.explanation_zh]
        for e in entries], dates=(7,), money=(10,))
    by_rule: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    by_employer: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for e in entries:
        for key, table in (((RULE_LABELS.get(e.amount.rule, e.amount.rule), e.amount.clause), by_rule),
                           ((e.placement.post.employer.name, e.placement.post.employer.credit_code),
                            by_employer)):
            table[key][0] += 1
            table[key][1] += e.amount.fen
    _write(book.create_sheet("按补贴项目合计"), ["补贴项目", "依据", "人次", "金额（元）"],
           [[*key, n, fen / 100] for key, (n, fen) in by_rule.items()], money=(4,))
    _write(book.create_sheet("按单位合计"), ["用人单位", "统一社会信用代码", "人次", "金额（元）"],
           [[*key, n, fen / 100] for key, (n, fen) in sorted(by_employer.items())], money=(4,))
    book.create_sheet("说明").append([f"截至 {as_of.isoformat()} 的补贴台账；"
                                     + ("含完整身份证号，仅用于向财政申领补贴，请妥善保管。" if full_ids
                                        else "身份证号已脱敏。")])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _write(sheet, header: list[str], rows: list[list], dates: tuple[int, ...] = (),
           money: tuple[int, ...] = ()) -> None:
    """Header in bold, values as numbers and dates (formula-like text escaped), widths to fit."""
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([cell_text(value) for value in row])
    for column, fmt in [(c, "yyyy-mm-dd") for c in dates] + [(c, YUAN) for c in money]:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = fmt
    for index, title in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(10, len(title) * 2 + 2)
    sheet.freeze_panes = "A2"
