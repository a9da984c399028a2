"""The bureau's worklists and decisions in a real browser: the post board's filters and paging,
and an employer's verification returned with a reason, then approved after confirming."""

import re

from playwright.sync_api import expect
from sqlalchemy import select

from models import Employer
from policy.identifiers import make_credit_code
from tests.e2e.helpers import DESKTOP, log_in


def test_the_bureau_narrows_the_post_board_and_pages_through_it(browse, demo):
    bureau = browse(DESKTOP)
    log_in(bureau, demo.bureau)
    bureau.get_by_role("link", name="岗位与安置").click()
    expect(bureau.get_by_role("heading", level=1)).to_have_text("岗位与安置")
    expect(bureau.locator("nav.pager")).to_contain_text("第 1 /")

    bureau.get_by_label("乡镇（街道）").select_option("吴航街道")
    bureau.get_by_label("状态").select_option("all")
    bureau.get_by_role("button", name="筛选").click()
    items = bureau.locator(".post-item")
    expect(items.first).to_be_visible()
    for text in items.all_inner_texts():
        assert "吴航街道" in text

    bureau.get_by_label("在岗情况").select_option("full")
    bureau.get_by_role("button", name="筛选").click()
    expect(bureau.get_by_label("乡镇（街道）")).to_have_value("吴航街道")
    for text in bureau.locator(".post-item").all_inner_texts():
        assert "已满员" in text

    bureau.get_by_label("关键词").fill("不可能有的岗位名称")
    bureau.get_by_role("button", name="筛选").click()
    expect(bureau.locator(".post-list")).to_contain_text("没有符合筛选条件的岗位")

    bureau.goto("/bureau/posts?sort=title")
    bureau.locator("nav.pager").get_by_role("link", name="下一页").click()
    expect(bureau.locator("nav.pager")).to_contain_text("第 2 /")
    expect(bureau.get_by_label("排序")).to_have_value("title")


def test_the_bureau_returns_an_employer_with_a_reason_then_approves_it_after_confirming(
        browse, demo, db):
    with db() as s, s.begin():
        employer = Employer(name="长乐区营前街道浏览器测试有限公司",
                            credit_code=make_credit_code("91350182MA9E2E001"), ownership="private",
                            size="small", staff_count=12, industry="商贸", township="营前街道",
                            contact_name="王海", contact_phone="13905919999",
                            legal_representative="王海", address="福州市长乐区营前街道长安路1号")
        s.add(employer)
    with db() as s:
        employer_id = s.scalar(select(Employer.id).where(Employer.name == employer.name))

    bureau = browse(DESKTOP)
    log_in(bureau, demo.bureau)
    queued = bureau.locator(".post-item").filter(has_text="长乐区营前街道浏览器测试有限公司")
    queued.get_by_role("link", name="核对营业执照并审核").click()
    expect(bureau.locator("dl.facts")).to_contain_text("福州市长乐区营前街道长安路1号")
    expect(bureau.locator("dl.facts")).to_contain_text("王海")

    bureau.get_by_role("radio", name="退回补充").check()
    bureau.get_by_role("button", name="提交审核决定").click()
    expect(bureau.locator(".error")).to_contain_text("退回补充须填写原因")
    bureau.get_by_label("原因（退回补充或驳回时必填，单位可见）").fill("请上传营业执照副本照片")
    bureau.get_by_role("button", name="提交审核决定").click()
    expect(bureau.locator(".flash-success")).to_contain_text("已退回补充")
    bureau.locator("summary", has_text="已退回补充或驳回的单位").click()
    expect(bureau.locator("details .post-item").filter(has_text="浏览器测试")).to_contain_text(
        "请上传营业执照副本照片")

    bureau.goto(f"/bureau/employers/{employer_id}")
    bureau.get_by_role("radio", name="通过审核").check()
    bureau.get_by_role("button", name="提交审核决定").click()
    expect(bureau.locator(".error")).to_contain_text("请确认已核对营业执照信息")
    bureau.get_by_label(re.compile("已核对统一社会信用代码")).check()
    bureau.get_by_role("button", name="提交审核决定").click()
    expect(bureau.locator(".flash-success")).to_contain_text("已通过审核：长乐区营前街道浏览器测试有限公司")


def test_the_bureau_reveals_one_phone_and_records_the_outcome_in_one_more_tap(browse, demo):
    bureau = browse(DESKTOP)
    log_in(bureau, demo.bureau)
    bureau.get_by_role("link", name="每月跟踪服务").click()
    bureau.get_by_label("乡镇（街道）").select_option("吴航街道")
    bureau.get_by_role("button", name="筛选").click()
    first = bureau.locator(".post-item").first
    name = first.locator("strong").inner_text()
    expect(first.locator("a[href^='tel:']")).to_have_count(0)
    first.get_by_role("button", name="显示电话").click()
    person = bureau.locator(".post-item").filter(has_text=name)
    expect(person.locator("a[href^='tel:']")).to_have_text(re.compile(r"^1[3-9]\d{9}$"))
    expect(bureau.locator("a[href^='tel:']")).to_have_count(1)
    person.get_by_role("button", name="未联系上").click()
    expect(bureau.locator(".flash-success")).to_have_text("已记录跟踪联系：未联系上")
    expect(bureau.get_by_label("乡镇（街道）")).to_have_value("吴航街道")
    expect(bureau.locator(".post-item").filter(has_text=name)).to_have_count(0)
