"""代办 by township staff (issue 14, item 8): only with the person's recorded consent (an SMS
code they read out, or a photo of the signed form), through the person's own services, audited
with both names, and the person is told; the follow-up workload per staff member and month."""

import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from models import (
    Application,
    Attachment,
    AuditEntry,
    DelegationConsent,
    FollowUp,
    Message,
    OutboxMessage,
    UnemploymentRegistration,
    User,
)
from models.base import utcnow
from tests.factories import make_candidate, make_employer, make_post, make_user
from tests.web.helpers import csrf_token, login
from tests.web.township_setup import (
    HOME,
    OTHER,
    enter_code,
    give_consent,
    resident,
    send_code,
    sent_code,
    staff,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
PDF = b"%PDF-1.4\n" + b"\x00" * 32
REFUSAL = "代办须先取得本人授权"


@pytest.fixture(autouse=True)
def setup(app, tmp_path):
    app.config["AS_OF_DATE"] = date(2020, 9, 15)
    app.config["ATTACHMENT_DIR"] = str(tmp_path / "attachments")


def _register(client, person):
    token = csrf_token(client, f"/township/people/{person.id}")
    return client.post(f"/township/people/{person.id}/unemployment", follow_redirects=True, data={
        "csrf_token": token, "unemployed_since": "2020-06-01", "previous_employer": "长乐某纺织厂",
        "cadre": "worker", "able_to_work": "y", "wants_work": "y"})


def test_without_consent_nothing_is_done_for_the_person(client, session, clerk, person):
    login(client, clerk.phone)
    response = _register(client, person)
    assert response.status_code == 422 and REFUSAL in response.get_data(as_text=True)
    assert session.scalar(select(UnemploymentRegistration.id)) is None


def test_an_sms_code_read_out_by_the_person_lets_staff_register_them(client, session, clerk, person):
    login(client, clerk.phone)
    send_code(client, person)
    code = sent_code(session, person)
    consent = session.scalar(select(DelegationConsent))
    assert consent.code_hash != code and code not in consent.code_hash  # kept only hashed
    assert "验证码不正确或已过期" in enter_code(client, person, "000000" if code != "000000" else "111111") \
        .get_data(as_text=True)
    assert session.scalar(select(DelegationConsent.wrong_attempts)) == 1
    assert "本人已通过短信验证码授权代办" in enter_code(client, person, code).get_data(as_text=True)

    page = _register(client, person).get_data(as_text=True)
    assert "已代办失业登记" in page
    registration = session.scalar(select(UnemploymentRegistration))
    assert (registration.candidate_id, registration.township, registration.status) == (
        person.id, HOME, "pending")
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "register_unemployed"))
    assert entry.actor_id == clerk.id and entry.entity_id == registration.id
    assert (entry.detail["on_behalf_of"], entry.detail["person_name"], entry.detail["staff_name"],
            entry.detail["consent_method"]) == (person.id, "陈美玲", "王协理", "sms")
    told = session.scalar(select(Message).where(Message.user_id == person.user_id,
                                                Message.kind == "delegated_act"))
    assert "王协理" in told.text and "失业登记" in told.text
    granted = session.scalar(select(AuditEntry).where(AuditEntry.action == "grant_delegation"))
    assert granted.actor_id == clerk.id and granted.detail["person_name"] == "陈美玲"


def test_an_expired_code_gives_no_consent(client, session, clerk, person):
    login(client, clerk.phone)
    send_code(client, person)
    code = sent_code(session, person)
    session.scalar(select(DelegationConsent)).code_expires_at = utcnow() - timedelta(seconds=1)
    session.flush()
    assert "验证码不正确或已过期" in enter_code(client, person, code).get_data(as_text=True)
    assert REFUSAL in _register(client, person).get_data(as_text=True)


def test_a_newer_code_ends_the_older_one(client, session, clerk, person):
    login(client, clerk.phone)
    send_code(client, person)
    first = sent_code(session, person)
    send_code(client, person)
    second = sent_code(session, person)
    if first != second:
        assert "验证码不正确或已过期" in enter_code(client, person, first).get_data(as_text=True)
    assert "本人已通过短信验证码授权代办" in enter_code(client, person, second).get_data(as_text=True)


def test_a_photo_of_the_signed_form_is_consent(client, session, clerk, person):
    login(client, clerk.phone)
    token = csrf_token(client, f"/township/people/{person.id}")
    refused = client.post(f"/township/people/{person.id}/form", follow_redirects=True,
                          content_type="multipart/form-data",
                          data={"csrf_token": token, "attachment": (io.BytesIO(PDF), "授权书.pdf")})
    assert "JPEG 或 PNG" in refused.get_data(as_text=True)
    assert session.scalar(select(DelegationConsent.id)) is None
    assert session.scalar(select(Attachment.id)) is None  # stored, then gone with the rollback
    client.post(f"/township/people/{person.id}/form", content_type="multipart/form-data",
                data={"csrf_token": token, "attachment": (io.BytesIO(PNG), "授权书.png")})
    consent = session.scalar(select(DelegationConsent))
    assert consent.method == "form" and consent.attachment_id and consent.confirmed_at
    assert "已代办失业登记" in _register(client, person).get_data(as_text=True)
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "register_unemployed"))
    assert entry.detail["consent_method"] == "form" and entry.detail["consent_id"] == consent.id


