"""Subsidy claims (issue 14, item 9): the claimant claims a ledger line with evidence, the bureau
approves or rejects with a reason and records the payment; every page and file is reachable
only by those it belongs to."""

import io
import re
from datetime import date

import pytest
from sqlalchemy import select

from models import AuditEntry, GroupClaim, SubsidyClaim
from services.placements import place_candidate
from tests.factories import make_candidate, make_employer, make_post, make_program, make_user
from tests.web.helpers import bearer, csrf_token, login
from tests.web.subsidy_setup import graduate_hire

AS_OF = date(2020, 9, 1)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def pinned(app, tmp_path):
    app.config["AS_OF_DATE"] = AS_OF
    app.config["ATTACHMENT_DIR"] = str(tmp_path / "attachments")
    return app


@pytest.fixture
def bureau(session):
    return make_user(session, role="bureau")


@pytest.fixture
def hire(session, bureau):
    return graduate_hire(session, bureau)


@pytest.fixture
def welfare(session, bureau):
    """A public-welfare placement: the post subsidy of （六） is the person's to claim."""
    program = make_program(session)
    post = make_post(session, make_employer(session), kind="public_welfare", program_id=program.id,
                     education_min="none", title="社区消杀防疫员")
    user = make_user(session)
    person = make_candidate(session, user=user, name="郑秀英", education="junior_high",
                            graduation_date=None)
    person.group_claims.append(GroupClaim(group="hardship", status="verified"))
    session.flush()
    placement = place_candidate(session, bureau, post.id, person.id, date(2020, 3, 2))
    return user, placement


def _claim(client, blueprint, placement, rule, note="劳动合同及社保缴费记录已核对", file=None):
    token = csrf_token(client, f"/{blueprint}/subsidies")
    prefix = f"claim-{placement.id}-{rule}-"
    data = {"csrf_token": token, f"{prefix}note": note}
    if file is not None:
        data[f"{prefix}attachment"] = (io.BytesIO(file[1]), file[0])
    return client.post(f"/{blueprint}/subsidies/{placement.id}/{rule}/claim", data=data,
                       content_type="multipart/form-data", follow_redirects=True)


def _claimed(client, session, hire, file=None):
    """The employer's claim of the graduate hire's line, made through its page."""
    owner, placement = hire
    login(client, owner.phone)
    _claim(client, "employer", placement, "graduate_absorption", file=file)
    [claim] = _claims(session, placement)
    return claim


def _claims(session, placement):
    return list(session.scalars(select(SubsidyClaim).where(SubsidyClaim.placement_id == placement.id)
                                .order_by(SubsidyClaim.id)))


def test_the_employer_claims_a_line_with_a_file_and_the_amount_is_fixed(client, session, hire):
    owner, placement = hire
    login(client, owner.phone)
    page = client.get("/employer/subsidies").get_data(as_text=True)
    assert "未申领" in page and "1,000.00 元" in page
    response = _claim(client, "employer", placement, "graduate_absorption", file=("合同.pdf", PDF))
    assert "已申领" in response.get_data(as_text=True)
    [claim] = _claims(session, placement)
    assert (claim.status, claim.amount_fen, claim.attachment.content_type) == (
        "claimed", 100_000, "application/pdf")
    assert "高校毕业生一次性吸纳就业补贴" in claim.explanation
    assert session.scalar(select(AuditEntry).where(
        AuditEntry.action == "claim_subsidy", AuditEntry.entity_id == claim.id)) is not None
    download = client.get(f"/employer/attachments/{claim.attachment_id}")
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Disposition"].startswith("attachment")


def test_a_line_is_claimed_once_at_a_time(client, session, hire):
    owner, placement = hire
    login(client, owner.phone)
    _claim(client, "employer", placement, "graduate_absorption")
    page = _claim(client, "employer", placement, "graduate_absorption").get_data(as_text=True)
    assert "不能重复申领" in page
    assert len(_claims(session, placement)) == 1


@pytest.mark.parametrize("name, data", [
    ("伪装.pdf", b"MZ\x90\x00 not a pdf"), ("空.png", b""), ("大.png", PNG + b"\x00" * 2_000_000)])
