"""Imports people can fill: a template per kind whose example row imports as it stands, dates
to the month, townships with the district prefix, and a salary typed as one figure."""

import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from models import Candidate, Post
from policy.identifiers import make_id_number
from services.imports import import_file
from services.imports.cells import CellError, day, salary_range, township
from services.imports.template import EXAMPLE_EMPLOYER, template_bytes
from tests.factories import make_employer

TODAY = date(2020, 9, 1)


@pytest.mark.parametrize(("typed", "read"), [
    ("2020-06", "2020-06-01"), ("2020年6月", "2020-06-01"), ("2020.6.30", "2020-06-30"),
    ("2020/06", "2020-06-01"), ("２０２０年６月３０日", "2020-06-30"), ("202006", "2020-06-01"),
    (2020.6, "2020-06-01"), ("20200630", "2020-06-30"), (date(2020, 6, 30), "2020-06-30"),
])
def test_dates_are_read_as_people_type_them(typed, read):
    assert day(typed) == read


@pytest.mark.parametrize("typed", ["2020-13", "2020年6月31日", "六月", 2020.1])
def test_impossible_or_ambiguous_dates_are_refused_in_chinese(typed):
    with pytest.raises(CellError, match="日期|1 月或 10 月"):
        day(typed)


@pytest.mark.parametrize(("typed", "read"), [
    ("长乐区吴航街道", "吴航街道"), ("福州市长乐区金峰镇", "金峰镇"), ("福建省福州市长乐区 罗联乡", "罗联乡"),
    ("长乐首占镇", "首占镇"), ("吴航街道", "吴航街道"), ("火星吴航街道", "火星吴航街道"),
])
def test_township_names_lose_their_district_prefix_only(typed, read):
    assert township(typed) == read


@pytest.mark.parametrize(("typed", "read"), [
    (1800, (1800, 1800)), ("1800元", (1800, 1800)), ("1800-2500", (1800, 2500)),
    ("1,800～2,500元/月", (1800, 2500)),
])
def test_a_salary_cell_is_one_figure_or_a_range(typed, read):
    assert salary_range(typed) == read


def test_a_salary_range_upside_down_is_refused():
    with pytest.raises(CellError, match="下限"):
        salary_range("2500-1800")


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_single_imported_salary_is_stored_as_one_figure_and_shown_as_one(session, app):
    make_employer(session, name="长乐区吴航街道办事处")
    data = _xlsx([["编号", "岗位名称", "单位", "行业", "岗位类型", "乡镇", "招聘人数", "月薪"],
                  ["S01", "社区协管员", "长乐区吴航街道办事处", "社区服务", "招聘岗位",
                   "长乐区吴航街道", 2, 1800]])
    report = import_file(session, None, data, "posts.xlsx", today=TODAY)
    assert report.imported == 1
    post = session.scalar(select(Post).where(Post.ref == "S01"))
    assert (post.salary_min, post.salary_max, post.township) == (1800, 1800, "吴航街道")
    assert app.jinja_env.filters["salary"](post) == "1800 元/月"


def test_a_month_and_prefixed_townships_import_for_a_candidate(session):
    data = _xlsx([["编号", "姓名", "身份证号", "手机号", "学历", "毕业时间", "意向乡镇"],
                  ["M01", "郑宇航", make_id_number("350182", date(1999, 11, 2), 331), "13905915678",
                   "本科", "2020年6月", "长乐区吴航街道、长乐区首占镇"]])
    assert import_file(session, None, data, "people.xlsx", today=TODAY).imported == 1
    person = session.scalar(select(Candidate).where(Candidate.ref == "M01"))
    assert person.graduation_date == date(2020, 6, 1)
    assert list(person.townships) == ["吴航街道", "首占镇"]


@pytest.mark.parametrize("kind", ["posts", "candidates"])
def test_each_template_has_lists_and_its_example_row_imports(session, kind):
    make_employer(session, name=EXAMPLE_EMPLOYER)
    data = template_bytes(kind)
    book = load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert headers[0] == "*编号" and sheet.max_row == 2
    ranges = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert ranges["E2"].startswith("'可选值'!")  # 岗位类型 / 学历: picked from a list
    assert "填写说明" in book.sheetnames
    report = import_file(session, None, data, f"{kind}.xlsx", today=TODAY, dry_run=True)
    assert report.rows == 1 and report.rejected == []
