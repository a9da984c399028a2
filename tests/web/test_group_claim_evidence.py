"""Claims of groups decided on evidence (issue 14, item 4): the school and graduation date of a
graduate, the registration history of an unemployed person, the certificate a person uploads
for 低保 / 脱贫; a refusal carries a reason the person reads."""

import io
from datetime import date

import pytest
from sqlalchemy import select

from models import AuditEntry, GroupClaim, UnemploymentRegistration
from tests.factories import make_candidate, make_employer, make_user
from tests.web.helpers import csrf_token, login

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32


@pytest.fixture(autouse=True)
def attachment_dir(app, tmp_path):
    app.config["ATTACHMENT_DIR"] = str(tmp_path / "attachments")


@pytest.fixture
def bureau(session):
    return make_user(session, role="bureau")


def _person(session, group, **fields):
    user = make_user(session)
    person = make_candidate(session, user=user, **fields)
    person.group_claims.append(GroupClaim(group=group, status="declared"))
    session.flush()
    return user, person


def _upload(client, group, name, data):
    token = csrf_token(client, "/seeker/")
    return client.post(f"/seeker/claims/{group}/certificate", follow_redirects=True,
                       content_type="multipart/form-data",
                       data={"csrf_token": token, "attachment": (io.BytesIO(data), name)})


def test_a_graduates_claim_shows_the_school_and_graduation_date(client, session, bureau):
    _person(session, "fresh_graduate", name="王雨桐", school="福州大学", graduation_date=date(2020, 6, 30))
    login(client, bureau.phone)
    page = client.get("/bureau/claims").get_data(as_text=True)
    assert "福州大学" in page and "2020-06-30" in page


def test_an_unemployed_persons_claim_shows_the_registration_history(client, session, bureau):
    _, person = _person(session, "registered_unemployed", name="林永福")
    session.add_all([
        UnemploymentRegistration(candidate_id=person.id, township="潭头镇", unemployed_since=date(2019, 3, 1),
                                 status="confirmed", registered_on=date(2019, 3, 5),
                                 ended_on=date(2019, 9, 1), end_reason="employed"),
        UnemploymentRegistration(candidate_id=person.id, township="潭头镇",
                                 unemployed_since=date(2020, 2, 10))])
    session.flush()
    login(client, bureau.phone)
    page = client.get("/bureau/claims").get_data(as_text=True)
    assert "2019-03-01 起失业" in page and "2019-09-01 结束" in page and "2020-02-10 起失业" in page


def test_the_person_uploads_a_certificate_the_bureau_opens_and_others_cannot(
        app, client, session, bureau):
    user, person = _person(session, "low_income", name="陈美华")
    login(client, user.phone)
    assert "类别证明材料" in client.get("/seeker/").get_data(as_text=True)
    refused = _upload(client, "low_income", "低保证.jpg", b"GIF89a not a jpeg")
    assert "只能是 PDF、JPEG 或 PNG" in refused.get_data(as_text=True)
    assert "已上传" in _upload(client, "low_income", "低保证.jpg", JPEG).get_data(as_text=True)
    claim = session.get(GroupClaim, (person.id, "low_income"))
    session.refresh(claim)
    assert claim.attachment.content_type == "image/jpeg"
    staff = app.test_client()
    login(staff, bureau.phone)
    assert "低保证.jpg" in staff.get("/bureau/claims").get_data(as_text=True)
    assert staff.get(f"/bureau/attachments/{claim.attachment_id}").data == JPEG
    other = app.test_client()
    login(other, make_user(session).phone)
    assert other.get(f"/seeker/attachments/{claim.attachment_id}").status_code == 404
    employer = app.test_client()
    login(employer, make_user(session, role="employer", employer=make_employer(session)).phone)
    assert employer.get(f"/employer/attachments/{claim.attachment_id}").status_code == 404


def test_a_rejection_needs_a_reason_which_the_person_reads(app, client, session, bureau):
    user, person = _person(session, "poverty", name="郑大海")
    login(client, bureau.phone)
    token = csrf_token(client, "/bureau/claims")
    blank = client.post(f"/bureau/claims/{person.id}/poverty", follow_redirects=True,
                        data={"csrf_token": token, "decision": "reject", "reason": ""})
    assert "驳回必须填写理由" in blank.get_data(as_text=True)
    client.post(f"/bureau/claims/{person.id}/poverty",
                data={"csrf_token": token, "decision": "reject", "reason": "未提供脱贫户证明"})
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "reject_group",
                                                    AuditEntry.entity_id == person.id))
    assert entry.detail["reason"] == "未提供脱贫户证明"
    seeker = app.test_client()
    login(seeker, user.phone)
    assert "未提供脱贫户证明" in seeker.get("/seeker/").get_data(as_text=True)
    assert "未提供脱贫户证明" in seeker.get("/seeker/profile/situation").get_data(as_text=True)


def test_the_worklist_filters_by_group_and_counts_what_waits(client, session, bureau):
    _person(session, "low_income", name="陈美华")
    _person(session, "veteran", name="黄建国")
    login(client, bureau.phone)
    page = client.get("/bureau/claims?group=low_income").get_data(as_text=True)
    assert "陈美华" in page and "黄建国" not in page and "待核验 1 项" in page
    assert "黄建国" in client.get("/bureau/claims").get_data(as_text=True)


def test_a_refused_certificate_upload_leaves_no_file_behind(client, session, tmp_path):
    """No pending 低保 claim to attach to: the upload is refused and its file unlinked."""
    user, _ = _person(session, "hardship")
    login(client, user.phone)
    page = _upload(client, "low_income", "低保证.jpg", JPEG).get_data(as_text=True)
    assert "没有待核验的该类别申报" in page
    assert list((tmp_path / "attachments").glob("*")) == []