def test_a_file_that_is_not_a_small_pdf_jpeg_or_png_is_refused_and_nothing_is_kept(
        client, session, hire, tmp_path, name, data):
    owner, placement = hire
    login(client, owner.phone)
    page = _claim(client, "employer", placement, "graduate_absorption", file=(name, data))
    assert page.status_code in (200, 413)
    assert _claims(session, placement) == []


def test_the_bureau_rejects_with_a_reason_the_employer_reads_and_the_line_is_claimed_again(
        client, session, hire, bureau):
    owner, placement = hire
    claim = _claimed(client, session, hire)
    login(client, bureau.phone)
    token = csrf_token(client, "/bureau/subsidy-claims?state=claimed")
    empty = client.post(f"/bureau/subsidy-claims/{claim.id}/reject",
                        data={"csrf_token": token, f"reject-{claim.id}-reason": " "},
                        follow_redirects=True)
    assert "请填写驳回理由" in empty.get_data(as_text=True)
    client.post(f"/bureau/subsidy-claims/{claim.id}/reject",
                data={"csrf_token": token, f"reject-{claim.id}-reason": "缺少劳动合同复印件"})
    session.refresh(claim)
    assert (claim.status, claim.reason) == ("rejected", "缺少劳动合同复印件")
    login(client, owner.phone)
    page = client.get("/employer/subsidies").get_data(as_text=True)
    assert "已驳回" in page and "缺少劳动合同复印件" in page and "重新申领" in page
    _claim(client, "employer", placement, "graduate_absorption", file=("合同.png", PNG))
    assert [c.status for c in _claims(session, placement)] == ["rejected", "claimed"]


def test_the_bureau_approves_then_records_the_payment_and_each_step_is_audited(
        client, session, hire, bureau):
    owner, placement = hire
    claim = _claimed(client, session, hire)
    login(client, bureau.phone)
    token = csrf_token(client, "/bureau/subsidy-claims")
    early = client.post(f"/bureau/subsidy-claims/{claim.id}/pay", follow_redirects=True, data={
        "csrf_token": token, f"pay-{claim.id}-paid_on": "2020-09-10", f"pay-{claim.id}-voucher": "记-0915"})
    assert "不能执行此操作" in early.get_data(as_text=True)
    approved = client.post(f"/bureau/subsidy-claims/{claim.id}/approve", data={"csrf_token": token},
                           follow_redirects=True).get_data(as_text=True)
    assert "已批准" in approved and "记录发放" in approved
    client.post(f"/bureau/subsidy-claims/{claim.id}/pay", data={
        "csrf_token": token, f"pay-{claim.id}-paid_on": "2020-09-01", f"pay-{claim.id}-voucher": "记-0915"})
    session.refresh(claim)
    assert (claim.status, claim.paid_on, claim.voucher) == ("paid", date(2020, 9, 1), "记-0915")
    assert (claim.claimed_on, claim.decided_on) == (AS_OF, AS_OF)
    actions = session.scalars(select(AuditEntry.action).where(
        AuditEntry.entity == "subsidy_claim", AuditEntry.entity_id == claim.id).order_by(AuditEntry.id))
    assert list(actions) == ["claim_subsidy", "approve_subsidy", "pay_subsidy"]
    ledger = client.get("/bureau/subsidies").get_data(as_text=True)
    assert "已发放" in ledger
    paid = client.get("/bureau/subsidy-claims?state=paid").get_data(as_text=True)
    assert "记-0915" in paid
    assert "陈思远" not in client.get("/bureau/subsidy-claims?state=claimed").get_data(as_text=True)


def test_the_bureau_filters_by_subsidy(client, session, hire, welfare, bureau):
    login(client, bureau.phone)
    page = client.get("/bureau/subsidy-claims?rule=public_welfare_post").get_data(as_text=True)
    assert "郑秀英" in page and "陈思远" not in page


