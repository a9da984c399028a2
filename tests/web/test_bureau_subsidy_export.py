"""The subsidy ledger as .xlsx: masked by default; with full 身份证号 for finance only after a
stated purpose, which the audit log keeps; only the bureau downloads either."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from models import AuditEntry, GroupClaim
from services.placements import place_candidate
from tests.factories import make_candidate, make_employer, make_post, make_program, make_user
from tests.web.helpers import csrf_token, login


@pytest.fixture
def placed(session, client, app):
    """One hardship person in a public-welfare post since 2020-03-02, as of 2020-09-01."""
    bureau = make_user(session, role="bureau")
    login(client, bureau.phone)
    app.config["AS_OF_DATE"] = date(2020, 9, 1)
    program = make_program(session)
    post = make_post(session, make_employer(session, name="长乐区吴航街道办事处"),
                     kind="public_welfare", program_id=program.id, education_min="none")
    person = make_candidate(session, name="郑秀英", education="junior_high", graduation_date=None)
    person.group_claims.append(GroupClaim(group="hardship", status="verified"))
    session.flush()
    place_candidate(session, bureau, post.id, person.id, date(2020, 3, 2))
    return {"person": person, "program": program}


def _rows(data: bytes, sheet: str) -> list[tuple]:
    return list(load_workbook(io.BytesIO(data))[sheet].iter_rows(values_only=True))


def test_the_ledger_downloads_with_masked_ids_and_totals_per_rule_and_employer(client, placed):
    response = client.get("/bureau/subsidies.xlsx", query_string={"program": placed["program"].id})
    assert response.status_code == 200
    detail = _rows(response.data, "补贴明细")
    assert detail[1][0] == "郑秀英" and detail[1][1] != placed["person"].id_number
    assert "*" in detail[1][1] and detail[1][9] == 10800
    assert _rows(response.data, "按单位合计")[1][0] == "长乐区吴航街道办事处"
    assert _rows(response.data, "按补贴项目合计")[1][2:] == (1, 10800)


def test_full_ids_need_a_purpose_which_is_audited(client, session, placed):
    path = f"/bureau/subsidies/finance.xlsx?program={placed['program'].id}"
    assert "导出目的" in client.get(path).get_data(as_text=True)
    token = csrf_token(client, path)
    refused = client.post(path, data={"csrf_token": token, "purpose": "  "})
    assert refused.status_code == 200 and "请填写导出目的" in refused.get_data(as_text=True)
    assert session.scalar(select(AuditEntry).where(AuditEntry.action == "export_subsidy_ids")) is None

    purpose = "向区财政局申领2020年9月公益性岗位补贴"
    response = client.post(path, data={"csrf_token": token, "purpose": purpose})
    assert response.status_code == 200
    assert _rows(response.data, "补贴明细")[1][1] == placed["person"].id_number
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "export_subsidy_ids"))
    assert entry.detail["purpose"] == purpose and entry.detail["people"] == 1
    assert entry.detail["program_id"] == placed["program"].id


def test_an_employer_cannot_export_the_ledger(client, session):
    login(client, make_user(session, role="employer", employer=make_employer(session)).phone)
    assert client.get("/bureau/subsidies.xlsx").status_code == 403
    assert client.get("/bureau/subsidies/finance.xlsx").status_code == 403
