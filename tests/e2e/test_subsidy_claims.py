"""Subsidy claims in a real browser (issue 14, item 9): an employer claims a ledger line with a
PDF, the bureau filters its worklist, rejects with a reason, the employer claims again, the
bureau approves and records the payment, and the ledger shows 已发放."""

from playwright.sync_api import expect
from sqlalchemy import select

from models import Placement
from tests.e2e.helpers import DESKTOP, api, employer_login_of, log_in, token_for

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


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
    row = bureau.locator(f'tr[data-line="{row_id}"]')
    row.get_by_label("凭证号").fill("记-2020-0915")
    row.get_by_role("button", name="记录发放").click()
    expect(bureau.locator(".flash-success")).to_contain_text("记-2020-0915")
    bureau.goto("/bureau/subsidy-claims?state=paid")
    expect(bureau.locator(f'tr[data-line="{row_id}"]')).to_contain_text("已发放")
    employer.reload()
    expect(employer.locator(f'tr[data-line="{row_id}"]')).to_contain_text("已发放")
