"""Claims with evidence in a real browser (issue 14, items 9 and 4): an employer claims a
subsidy line with a PDF, the bureau filters its worklist, rejects with a reason, the employer
claims again, the bureau approves and records the payment; a person uploads a 低保 certificate
and reads why the bureau refused the claim."""

from playwright.sync_api import expect
from sqlalchemy import select

from models import Candidate, GroupClaim, Placement
from tests.e2e.helpers import DESKTOP, api, employer_login_of, give_logins, log_in, token_for

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_an_employer_claims_the_bureau_rejects_then_approves_and_pays(browse, db, demo, tmp_path):
    status, lines = api(demo.base_url, "GET",
                        "/api/v1/subsidy-lines?state=unclaimed&rule=graduate_absorption",
                        token=token_for(demo.base_url, demo.bureau))
    assert status == 200 and lines, lines
    line = lines[0]
    with db() as s:
        post_id = s.scalar(select(Placement.post_id).where(Placement.id == line["placement_id"]))
    row_id = f"{line['placement_id']}-graduate_absorption"
    contract = tmp_path / "劳动合同.pdf"
    contract.write_bytes(PDF)

    employer = browse(DESKTOP)
    log_in(employer, employer_login_of(db, post_id))
    employer.goto("/employer/")
    employer.get_by_role("link", name="补贴申领").click()
    row = employer.locator(f'tr[data-line="{row_id}"]')
    expect(row).to_contain_text("未申领")
    row.get_by_label("申领说明").fill("劳动合同及社保缴费记录已附")
    row.get_by_label("证明材料").set_input_files(contract)
    row.get_by_role("button", name="申领").click()
    expect(employer.locator(".flash-success")).to_contain_text("已申领")
    expect(employer.locator(f'tr[data-line="{row_id}"]')).to_contain_text("已申领")

    bureau = browse(DESKTOP)
    log_in(bureau, demo.bureau)
    bureau.goto("/bureau/")
    bureau.get_by_role("link", name="补贴申领审核").click()
    bureau.get_by_label("补贴项目").select_option(label="高校毕业生一次性吸纳就业补贴")
    bureau.get_by_role("button", name="筛选").click()
    row = bureau.locator(f'tr[data-line="{row_id}"]')
    expect(row).to_contain_text("劳动合同.pdf")
    row.get_by_label("驳回理由").fill("合同未盖单位公章")
    row.get_by_role("button", name="驳回").click()
    expect(bureau.locator(".flash-success")).to_contain_text("已驳回")

    employer.reload()
    row = employer.locator(f'tr[data-line="{row_id}"]')
    expect(row).to_contain_text("合同未盖单位公章")
    row.get_by_label("申领说明").fill("已补盖公章")
    row.get_by_role("button", name="重新申领").click()
    expect(employer.locator(f'tr[data-line="{row_id}"]')).to_contain_text("已申领")

    bureau.reload()
    row = bureau.locator(f'tr[data-line="{row_id}"]')
    row.get_by_role("button", name="批准").click()
    expect(bureau.locator(".flash-success")).to_contain_text("已批准")
    # The worklist still shows 已申领 claims only: the approved one is found under its state.
    expect(bureau.locator(f'tr[data-line="{row_id}"]')).to_have_count(0)
    bureau.get_by_label("状态").select_option(label="已批准")
    bureau.get_by_role("button", name="筛选").click()
    row = bureau.locator(f'tr[data-line="{row_id}"]')
    row.get_by_label("凭证号").fill("记-2020-0915")
    row.get_by_role("button", name="记录发放").click()
    expect(bureau.locator(".flash-success")).to_contain_text("记-2020-0915")
    bureau.goto("/bureau/subsidy-claims?state=paid")
    expect(bureau.locator(f'tr[data-line="{row_id}"]')).to_contain_text("已发放")
    employer.reload()
    expect(employer.locator(f'tr[data-line="{row_id}"]')).to_contain_text("已发放")


def test_a_person_uploads_a_certificate_and_reads_why_the_bureau_refused(browse, db, demo, tmp_path):
    """Issue 14, item 4: the bureau decides a 低保 claim on the certificate the person uploaded."""
    with db.begin() as s:
        person = s.scalar(select(Candidate).where(Candidate.user_id.is_(None), ~Candidate.group_claims.any())
                          .order_by(Candidate.id.desc()))
        s.add(GroupClaim(candidate_id=person.id, group="low_income", status="declared"))
    [phone] = give_logins(db, [person])
    certificate = tmp_path / "低保证.png"
    certificate.write_bytes(PNG)

    seeker = browse(DESKTOP)
    log_in(seeker, phone)
    seeker.goto("/seeker/")
    seeker.get_by_label("低保家庭成员").set_input_files(certificate)
    seeker.get_by_role("button", name="上传证明").click()
    expect(seeker.locator(".flash-success")).to_contain_text("等待人社局核验")

    bureau = browse(DESKTOP)
    log_in(bureau, demo.bureau)
    bureau.goto("/bureau/claims")
    bureau.get_by_label("人员类别").select_option(label="低保家庭成员")
    bureau.get_by_role("button", name="筛选").click()
    item = bureau.locator(f'li[data-claim="{person.id}-low_income"]')
    expect(item.get_by_role("link", name="低保证.png")).to_be_visible()
    item.get_by_label("驳回理由").fill("证明已过有效期，请上传本年度低保证")
    item.get_by_role("button", name="驳回").click()
    expect(bureau.locator(".flash-success")).to_contain_text("未通过核验")

    seeker.goto("/seeker/")
    expect(seeker.locator("main")).to_contain_text("证明已过有效期，请上传本年度低保证")
