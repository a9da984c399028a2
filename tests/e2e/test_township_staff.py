"""A township staff member (镇街人社协理员, the demo's login of 吴航街道) in a real browser: signs
in, sees only their own township's follow-ups, records one, gets a person's consent by the SMS
code the person reads out, registers that person's unemployment and fills in their education
on their behalf; then the person, on their phone, sees what was done under the consent and
withdraws it, and the staff member can no longer act for them."""

import re
from datetime import date

from playwright.sync_api import expect
from sqlalchemy import select

from models import Candidate, DelegationConsent, GroupClaim, OutboxMessage, UnemploymentRegistration
from models.id_cipher import IdCipher
from tests.e2e.helpers import (
    DESKTOP,
    ID_KEY,
    PHONE,
    give_logins,
    log_in,
    new_id_number,
    new_phone,
    screenshot,
)

TOWNSHIP = "吴航街道"
NAME = "郑浏览"


def _setup(db) -> tuple[int, str]:
    """A verified hardship person with a seeker login who looks for work in 吴航街道 and has not
    registered unemployed (the newest person, so last on the worklist); their phone."""
    person_phone = new_phone(db)
    with db.begin() as s:
        birth = date(1978, 4, 12)
        number, server = new_id_number(birth), IdCipher(ID_KEY)  # sealed as the server reads it
        person = Candidate(ref="E2E-TOWNSHIP-1", name=NAME, id_number_encrypted=server.seal(number),
                           id_number_hash=server.digest(number), phone=person_phone,
                           birth_date=birth, education="junior_high", townships=[TOWNSHIP])
        person.group_claims.append(GroupClaim(group="hardship", status="verified"))
        s.add(person)
        s.flush()
    return person.id, give_logins(db, [person])[0]


def _code(db, person_id: int) -> str:
    with db() as s:
        phone = s.get(Candidate, person_id).phone
        sent = s.scalars(select(OutboxMessage).where(OutboxMessage.kind == "delegation_code",
                                                     OutboxMessage.recipient == phone)
                         .order_by(OutboxMessage.id.desc())).first()
        assert sent is not None and sent.secret, "the consent SMS carries its code until sent"
        return sent.secret


def test_township_staff_act_for_a_person_with_their_consent_until_they_withdraw_it(browse, demo, db):
    person_id, person_phone = _setup(db)
    page = browse(DESKTOP)
    log_in(page, demo.township)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"协理员工作台 · {TOWNSHIP}")

    page.get_by_role("link", name="每月跟踪服务").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TOWNSHIP)
    expect(page.get_by_label("乡镇（街道）")).to_have_count(0)  # no other township to choose
    page.goto("/bureau/followups?page=9999")  # the last page: the newest person
    rows = page.locator(".post-item")
    expect(rows.first).to_be_visible()
    for text in rows.all_inner_texts():
        assert TOWNSHIP in text
    row = rows.filter(has_text=NAME)
    row.locator("summary", has_text="记录本月联系").click()
    row.get_by_role("button", name="仍在求职").click()
    expect(page.locator(".flash-success")).to_contain_text("已记录跟踪联系")

    page.goto("/township/people?name=" + NAME)
    page.get_by_role("link", name=NAME).click()
    expect(page.locator("#consent-state")).to_contain_text("尚未取得本人授权")
    page.get_by_role("button", name="发送短信验证码到本人手机").click()
    expect(page.locator(".flash-success")).to_contain_text("验证码已通过短信发送")
    page.get_by_label("本人收到的短信验证码").fill(_code(db, person_id))
    page.get_by_role("button", name="确认授权").click()
    expect(page.locator("#consent-state")).to_contain_text("已取得本人授权（短信验证码")

    page.get_by_label("失业起始日期").fill("2020-06-30")
    page.get_by_label("本人声明：有劳动能力").check()
    page.get_by_label("本人声明：有就业要求").check()
    page.get_by_role("button", name="代办失业登记").click()
    expect(page.locator(".flash-success")).to_contain_text("已代办失业登记")
    expect(page.locator("#registration-state")).to_contain_text(f"在{TOWNSHIP}提交失业登记")
    screenshot(page, "township-person")
    with db() as s:
        registration = s.scalar(select(UnemploymentRegistration)
                                .where(UnemploymentRegistration.candidate_id == person_id))
        assert (registration.township, registration.status) == (TOWNSHIP, "pending")

    page.get_by_role("link", name="修改教育经历").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"代办修改资料 · {NAME}")
    page.get_by_label("最高学历").select_option(label="中专/技校/技师学院")
    page.get_by_label("毕业院校").fill("长乐职业中专学校")
    page.get_by_label("专业").fill("服装设计与工艺")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".flash-success")).to_contain_text("已代为修改教育经历；已通知本人")

    # The person, on their phone: what was done for them under the consent, and 撤回.
    own = browse(PHONE)
    log_in(own, person_phone)
    own.get_by_role("link", name="代办授权").click()
    card = own.locator(".delegation")
    expect(card).to_have_count(1)
    expect(card).to_contain_text(f"郑丽华（{TOWNSHIP}人社协理员）")
    expect(card).to_contain_text("短信验证码")
    expect(card.locator("li")).to_have_text([re.compile("失业登记$"), re.compile("修改教育经历$")])
    screenshot(own, "seeker-delegations")
    card.get_by_role("button", name="撤回此授权").click()
    expect(own.locator(".flash-success")).to_contain_text("已撤回代办授权")
    expect(card).to_contain_text("已撤回")
    expect(card.get_by_role("button", name="撤回此授权")).to_have_count(0)

    page.reload()
    expect(page.locator("#consent-state")).to_contain_text("尚未取得本人授权")
    with db() as s:
        consent = s.scalar(select(DelegationConsent).where(DelegationConsent.candidate_id == person_id))
        assert consent.withdrawn_at is not None
        assert s.get(Candidate, person_id).school == "长乐职业中专学校"
