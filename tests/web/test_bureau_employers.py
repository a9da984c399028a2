"""Employer verification: the licence's details, 通过审核 only after confirming, 退回补充 and
驳回 with a reason the employer reads; every decision audited; only the bureau decides."""

from sqlalchemy import select

from models import AuditEntry, Employer
from policy.identifiers import make_credit_code
from tests.factories import make_employer, make_user
from tests.web.helpers import csrf_token, login


def _pending(session):
    return make_employer(session, verified=False, name="长乐区鹤上镇新材料有限公司",
                         legal_representative="郑建华", address="福州市长乐区鹤上镇工业区8号",
                         contact_name="陈丽", contact_phone="13905910001")


def _review(client, employer, **data):
    token = csrf_token(client, f"/bureau/employers/{employer.id}")
    return client.post(f"/bureau/employers/{employer.id}/review", data={"csrf_token": token, **data})


def _actions(session, employer):
    return [e.action for e in session.scalars(
        select(AuditEntry).where(AuditEntry.entity == "employer", AuditEntry.entity_id == employer.id)
        .order_by(AuditEntry.id))]


def test_the_review_page_shows_the_licence_details(client, session):
    employer = _pending(session)
    login(client, make_user(session, role="bureau").phone)
    page = client.get(f"/bureau/employers/{employer.id}").get_data(as_text=True)
    for shown in (employer.credit_code, "郑建华", "福州市长乐区鹤上镇工业区8号", "陈丽", "13905910001"):
        assert shown in page


def test_approving_needs_the_licence_confirmed_and_every_error_shows_at_once(client, session):
    employer = _pending(session)
    login(client, make_user(session, role="bureau").phone)
    refused = _review(client, employer, decision="verify")
    assert refused.status_code == 200 and "请确认已核对营业执照信息" in refused.get_data(as_text=True)
    nothing = _review(client, employer, reason="x" * 201)
    text = nothing.get_data(as_text=True)
    assert nothing.status_code == 200 and "请选择审核结果" in text and "原因最多 200 字" in text
    session.refresh(employer)
    assert not employer.verified and _actions(session, employer) == []

    assert _review(client, employer, decision="verify", confirmed="y").status_code == 302
    session.refresh(employer)
    assert employer.verified and _actions(session, employer) == ["verify"]


def test_returning_asks_a_reason_the_employer_reads_and_saving_resubmits(client, session):
    employer = _pending(session)
    boss = make_user(session, role="employer", employer=employer)
    login(client, make_user(session, role="bureau").phone)
    refused = _review(client, employer, decision="return", reason="  ")
    assert refused.status_code == 200 and "退回补充须填写原因" in refused.get_data(as_text=True)
    assert _review(client, employer, decision="return",
                   reason="住所与营业执照不一致，请按执照填写").status_code == 302
    home = client.get("/bureau/").get_data(as_text=True)
    queue, decided = home.split("待审核单位")[1].split("已退回补充或驳回的单位")
    assert employer.name not in queue and employer.name in decided
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "return_employer"))
    assert entry.detail["reason"] == "住所与营业执照不一致，请按执照填写"

    client.post("/logout", data={"csrf_token": csrf_token(client, f"/bureau/employers/{employer.id}")})
    login(client, boss.phone)
    home = client.get("/employer/").get_data(as_text=True)
    assert "退回补充：住所与营业执照不一致，请按执照填写" in home
    token = csrf_token(client, "/employer/profile")
    saved = client.post("/employer/profile", data={
        "csrf_token": token, "name": employer.name, "ownership": "private", "size": "small",
        "staff_count": "60", "industry": "新材料", "township": "鹤上镇", "contact_name": "陈丽",
        "contact_phone": "13905910001", "legal_representative": "郑建华",
        "address": "福州市长乐区鹤上镇工业区8号A栋"})
    assert saved.status_code == 302
    session.refresh(employer)
    assert employer.review_decision is None and employer.address.endswith("A栋")
    assert _actions(session, employer)[-1] == "resubmit"


def test_rejecting_shows_the_reason_on_the_employer_page(client, session):
    employer = _pending(session)
    boss = make_user(session, role="employer", employer=employer)
    login(client, make_user(session, role="bureau").phone)
    reason = "统一社会信用代码与单位名称不符"
    assert _review(client, employer, decision="reject", reason=reason).status_code == 302
    session.refresh(employer)
    assert employer.review_decision == "rejected" and not employer.verified
    client.post("/logout", data={"csrf_token": csrf_token(client, f"/bureau/employers/{employer.id}")})
    login(client, boss.phone)
    assert "统一社会信用代码与单位名称不符" in client.get("/employer/").get_data(as_text=True)


def test_an_employer_cannot_review_itself(client, session):
    employer = _pending(session)
    login(client, make_user(session, role="employer", employer=employer).phone)
    assert client.get(f"/bureau/employers/{employer.id}").status_code == 403
    token = csrf_token(client, "/employer/")
    response = client.post(f"/bureau/employers/{employer.id}/review",
                           data={"csrf_token": token, "decision": "verify", "confirmed": "y"})
    assert response.status_code == 403
    session.refresh(employer)
    assert not employer.verified


def test_the_licence_details_given_at_registration_reach_the_review_page(client, session):
    credit_code = make_credit_code("91350182MA2Y0Q3K8")
    client.post("/register/employer", data={
        "employer_name": "福建长乐锦华纺织有限公司", "credit_code": credit_code,
        "legal_representative": "林振华", "address": "福州市长乐区金峰镇华阳村88号",
        "ownership": "private", "size": "small", "staff_count": "85", "industry": "纺织",
        "township": "金峰镇", "name": "郑建华", "phone": "13705910012",
        "password": "织造车间2020!", "confirm": "织造车间2020!",
        "csrf_token": csrf_token(client, "/register/employer")})
    employer = session.scalar(select(Employer).where(Employer.credit_code == credit_code))
    assert (employer.legal_representative, employer.address) == ("林振华", "福州市长乐区金峰镇华阳村88号")
    client.post("/logout", data={"csrf_token": csrf_token(client, "/employer/")})
    login(client, make_user(session, role="bureau").phone)
    page = client.get(f"/bureau/employers/{employer.id}").get_data(as_text=True)
    assert "林振华" in page and "福州市长乐区金峰镇华阳村88号" in page
