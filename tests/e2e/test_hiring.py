"""The hiring conversation on a phone, in a real browser: the employer invites a recommended
person, the seeker accepts, the interview is scheduled and confirmed, the offer accepted — the
placement appears for the bureau, and the seeker's inbox shows each step."""

from playwright.sync_api import expect
from sqlalchemy import select

from models import Candidate, User
from services.passwords import hash_password
from tests.e2e.helpers import PASSWORD, PHONE, api, give_logins, log_in, token_for


def _login_for(db, candidate_id: int) -> str:
    """The recommended person's phone, with the demo password (a login made if they had none)."""
    with db.begin() as s:
        candidate = s.get(Candidate, candidate_id)
        candidate.open_to_offers = True
        user = s.get(User, candidate.user_id) if candidate.user_id else None
        if user is not None:
            user.password_hash = hash_password(PASSWORD)
            return user.phone
    return give_logins(db, [candidate])[0]


def test_invite_interview_offer_and_hire_on_a_phone(browse, db, demo):
    status, post = api(demo.base_url, "POST", "/api/v1/posts", {
        "kind": "regular", "title": "仓库管理员", "industry": "物流", "township": "吴航街道",
        "slots": 1, "salary_min": 4000, "salary_max": 5000,
        "description": "负责仓库收发货登记、盘点和整理，使用电脑录入出入库单据。",
        "requirements": "细心负责，会使用Excel。"}, token_for(demo.base_url, demo.employer))
    assert status == 201, post

    employer = browse(PHONE)
    log_in(employer, demo.employer)
    invite = employer.get_by_role("button", name="邀请投递")
    for _ in range(20):  # the worker answering may take up to 2 s to index the new post
        employer.goto(f"/employer/posts/{post['id']}")
        if invite.count():
            break
        employer.wait_for_timeout(250)
    first = employer.locator("form", has=invite).first
    candidate_id = int(first.locator("input[name=candidate_id]").input_value())
    phone = _login_for(db, candidate_id)  # an online account to answer from
    first.get_by_label("附言（可不填）").fill("您好，欢迎来应聘仓库管理员")
    first.get_by_role("button", name="邀请投递").click()
    expect(employer.locator(".flash-success")).to_contain_text("邀请已发出")

    seeker = browse(PHONE)
    log_in(seeker, phone)
    seeker.goto("/seeker/hiring")
    expect(seeker.locator("#invitations")).to_contain_text("欢迎来应聘仓库管理员")
    seeker.get_by_role("button", name="接受并投递").click()
    expect(seeker.locator(".flash-success")).to_contain_text("已接受邀请并投递")

    employer.goto(f"/employer/posts/{post['id']}")
    employer.locator("a[href*='/employer/applications/']").first.click()
    employer.get_by_label("面试时间（北京时间）").fill("2020-09-03T09:30")
    employer.get_by_label("地点（详细地址）").fill("长乐区吴航街道郑和中路28号二楼")
    employer.get_by_label("联系人").fill("陈经理")
    employer.get_by_label("联系电话").fill("0591-28881234")
    employer.get_by_role("button", name="安排面试").click()
    expect(employer.locator(".flash-success")).to_contain_text("面试已安排")

    seeker.goto("/seeker/hiring")
    expect(seeker.locator("#interviews")).to_contain_text("2020-09-03 09:30")
    seeker.get_by_role("button", name="确认参加").click()
    expect(seeker.locator(".flash-success")).to_contain_text("已确认参加面试")

    employer.reload()
    expect(employer.locator("#interviews")).to_contain_text("已确认参加")
    employer.get_by_label("到岗日期").fill("2020-09-15")
    employer.get_by_label("月薪（元）").fill("4500")
    employer.get_by_role("button", name="发出录用通知").click()
    expect(employer.locator(".flash-success")).to_contain_text("录用通知已发出")

    seeker.goto("/seeker/hiring")
    expect(seeker.locator("#offers")).to_contain_text("4500 元")
    seeker.get_by_role("button", name="接受录用").click()
    expect(seeker.locator(".flash-success")).to_contain_text("已接受录用")
    seeker.goto("/seeker/")
    expect(seeker.locator("#job")).to_contain_text("仓库管理员")
    seeker.goto("/messages")
    for step in ("邀请您投递「仓库管理员」", "邀请您参加「仓库管理员」面试", "「仓库管理员」录用通知",
                 "您已被录用"):
        expect(seeker.locator("main")).to_contain_text(step)

    bureau = browse(PHONE)
    log_in(bureau, demo.bureau)
    bureau.goto("/bureau/placements")
    with db() as s:
        name = s.scalar(select(Candidate.name).where(Candidate.id == candidate_id))
    expect(bureau.locator("main")).to_contain_text("仓库管理员")
    expect(bureau.locator("main")).to_contain_text(name[0])
