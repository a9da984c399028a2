"""The follow-up workload of township staff （十四）: contacts recorded per staff member and
month, the figure the seed's workload subsidy for 基层 staff is paid on. The bureau sees every
township account; a township account sees its own rows only."""

from dataclasses import dataclass
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import distinct, extract, func, select
from sqlalchemy.orm import Session

from models import FollowUp, User
from services import township_scope

HEADERS = ("月份", "乡镇（街道）", "协理员", "跟踪联系次数", "跟踪人数")


@dataclass(frozen=True)
class Row:
    month: str  # "2020-09"
    township: str
    staff_id: int
    staff_name: str
    contacts: int
    people: int  # distinct people contacted that month


def monthly(session: Session, viewer: User) -> list[Row]:
    """Newest month first, then by township and name."""
    township = township_scope.township_of(viewer)  # refuses any other role
    year = extract("year", FollowUp.contacted_on)
    month = extract("month", FollowUp.contacted_on)
    query = (select(year, month, User.township, User.id, User.name, func.count(FollowUp.id),
                    func.count(distinct(FollowUp.candidate_id)))
             .join(User, User.id == FollowUp.created_by_id)
             .where(User.role == "township")
             .group_by(year, month, User.township, User.id, User.name))
    if township is not None:
        query = query.where(User.id == viewer.id)
    rows = [Row(f"{int(y):04d}-{int(m):02d}", town or "", staff_id, name, contacts, people)
            for y, m, town, staff_id, name, contacts, people in session.execute(query)]
    rows.sort(key=lambda r: (r.month, r.township, r.staff_name, r.staff_id))
    rows.sort(key=lambda r: r.month, reverse=True)
    return rows


def workbook(rows: list[Row]) -> bytes:
    """The same table as an .xlsx, for the subsidy paperwork."""
    book = Workbook()
    sheet = book.active
    sheet.title = "跟踪服务工作量"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for r in rows:
        sheet.append((r.month, r.township, r.staff_name, r.contacts, r.people))
    out = BytesIO()
    book.save(out)
    return out.getvalue()
