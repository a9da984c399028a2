"""The bureau's way through the site, in a real browser: the expiry worklist and the Excel report."""

import re
from datetime import date

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from sqlalchemy import func, select

from models import Placement, Post
from tests.e2e.helpers import DESKTOP, PHONE, api, log_in, people_for, token_for

PUBLIC_WELFARE_PROGRAM = "2020年临时性公益岗位"


def public_welfare_post_with_room(db, room: int) -> Post:
    """An open public-welfare post of a verified employer with `room` free slots or more."""
    with db() as s:
        active = (select(func.count(Placement.id)).where(Placement.post_id == Post.id,
                                                        Placement.ended_on.is_(None))
                  .scalar_subquery())
        return s.scalar(select(Post).where(Post.kind == "public_welfare", Post.status == "open",
                                           Post.slots - active >= room).order_by(Post.id))


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_bureau_extends_a_term_ending_soon_and_ends_an_overdue_one_from_the_expiry_worklist(
        browse, db, demo, viewport):
    # Two public-welfare placements whose six-month terms end near the demo's 2020-09-01.
    post = public_welfare_post_with_room(db, 2)
    ending, overdue = people_for(db, "public_welfare", post.education_min, date(2020, 2, 10),
                                 eligible=True, count=2)
    token = token_for(demo.base_url, demo.bureau)
    for person, start in [(ending, "2020-03-20"), (overdue, "2020-02-10")]:
        status, body = api(demo.base_url, "POST", "/api/v1/placements",
                           {"post_id": post.id, "candidate_id": person.id, "start_date": start}, token)
        assert status == 201, body

    bureau = browse(viewport)
    log_in(bureau, demo.bureau)
    bureau.get_by_role("link", name="公益性岗位到期处理").click()
    expect(bureau.get_by_role("heading", level=1)).to_contain_text("公益性岗位到期处理")
    ending_item = bureau.locator(".post-item").filter(has_text=ending.name)
    overdue_item = bureau.locator(".post-item").filter(has_text=overdue.name)
    expect(ending_item).to_contain_text("即将期满")
    expect(ending_item).to_contain_text("2020-03-20 起，期满 2020-09-19")
    expect(overdue_item).to_contain_text("已过期未处理")
    expect(overdue_item).to_contain_text("2020-02-10 起，期满 2020-08-09")

    # Still not stably employed at the end of the term: extended once, by 12 months (（六）).
    ending_item.locator("summary", has_text="延长政策享受期限").click()
    ending_item.get_by_label("延长月数").fill("12")
    ending_item.get_by_label("本人期满仍未实现稳定就业").check()
    ending_item.get_by_role("button", name="确认延长").click()
    expect(bureau.locator(".flash-success")).to_have_text(f"已延长至 2021-09-19：{ending.name}")
    expect(ending_item).to_have_count(0)

    # The overdue one ends with its reason; nothing is deleted: the roster still lists it.
    overdue_item.locator("summary", has_text="结束安置").click()
    overdue_item.get_by_label("最后在岗日期").fill("2020-08-09")
    overdue_item.get_by_label("结束原因").select_option(label="期满")
    overdue_item.get_by_role("button", name="确认结束").click()
    expect(bureau.locator(".flash-success")).to_have_text(f"已结束安置：{overdue.name}（期满）")
    expect(overdue_item).to_have_count(0)

    bureau.goto("/bureau/placements")
    expect(bureau.locator("main")).to_contain_text(overdue.name)
    expect(bureau.locator("main")).to_contain_text(ending.name)


def test_the_bureau_downloads_the_excel_report_whose_figures_match_the_dashboard(browse, demo, tmp_path):
    bureau = browse()
    log_in(bureau, demo.bureau)
    bureau.get_by_role("link", name="就业监测与图表").click()
    expect(bureau.get_by_role("heading", level=1)).to_contain_text("就业监测")
    program = bureau.locator(".program").filter(has_text=PUBLIC_WELFARE_PROGRAM)
    # A cap （六）: posts offered in bold, people placed beside them.
    offered = int(program.locator("b").inner_text())
    placed = int(re.search(r"已安置 (\d+) 人", program.locator(".muted").inner_text()).group(1))
    rate = program.locator(".program-head span").inner_text()

    with bureau.expect_download() as download_info:
        bureau.get_by_role("link", name="导出 Excel 报表").click()
    download = download_info.value
    assert download.suggested_filename == "jobbridge-report-2020-09-01.xlsx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    book = load_workbook(path)
    progress = book["计划进度"]
    assert [c.value for c in progress[1]] == ["计划", "类型", "目标", "已提供岗位", "已安置", "完成率",
                                            "目标性质"]
    row = next(r for r in progress.iter_rows(min_row=2, values_only=True) if r[0] == PUBLIC_WELFARE_PROGRAM)
    assert (row[3], row[4], row[6]) == (offered, placed, "上限（岗位数）")
    assert f"{row[5] * 100:.1f}%" == rate
    roster = book["安置名册"]
    public_welfare_rows = [r for r in roster.iter_rows(min_row=2, values_only=True)
                           if r[7] == PUBLIC_WELFARE_PROGRAM]
    assert len(public_welfare_rows) == placed
    assert all(isinstance(r[8], date) for r in public_welfare_rows)