def test_consent_given_to_one_staff_member_is_not_anothers(client, session, clerk, person):
    login(client, clerk.phone)
    give_consent(client, session, person)
    client.post("/logout", data={"csrf_token": csrf_token(client, "/township/")})
    login(client, staff(session, name="李协理").phone)
    assert REFUSAL in _register(client, person).get_data(as_text=True)


def test_a_person_without_an_account_is_told_by_sms(client, session, clerk):
    walk_in = make_candidate(session, name="方建国", townships=[HOME])
    login(client, clerk.phone)
    give_consent(client, session, walk_in)
    assert "已代办失业登记" in _register(client, walk_in).get_data(as_text=True)
    told = session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "delegated_act"))
    assert told.recipient == walk_in.phone and "王协理" in told.text


def test_staff_cannot_start_consent_for_another_townships_person(client, session, clerk):
    theirs = resident(session, OTHER, "林志强", registered=False)
    login(client, clerk.phone)
    token = csrf_token(client, "/township/")
    assert client.post(f"/township/people/{theirs.id}/code", data={"csrf_token": token}).status_code == 404
    assert client.post(f"/township/people/{theirs.id}/unemployment",
                       data={"csrf_token": token}).status_code == 404
    assert session.scalar(select(OutboxMessage.id)) is None


def _contact(session, user, person, day):
    session.add(FollowUp(candidate_id=person.id, contacted_on=day, channel="phone",
                         outcome="seeking", created_by_id=user.id))


def test_the_workload_counts_contacts_per_staff_member_and_month(client, session, clerk):
    other = staff(session, OTHER, name="李协理")
    mine, also, theirs = (resident(session, HOME, "陈美玲"), resident(session, HOME, "黄秀英"),
                          resident(session, OTHER, "方建国"))
    for day, person in ((date(2020, 8, 3), mine), (date(2020, 9, 1), mine), (date(2020, 9, 2), also),
                        (date(2020, 9, 20), mine)):
        _contact(session, clerk, person, day)
    _contact(session, other, theirs, date(2020, 9, 5))
    _contact(session, make_user(session, role="bureau"), theirs, date(2020, 9, 6))  # not counted
    session.flush()

    login(client, clerk.phone)
    page = client.get("/township/workload").get_data(as_text=True)
    assert "李协理" not in page
    rows = _rows(client.get("/township/workload.xlsx").data)
    assert rows == [("2020-09", HOME, "王协理", 3, 2), ("2020-08", HOME, "王协理", 1, 1)]

    client.post("/logout", data={"csrf_token": csrf_token(client, "/township/")})
    login(client, make_user(session, role="bureau").phone)
    rows = _rows(client.get("/township/workload.xlsx").data)
    assert rows == [("2020-09", HOME, "王协理", 3, 2), ("2020-09", OTHER, "李协理", 1, 1),
                    ("2020-08", HOME, "王协理", 1, 1)]
    assert "李协理" in client.get("/township/workload").get_data(as_text=True)


def test_a_followup_recorded_by_staff_is_theirs_in_the_workload(client, session, clerk):
    person = resident(session, HOME, "陈美玲")
    login(client, clerk.phone)
    token = csrf_token(client, "/bureau/followups")
    client.post(f"/bureau/followups/{person.id}", data={
        "csrf_token": token, f"f-{person.id}-contacted_on": "2020-09-14",
        f"f-{person.id}-channel": "visit", f"f-{person.id}-outcome": "training"})
    assert session.scalar(select(FollowUp.created_by_id)) == clerk.id
    assert "应跟踪 1 人，已联系 1 人" in client.get("/bureau/followups").get_data(as_text=True)
    assert _rows(client.get("/township/workload.xlsx").data) == [("2020-09", HOME, "王协理", 1, 1)]


def test_seekers_and_employers_cannot_read_the_workload(client, session):
    login(client, make_user(session).phone)
    assert client.get("/township/workload").status_code == 403


def _rows(data: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(data)).active
    return [tuple(row) for row in sheet.iter_rows(min_row=2, values_only=True)]


def _apply(client, person, post):
    token = csrf_token(client, f"/township/people/{person.id}")
    return client.post(f"/township/people/{person.id}/apply/{post.id}", follow_redirects=True,
                       data={"csrf_token": token})