def test_the_person_claims_their_own_public_welfare_subsidy_but_not_the_employers(
        client, session, welfare, hire):
    user, placement = welfare
    login(client, user.phone)
    page = client.get("/seeker/subsidies").get_data(as_text=True)
    assert "郑秀英" in page and "陈思远" not in page
    _claim(client, "seeker", placement, "public_welfare_post", file=("证明.png", PNG))
    [claim] = _claims(session, placement)
    assert claim.amount_fen == 1_080_000  # 6 whole months × 1,800 yuan
    owner, other = hire
    refused = _claim(client, "seeker", other, "graduate_absorption")
    assert "记录不存在" in refused.get_data(as_text=True)
    assert _claims(session, other) == []


def test_another_employer_neither_sees_nor_claims_the_lines_nor_reads_the_files(
        app, client, session, hire):
    owner, placement = hire
    claim = _claimed(client, session, hire, file=("合同.pdf", PDF))
    stranger = app.test_client()
    login(stranger, make_user(session, role="employer", employer=make_employer(session)).phone)
    assert "陈思远" not in stranger.get("/employer/subsidies").get_data(as_text=True)
    assert stranger.get(f"/employer/attachments/{claim.attachment_id}").status_code == 404
    token = csrf_token(stranger, "/employer/subsidies")
    stranger.post(f"/employer/subsidies/{placement.id}/graduate_absorption/claim",
                  data={"csrf_token": token, f"claim-{placement.id}-graduate_absorption-note": "x"})
    assert len(_claims(session, placement)) == 1


def test_a_seeker_reads_no_employers_file_and_anonymous_nothing(app, client, session, hire):
    owner, placement = hire
    claim = _claimed(client, session, hire, file=("合同.pdf", PDF))
    seeker = app.test_client()
    login(seeker, make_user(session).phone)
    assert seeker.get(f"/seeker/attachments/{claim.attachment_id}").status_code == 404
    assert seeker.get(f"/employer/attachments/{claim.attachment_id}").status_code == 403
    assert seeker.get("/bureau/subsidy-claims").status_code == 403
    anonymous = app.test_client()
    for path in ("/employer/subsidies", "/seeker/subsidies", "/bureau/subsidy-claims",
                 f"/bureau/attachments/{claim.attachment_id}"):
        response = anonymous.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_stored_file_lies_outside_the_web_root_under_a_random_name(client, session, hire, tmp_path):
    owner, placement = hire
    login(client, owner.phone)
    _claim(client, "employer", placement, "graduate_absorption", file=("../../evil.pdf", PDF))
    [claim] = _claims(session, placement)
    stored = list((tmp_path / "attachments").iterdir())
    assert [p.read_bytes() for p in stored] == [PDF]
    assert re.fullmatch(r"[0-9a-f]{32}\.pdf", stored[0].name)
    assert claim.attachment.filename == "evil.pdf"


@pytest.mark.parametrize("paid_on, message", [
    ("2020-09-02", "发放日期不能晚于今天"), ("2020-08-31", "发放日期不能早于批准日期（2020-09-01）")])
def test_a_payment_dated_after_today_or_before_the_approval_is_refused_in_chinese(
        client, session, hire, bureau, paid_on, message):
    """Today is the app's clock (the pinned 2020-09-01), the day the claim was approved."""
    claim = _claimed(client, session, hire)
    login(client, bureau.phone)
    token = csrf_token(client, "/bureau/subsidy-claims")
    client.post(f"/bureau/subsidy-claims/{claim.id}/approve", data={"csrf_token": token})
    page = client.post(f"/bureau/subsidy-claims/{claim.id}/pay", follow_redirects=True, data={
        "csrf_token": token, f"pay-{claim.id}-paid_on": paid_on, f"pay-{claim.id}-voucher": "记-0901"})
    assert message in page.get_data(as_text=True)
    session.refresh(claim)
    assert (claim.status, claim.paid_on, claim.voucher) == ("approved", None, None)


