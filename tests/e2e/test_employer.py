"""An employer's way through the site, in a real browser: a trainee post, its ranked applicants,
a hire — and the bureau's dashboard counting it."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import DESKTOP, PHONE, api, give_logins, log_in, people_for, post_id_of, token_for

TRAINEE_PROGRAM = "2020年就业见习"
START = date(2020, 9, 7)


def program_placed(page: Page, name: str) -> int:
    card = page.locator(".program").filter(has_text=name)
    return int(card.locator("b").inner_text())


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_an_employer_posts_a_trainee_post_ranks_applicants_with_reasons_and_hires_one_the_bureau_counts(
        browse, db, demo, viewport):
    bureau = browse(viewport)
    log_in(bureau, demo.bureau)
    bureau.goto("/bureau/dashboard")
    placed_before = program_placed(bureau, TRAINEE_PROGRAM)

    # The demo employer (verified) publishes a trainee post; it joins the trainee program.
    employer = browse(viewport)
    log_in(employer, demo.employer)
    employer.goto("/employer/posts/new")
    employer.get_by_label("岗位类型").select_option(label="就业见习岗位")
    employer.get_by_label("岗位名称").fill("财务见习生")
    employer.get_by_label("行业", exact=True).fill("公共管理")
    employer.get_by_label("工作地点").select_option(label="吴航街道")
    employer.get_by_label("招聘人数").fill("3")
    employer.get_by_label("最低学历").select_option(label="大专")
    employer.get_by_label("专业要求").fill("会计、财务管理")
    employer.get_by_label("月薪下限").fill("2500")
    employer.get_by_label("月薪上限").fill("3200")
    employer.get_by_label("岗位职责").fill("协助街道财务办理报销、记账和票据整理，参与年度预算编制。")
    employer.get_by_label("任职要求").fill("会计或财务管理专业，熟悉Excel，细致负责。")
    employer.get_by_role("button", name="发布").click()
    expect(employer.locator(".flash-success")).to_contain_text("岗位已发布")
    expect(employer.get_by_role("heading", level=1)).to_have_text("财务见习生")
    expect(employer.locator("main")).to_contain_text("就业见习岗位")
    post_id = post_id_of(employer)

    # Three recent graduates apply through the API: two accountants, one teacher.
    accountants = people_for(db, "trainee", "associate", START, eligible=True, count=2,
                             major=lambda m: "会计" in m)
    teacher = people_for(db, "trainee", "associate", START, eligible=True, count=1,
                         major=lambda m: "教育" in m)
    graduates = accountants + teacher
    for phone in give_logins(db, graduates):
        status, body = api(demo.base_url, "POST", f"/api/v1/posts/{post_id}/applications",
                           token=token_for(demo.base_url, phone))
        assert status == 201, body

    # All three ranked by the matcher, each with its reasons. The post was saved through one
    # worker; the one answering may take up to 2 s to index it, showing the list unranked.
    employer.reload()
    expect(employer.get_by_role("heading", name="应聘人（3）")).to_be_visible()
    applicants = employer.locator("section.card", has=employer.get_by_role("heading", name="应聘人（3）")
                                  ).locator("ol.post-list > li")
    for _ in range(20):
        if employer.locator("main").get_by_text("（未排序）").count() == 0:
            break
        employer.wait_for_timeout(250)
        employer.reload()
    expect(employer.locator("main").get_by_text("（未排序）")).to_have_count(0)
    expect(applicants).to_have_count(3)
    names = [applicants.nth(i).locator("strong").first.inner_text() for i in range(3)]
    assert sorted(names[:2]) == sorted(c.name for c in accountants)
    assert names[2] == teacher[0].name
    for i in range(3):
        reasons = applicants.nth(i).get_by_role("list", name="匹配理由").locator("li")
        expect(reasons.first).to_be_visible()
        expect(reasons.filter(has_text="可参加就业见习（人力资源社会保障部等七部门")).to_have_count(1)
    for i in range(2):
        expect(applicants.nth(i).get_by_role("list", name="匹配理由")).to_contain_text("会计")

    # The best-ranked applicant goes through the stages to hired: a placement in the program.
    top = applicants.filter(has_text=names[0])
    for stage, label in [("初筛通过", "初筛通过"), ("安排面试", "面试"), ("发录用通知", "已发录用通知"),
                         ("录用（登记到岗）", "已录用")]:
        top.locator("summary", has_text="处理").click()
        top.get_by_label("下一步").select_option(label=stage)
        if label == "已录用":
            top.get_by_label("到岗日期").fill(START.isoformat())
        top.get_by_role("button", name="确定").click()
        expect(employer.locator(".flash-success")).to_contain_text(f"已更新为“{label}”")
        expect(top).to_contain_text(label)
    expect(employer.locator("main")).to_contain_text("已到岗 1 人")

    # The bureau's dashboard counts the hire in the program's fill.
    bureau.reload()
    assert program_placed(bureau, TRAINEE_PROGRAM) == placed_before + 1
    status, programs = api(demo.base_url, "GET", "/api/v1/programs")
    trainee = next(p for p in programs if p["name"] == TRAINEE_PROGRAM)
    assert trainee["placed"] == placed_before + 1
    rate = min(trainee["placed"] / trainee["target"], 1.0)
    expect(bureau.locator(".program").filter(has_text=TRAINEE_PROGRAM).locator(".program-head span")
           ).to_have_text(f"{rate * 100:.1f}%")