def test_staff_apply_for_the_person_only_with_consent_and_only_to_their_townships_posts(
        client, session, clerk, person):
    employer = make_employer(session)
    here = make_post(session, employer, title="吴航仓库理货员", township=HOME)
    there = make_post(session, employer, title="金峰织布挡车工", township=OTHER)
    login(client, clerk.phone)
    assert "吴航仓库理货员" in client.get(f"/township/people/{person.id}").get_data(as_text=True)
    assert REFUSAL in _apply(client, person, here).get_data(as_text=True)
    assert session.scalar(select(Application.id)) is None

    give_consent(client, session, person)
    assert "岗位不存在" in _apply(client, person, there).get_data(as_text=True)
    assert "已代为申请该岗位" in _apply(client, person, here).get_data(as_text=True)
    application = session.scalar(select(Application))
    assert (application.candidate_id, application.post_id) == (person.id, here.id)
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "apply"))
    assert entry.actor_id == clerk.id and entry.detail["person_name"] == "陈美玲"
    assert session.scalar(select(Message).where(Message.user_id == person.user_id,
                                                Message.text.contains("吴航仓库理货员"))) is not None


def _save_intent(client, person):
    token = csrf_token(client, f"/township/people/{person.id}/profile/intent")
    return client.post(f"/township/people/{person.id}/profile/intent", follow_redirects=True, data={
        "csrf_token": token, "desired": "仓库理货 保洁", "skills": "叉车证", "experience": "纺织厂挡车工八年",
        "townships": [HOME], "desired_salary": "3500", "work_type": "full_time"})


def test_staff_edit_the_persons_intent_only_with_consent_audited_and_told(client, session, clerk, person):
    login(client, clerk.phone)
    refused = _save_intent(client, person)
    assert refused.status_code == 422 and REFUSAL in refused.get_data(as_text=True)
    session.refresh(person)
    assert person.desired != "仓库理货 保洁"

    give_consent(client, session, person)
    assert "已代为修改求职意向" in _save_intent(client, person).get_data(as_text=True)
    session.refresh(person)
    assert (person.desired, person.skills, person.desired_salary) == ("仓库理货 保洁", "叉车证", 3500)
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "update_profile"))
    assert entry.actor_id == clerk.id and entry.entity_id == person.id
    assert (entry.detail["step"], entry.detail["person_name"], entry.detail["staff_name"]) == (
        "intent", "陈美玲", "王协理")
    assert session.scalar(select(Message).where(Message.user_id == person.user_id,
                                                Message.text.contains("求职意向"))) is not None


def test_another_townships_person_has_no_intent_page(client, session, clerk):
    theirs = resident(session, OTHER, "林志强")
    login(client, clerk.phone)
    assert client.get(f"/township/people/{theirs.id}/profile/intent").status_code == 404


def test_a_withdrawn_consent_stops_every_act(client, session, clerk, person):
    login(client, clerk.phone)
    give_consent(client, session, person)
    token = csrf_token(client, f"/township/people/{person.id}")
    page = client.post(f"/township/people/{person.id}/consent/withdraw", follow_redirects=True,
                       data={"csrf_token": token}).get_data(as_text=True)
    assert "已记录本人撤回代办授权" in page and "尚未取得本人授权" in page
    assert REFUSAL in _register(client, person).get_data(as_text=True)
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "withdraw_delegation"))
    assert entry.actor_id == clerk.id and entry.detail["person_name"] == "陈美玲"


def test_the_bureau_creates_a_township_account_from_the_command_line(app, session):
    result = app.test_cli_runner().invoke(args=[
        "create-user", "--role", "township", "--township", "首占镇", "--name", "郑协理",
        "--phone", "13600000031", "--password", "Shouzhan@2020x"])
    assert result.exit_code == 0 and "首占镇协理员" in result.output
    refused = app.test_cli_runner().invoke(args=[
        "create-user", "--role", "township", "--phone", "13600000032", "--password", "Shouzhan@2020x"])
    assert refused.exit_code != 0 and "请选择乡镇" in refused.output


def test_the_persons_own_data_download_lists_the_consents_they_gave(client, session, clerk, person):
    login(client, clerk.phone)
    give_consent(client, session, person)
    send_code(client, person)  # asked again, never confirmed: no consent, not listed
    client.post("/logout", data={"csrf_token": csrf_token(client, "/township/")})
    seeker = session.get(User, person.user_id)
    login(client, seeker.phone)
    data = client.post("/seeker/my-data", data={"csrf_token": csrf_token(client, "/seeker/")}).json
    [given] = data["delegation_consents"]
    assert (given["township"], given["staff"], given["method"]) == (HOME, "王协理", "sms")
    assert given["valid_until"] and given["withdrawn_at"] is None
