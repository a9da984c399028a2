"""The person's own page of 代办授权 (issue 14, item 8): the consents they gave township staff,
what was done for them under each (from the audit log), and withdrawing one themselves — one
transaction, audited by the person with both names, the staff member told. Nobody sees or
withdraws another person's consents."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from models import AuditEntry, DelegationConsent, Message, User
from models.base import utcnow
from tests.factories import make_candidate, make_employer, make_post, make_user
from tests.web.helpers import csrf_token, login
from tests.web.township_setup import HOME, give_consent, send_code

PAGE = "/seeker/delegations"


@pytest.fixture(autouse=True)
def as_of(app):
    app.config["AS_OF_DATE"] = date(2020, 9, 15)


@pytest.fixture
def consent(client, session, clerk, person):
    """The person's consent to the clerk, by the SMS code they read out (the clerk signed in)."""
    login(client, clerk.phone)
    give_consent(client, session, person)
    return session.scalar(select(DelegationConsent))


def _as(client, user):
    client.post("/logout", data={"csrf_token": csrf_token(client, "/login")})
    login(client, user.phone)


def _acts_for(client, session, clerk, person):
    """The clerk gets the person's consent, registers their unemployment, edits their education
    and applies for them; then asks again (never confirmed: no second consent)."""
    login(client, clerk.phone)
    give_consent(client, session, person)
    token = csrf_token(client, f"/township/people/{person.id}")
    client.post(f"/township/people/{person.id}/unemployment", data={
        "csrf_token": token, "unemployed_since": "2020-06-01", "cadre": "worker",
        "able_to_work": "y", "wants_work": "y"})
    path = f"/township/people/{person.id}/profile/education"
    client.post(path, data={"csrf_token": csrf_token(client, path), "education": "associate",
                            "school": "福州职业技术学院", "major": "物流管理"})
    post = make_post(session, make_employer(session), title="吴航仓库理货员", township=HOME,
                     education_min="none")
    client.post(f"/township/people/{person.id}/apply/{post.id}", data={"csrf_token": token})
    send_code(client, person)


def _withdraw(client, consent_id):
    return client.post(f"{PAGE}/{consent_id}/withdraw", follow_redirects=True,
                       data={"csrf_token": csrf_token(client, PAGE)})


def test_the_person_sees_each_consent_and_what_was_done_under_it(client, session, clerk, person):
    _acts_for(client, session, clerk, person)
    _as(client, session.get(User, person.user_id))
    assert PAGE in client.get("/seeker/").get_data(as_text=True)
    page = client.get(PAGE).get_data(as_text=True)
    assert page.count('class="card delegation"') == 1  # the unconfirmed request gave nothing
    assert all(text in page for text in (f"王协理（{HOME}人社协理员）", "短信验证码", "有效", "撤回此授权"))
    acts = page.split("已代办的事项")[1]
    assert acts.index("失业登记") < acts.index("修改教育经历") < acts.index("申请岗位“吴航仓库理货员”")


def test_the_person_withdraws_a_consent_audited_and_the_staff_member_told(client, session, clerk,
                                                                        person):
    _acts_for(client, session, clerk, person)
    seeker = session.get(User, person.user_id)
    _as(client, seeker)
    consent = session.scalar(select(DelegationConsent).where(DelegationConsent.confirmed_at.is_not(None)))
    page = _withdraw(client, consent.id).get_data(as_text=True)
    assert "已撤回代办授权" in page and "已撤回" in page and "撤回此授权" not in page
    session.refresh(consent)
    assert consent.withdrawn_at is not None
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "withdraw_delegation"))
    assert (entry.actor_id, entry.entity_id, entry.detail["consent_id"], entry.detail["person_name"],
            entry.detail["staff_name"]) == (seeker.id, person.id, consent.id, "陈美玲", "王协理")
    told = session.scalar(select(Message).where(Message.user_id == clerk.id,
                                                Message.kind == "delegation_withdrawn"))
    assert "陈美玲已撤回给您的代办授权" in told.text

    assert "该授权已撤回或已过期" in _withdraw(client, consent.id).get_data(as_text=True)
    assert session.scalar(select(AuditEntry.id).where(AuditEntry.action == "withdraw_delegation")
                          .where(AuditEntry.id != entry.id)) is None
    _as(client, clerk)
    path = f"/township/people/{person.id}/profile/education"
    refused = client.post(path, data={"csrf_token": csrf_token(client, path), "education": "bachelor"})
    assert refused.status_code == 422 and "代办须先取得本人授权" in refused.get_data(as_text=True)


def test_an_expired_consent_is_shown_as_such_and_cannot_be_withdrawn(client, session, person, consent):
    consent.valid_until = utcnow() - timedelta(minutes=1)
    session.flush()
    _as(client, session.get(User, person.user_id))
    page = client.get(PAGE).get_data(as_text=True)
    assert "已过期" in page and "撤回此授权" not in page
    assert "该授权已撤回或已过期" in _withdraw(client, consent.id).get_data(as_text=True)
    session.refresh(consent)
    assert consent.withdrawn_at is None


def test_another_persons_consent_is_not_found(client, session, consent):
    other = make_user(session, name="方建国")
    make_candidate(session, user=other, name="方建国", townships=[HOME])
    _as(client, other)
    assert "王协理" not in client.get(PAGE).get_data(as_text=True)
    assert "您没有给过协理员代办授权" in client.get(PAGE).get_data(as_text=True)
    response = client.post(f"{PAGE}/{consent.id}/withdraw", data={"csrf_token": csrf_token(client, PAGE)})
    assert response.status_code == 404
    assert client.post(f"{PAGE}/999999/withdraw",
                       data={"csrf_token": csrf_token(client, PAGE)}).status_code == 404
    session.refresh(consent)
    assert consent.withdrawn_at is None


def test_a_withdrawal_needs_the_pages_csrf_token(client, session, person, consent):
    _as(client, session.get(User, person.user_id))
    assert client.post(f"{PAGE}/{consent.id}/withdraw").status_code == 400
    session.refresh(consent)
    assert consent.withdrawn_at is None