def test_the_host_employer_claims_a_trainee_subsidy_line_and_the_bureau_approves_it(
        client, session, app, bureau):
    """The 见习补贴 (trainee_post) is paid to the employer hosting the trainee: it claims the
    months served on its page, the API lists the line as the employer's, and the bureau
    approves the claim (migration 0022 lets the claims table hold the rule)."""
    program = make_program(session, kind="trainee", name="2020年就业见习", target=50)
    employer = make_employer(session, name="长乐见习基地")
    owner = make_user(session, role="employer", employer=employer)
    post = make_post(session, employer, kind="trainee", program_id=program.id,
                     education_min="associate", title="会计见习生")
    placement = place_candidate(session, bureau, post.id, make_candidate(session).id,
                                date(2020, 9, 1), term_months=3)
    app.config["AS_OF_DATE"] = date(2020, 11, 20)
    login(client, owner.phone)
    [line] = client.get("/api/v1/subsidy-lines", headers=bearer(client, owner.phone)).json
    assert (line["rule"], line["claimant"], line["state"]) == ("trainee_post", "employer", "unclaimed")
    page = client.get("/employer/subsidies").get_data(as_text=True)
    assert "就业见习补贴" in page and f"claim-{placement.id}-trainee_post-note" in page
    _claim(client, "employer", placement, "trainee_post", note="见习协议及考勤记录")
    [claim] = _claims(session, placement)
    assert (claim.status, claim.amount_fen, claim.claimed_by_id) == ("claimed", line["amount_fen"], owner.id)
    assert claim.amount_fen > 0
    login(client, bureau.phone)
    token = csrf_token(client, "/bureau/subsidy-claims")
    client.post(f"/bureau/subsidy-claims/{claim.id}/approve", data={"csrf_token": token})
    session.refresh(claim)
    assert claim.status == "approved"
    other = make_user(session, role="employer", employer=make_employer(session))
    assert client.get("/api/v1/subsidy-lines", headers=bearer(client, other.phone)).json == []


def test_the_employer_of_the_post_does_not_read_the_person_s_own_evidence(app, client, session, welfare):
    """The person's claim of their public-welfare subsidy is theirs: its file (a 低保 or
    hardship certificate, a bank card) is for the person and the bureau, not for the employer
    of the post, whose claims are the hiring subsidies."""
    user, placement = welfare
    login(client, user.phone)
    _claim(client, "seeker", placement, "public_welfare_post", file=("低保证.png", PNG))
    [claim] = _claims(session, placement)
    assert client.get(f"/seeker/attachments/{claim.attachment_id}").status_code == 200
    employer = app.test_client()
    login(employer, make_user(session, role="employer", employer=placement.post.employer).phone)
    assert employer.get(f"/employer/attachments/{claim.attachment_id}").status_code == 404


def test_the_employer_does_not_read_the_person_s_claim_nor_why_it_was_rejected(
        app, client, session, welfare, bureau):
    """The bureau's reason for refusing the person's own subsidy may name their group: the
    employer's page and API list only the lines the employer claims."""
    user, placement = welfare
    login(client, user.phone)
    _claim(client, "seeker", placement, "public_welfare_post")
    [claim] = _claims(session, placement)
    from services import subsidy_claims
    subsidy_claims.decide(session, bureau, claim.id, False, AS_OF, "低保证明已过期，请补交")
    session.commit()
    owner = make_user(session, role="employer", employer=placement.post.employer)
    employer = app.test_client()
    login(employer, owner.phone)
    page = employer.get("/employer/subsidies").get_data(as_text=True)
    assert "低保" not in page and "郑秀英" not in page
    headers = bearer(employer, owner.phone)
    lines = employer.get("/api/v1/subsidy-lines", headers=headers)
    assert lines.status_code == 200 and lines.json == []
    one = employer.get(f"/api/v1/subsidy-claims/{claim.id}", headers=headers)
    assert (one.status_code, one.json["error"]["code"]) == (404, "subsidy_claim_not_found")


def test_a_refused_claim_leaves_no_file_in_the_attachments_directory(client, session, hire, tmp_path):
    """The file is written before the claim is decided; the refusal's rollback unlinks it."""
    owner, placement = hire
    _claimed(client, session, hire, file=("劳动合同.pdf", PDF))
    folder = tmp_path / "attachments"
    [kept] = list(folder.iterdir())
    again = _claim(client, "employer", placement, "graduate_absorption", file=("再次.pdf", PDF + b"2"))
    assert "不能重复申领" in again.get_data(as_text=True)
    assert list(folder.iterdir()) == [kept]
    _claim(client, "employer", placement, "public_welfare_post", file=("公益岗.png", PNG))
    assert list(folder.iterdir()) == [kept]
