"""A township staff member (镇街人社协理员) in a real browser: signs in, sees only their own
township's follow-ups, records one, gets a person's consent by the SMS code the person reads
out, and registers that person's unemployment on their behalf."""

from datetime import date

from playwright.sync_api import expect
from sqlalchemy import select

from models import Candidate, GroupClaim, OutboxMessage, UnemploymentRegistration, User
from models.id_cipher import IdCipher
from services.passwords import hash_password
from tests.e2e.helpers import DESKTOP, ID_KEY, PASSWORD, log_in, new_id_number, new_phone, screenshot

TOWNSHIP = "吴航街道"
NAME = "郑浏览"


def _setup(db) -> tuple[str, int]:
    """A staff account of 吴航街道 and a verified hardship person who looks for work there and
    has not registered unemployed (the newest person, so last on the worklist)."""
    staff_phone = new_phone(db)
    with db.begin() as s:
        s.add(User(phone=staff_phone, password_hash=hash_password(PASSWORD), role="township",
                   name="王协理", township=TOWNSHIP))
        s.flush()
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
        person_id = person.id
    return staff_phone, person_id


def _code(db, person_id: int) -> str:
    with db() as s:
        phone = s.get(Candidate, person_id).phone
        sent = s.scalars(select(OutboxMessage).where(OutboxMessage.kind == "delegation_code",
                                                     OutboxMessage.recipient == phone)
                         .order_by(OutboxMessage.id.desc())).first()
        assert sent is not None and sent.secret, "the consent SMS carries its code until sent"
        return sent.secret


def test_township_staff_follow_up_and_register_a_person_with_their_consent(browse, demo, db):
    staff_phone, person_id = _setup(db)
    page = browse(DESKTOP)
    log_in(page, staff_phone)
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
