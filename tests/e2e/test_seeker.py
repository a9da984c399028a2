"""A graduate's way through the site, in a real browser: register, profile, search, apply, follow."""

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import DESKTOP, PHONE, employer_login_of, log_in, new_id_number, new_phone, post_id_of

PASSWORD = "Jiuye-Changle-2020"


@pytest.mark.parametrize(("viewport", "name"), [(DESKTOP, "陈思雨"), (PHONE, "林晓彤")],
                         ids=["desktop", "phone"])
def test_a_graduate_registers_fills_the_profile_applies_to_an_accounting_post_and_sees_it_shortlisted(
        browse, db, viewport, name):
    seeker = browse(viewport)
    phone = new_phone(db)

    # Registration with a valid 身份证号 lands on the seeker's home.
    seeker.goto("/")
    seeker.get_by_role("navigation", name="主导航").get_by_role("link", name="注册").click()
    seeker.get_by_role("link", name="我要找工作").click()
    seeker.get_by_label("姓名").fill(name)
    seeker.get_by_label("手机号").fill(phone)
    seeker.get_by_label("身份证号").fill(new_id_number(date(1998, 5, 12)))
    seeker.get_by_label("最高学历").select_option(label="本科")
    seeker.get_by_label("密码（至少 8 位）").fill(PASSWORD)
    seeker.get_by_label("再次输入密码").fill(PASSWORD)
    seeker.get_by_role("button", name="注册").click()
    expect(seeker.locator(".flash-success")).to_contain_text("注册成功")
    expect(seeker.get_by_role("heading", name="我的求职")).to_be_visible()

    # The profile in its four steps, each leading to the next.
    seeker.get_by_role("link", name="完善求职资料").click()
    expect(seeker.get_by_role("heading", name="基本信息")).to_be_visible()
    seeker.get_by_label("性别").select_option(label="女")
    seeker.get_by_role("button", name="保存并继续").click()
    expect(seeker.locator(".flash-success")).to_contain_text("基本信息已保存")

    expect(seeker.get_by_role("heading", name="教育经历")).to_be_visible()
    seeker.get_by_label("毕业院校").fill("福建江夏学院")
    seeker.get_by_label("专业").fill("会计学")
    seeker.get_by_label("毕业（离校）时间").fill("2020-07-01")
    seeker.get_by_role("button", name="保存并继续").click()
    expect(seeker.locator(".flash-success")).to_contain_text("教育经历已保存")

    expect(seeker.get_by_role("heading", name="求职意向")).to_be_visible()
    seeker.get_by_label("想找的工作").fill("会计、出纳、财务助理")
    seeker.get_by_label("技能与证书").fill("初级会计职称，熟练使用Excel和用友财务软件")
    seeker.get_by_label("吴航街道").check()
    seeker.get_by_label("允许用人单位").check()
    seeker.get_by_role("button", name="保存并继续").click()
    expect(seeker.locator(".flash-success")).to_contain_text("求职意向已保存")

    expect(seeker.get_by_role("heading", name="就业状况与人员类别")).to_be_visible()
    seeker.get_by_label("失业（离校未就业）起始日期").fill("2020-07-01")
    seeker.get_by_label("应届高校毕业生").check()
    seeker.get_by_role("button", name="保存", exact=True).click()
    expect(seeker.locator(".flash-success")).to_contain_text("就业状况与人员类别已保存")
    facts = seeker.locator("dl.facts")
    expect(facts).to_contain_text("本科 · 福建江夏学院 · 会计学")
    expect(facts).to_contain_text("应届高校毕业生（待核验）")

    # 会计 finds accounting posts, the matched words marked.
    seeker.get_by_role("navigation", name="主导航").get_by_role("link", name="找工作").click()
    seeker.get_by_role("searchbox", name="关键词").fill("会计")
    seeker.get_by_role("button", name="搜索").click()
    expect(seeker).to_have_url("/posts?q=%E4%BC%9A%E8%AE%A1")
    results = seeker.locator(".post-list .post-item")
    expect(results.first.locator("mark").first).to_be_visible()
    regular = results.filter(has=seeker.locator(".tag-regular")).first
    title = regular.locator("strong").first.inner_text()

    # The post explains who may apply; the graduate applies once.
    regular.get_by_role("link").first.click()
    expect(seeker.get_by_role("heading", level=1)).to_have_text(title)
    expect(seeker.get_by_role("heading", name="谁可以申请")).to_be_visible()
    post_id = post_id_of(seeker)
    seeker.get_by_role("button", name="申请该岗位").click()
    expect(seeker.locator(".flash-success")).to_contain_text("申请已提交")
    expect(seeker.locator("#apply-heading + p")).to_contain_text("当前状态：已申请")
    expect(seeker.get_by_role("button", name="申请该岗位")).to_have_count(0)

    # The post's employer shortlists the graduate, in a browser of its own.
    employer = browse(viewport)
    log_in(employer, employer_login_of(db, post_id))
    employer.goto(f"/employer/posts/{post_id}")
    applicant = employer.locator(".post-item").filter(has_text=name)
    expect(applicant).to_contain_text("已申请")
    applicant.locator("summary", has_text="处理").click()
    applicant.get_by_label("下一步").select_option(label="初筛通过")
    applicant.get_by_role("button", name="确定").click()
    expect(employer.locator(".flash-success")).to_contain_text("已更新为“初筛通过”")

    # The graduate sees the new status and its history.
    seeker.get_by_role("navigation", name="主导航").get_by_role("link", name="我的求职").click()
    seeker.get_by_role("link", name="全部申请和进度").click()
    card = seeker.locator("section.card").filter(has_text=title)
    expect(card).to_contain_text("当前状态：初筛通过")
    expect(card.locator("ol.why li")).to_have_count(2)
