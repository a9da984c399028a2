"""代办 of the profile's other steps (issue 14, item 8): township staff fill in the person's
基本信息, 教育经历 and 就业状况与人员类别 on the seeker's own forms, only with the person's 代办
consent; each save is audited with both names and the person is told. A sensitive group needs
the person's separate consent too, ticked by the staff member for them and recorded as given
through that staff member."""

from datetime import date

import pytest
from sqlalchemy import select

from models import AuditEntry, ConsentEvent, DelegationConsent, Message, OutboxMessage
from policy.consent import current_version
from policy.identifiers import make_id_number, mask_id_number
from tests.factories import make_candidate
from tests.web.helpers import csrf_token, login
from tests.web.township_setup import HOME, OTHER, give_consent, resident

REFUSAL = "代办须先取得本人授权"
NEW_ID = make_id_number("350182", date(1975, 3, 8), 517)
STEPS = {
    "basic": {"name": "陈美玲", "gender": "female", "id_number": "", "phone": "13700000123"},
    "education": {"education": "vocational", "school": "福建船政交通职业学院", "major": "物流管理",
                  "graduation_date": "2010-07-01"},
    "situation": {"unemployed_since": "2020-05-01", "groups": ["registered_unemployed"]},
}
SAVED = {"basic": "已代为修改基本信息", "education": "已代为修改教育经历",
         "situation": "已代为修改就业状况与人员类别"}


@pytest.fixture(autouse=True)
def as_of(app):
    app.config["AS_OF_DATE"] = date(2020, 9, 15)


def _save(client, person, step, **data):
    path = f"/township/people/{person.id}/profile/{step}"
    return client.post(path, follow_redirects=True,
                       data={"csrf_token": csrf_token(client, path), **STEPS[step], **data})


def _told(session, person):
    return session.scalars(select(Message.text).where(Message.user_id == person.user_id,
                                                      Message.kind == "delegated_act")).all()


@pytest.mark.parametrize("step", sorted(STEPS))
def test_without_consent_no_step_is_saved(client, session, clerk, person, step):
    login(client, clerk.phone)
    before = (person.phone, person.education, person.unemployed_since)
    response = _save(client, person, step)
    assert response.status_code == 422 and REFUSAL in response.get_data(as_text=True)
    session.refresh(person)
    assert (person.phone, person.education, person.unemployed_since) == before
    assert person.group_claims == []
    assert session.scalar(select(AuditEntry.id).where(AuditEntry.action == "update_profile")) is None


@pytest.mark.parametrize("step", sorted(STEPS))
def test_with_consent_each_step_is_saved_audited_with_both_names_and_told(client, session, clerk,
                                                                         person, step):
    login(client, clerk.phone)
    give_consent(client, session, person)
    assert SAVED[step] in _save(client, person, step).get_data(as_text=True)
    session.refresh(person)
    assert {"basic": person.phone == "13700000123",
            "education": (person.education, person.school) == ("vocational", "福建船政交通职业学院"),
            "situation": [c.group for c in person.group_claims] == ["registered_unemployed"]}[step]
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "update_profile"))
    consent = session.scalar(select(DelegationConsent))
    assert (entry.actor_id, entry.entity_id, entry.detail["step"]) == (clerk.id, person.id, step)
    assert (entry.detail["on_behalf_of"], entry.detail["person_name"], entry.detail["staff_name"],
            entry.detail["consent_id"]) == (person.id, "陈美玲", "王协理", consent.id)
    assert any("王协理" in text and SAVED[step].removeprefix("已代为") in text
               for text in _told(session, person))


def test_the_basic_step_never_shows_the_whole_numbers_and_keeps_them_when_left_empty(
        client, session, clerk, person):
    login(client, clerk.phone)
    page = client.get(f"/township/people/{person.id}/profile/basic").get_data(as_text=True)
    assert person.id_number not in page and person.phone not in page
    assert mask_id_number(person.id_number) in page
    give_consent(client, session, person)
    number = person.id_number
    _save(client, person, "basic", phone="", name="陈美琳")
    session.refresh(person)
    assert (person.name, person.id_number) == ("陈美琳", number)
    _save(client, person, "basic", id_number=NEW_ID)
    session.refresh(person)
    assert (person.id_number, person.birth_date) == (NEW_ID, date(1975, 3, 8))


def test_a_refused_basic_step_never_shows_the_whole_numbers_either(client, session, clerk, person):
    """The page drawn again after a refusal — no consent, a missing name, the two fields left
    out of the request — holds only what was typed, never the record's numbers."""
    login(client, clerk.phone)
    path = f"/township/people/{person.id}/profile/basic"
    refused = [_save(client, person, "basic", phone="")]  # no consent yet
    give_consent(client, session, person)
    refused.append(_save(client, person, "basic", name="", phone=""))
    refused.append(client.post(path, data={"csrf_token": csrf_token(client, path), "name": "",
                                           "gender": "female"}))
    for response in refused:
        page = response.get_data(as_text=True)
        assert response.status_code == 422
        assert person.id_number not in page and person.phone not in page


def test_a_changed_phone_of_a_person_without_an_account_is_told_at_both_numbers(client, session, clerk):
    walk_in = make_candidate(session, name="方建国", townships=[HOME])
    old = walk_in.phone
    login(client, clerk.phone)
    give_consent(client, session, walk_in)
    _save(client, walk_in, "basic", name="方建国", gender="male")
    told = session.scalars(select(OutboxMessage.recipient)
                           .where(OutboxMessage.kind == "delegated_act")).all()
    assert sorted(told) == sorted([old, "13700000123"])


def test_a_sensitive_group_needs_the_persons_separate_consent_ticked_by_staff(client, session,
                                                                             clerk, person):
    login(client, clerk.phone)
    give_consent(client, session, person)
    page = client.get(f"/township/people/{person.id}/profile/situation").get_data(as_text=True)
    assert "请向本人宣读下面的同意内容" in page
    assert 'name="sensitive_consent" type="checkbox" value="y">' in page  # never ticked in advance
    refused = _save(client, person, "situation", groups=["hardship"])
    assert refused.status_code == 422 and "需要本人单独同意" in refused.get_data(as_text=True)
    session.refresh(person)
    assert person.group_claims == []

    assert SAVED["situation"] in _save(client, person, "situation", groups=["hardship"],
                                       sensitive_consent="y").get_data(as_text=True)
    session.refresh(person)
    assert [(c.group, c.status) for c in person.group_claims] == [("hardship", "declared")]
    consent = session.scalar(select(DelegationConsent))
    [event] = session.scalars(select(ConsentEvent)).all()
    assert (event.action, event.scope, event.source, event.by_id, event.delegation_id,
            event.text_version) == ("granted", ["hardship"], "delegated", clerk.id, consent.id,
                                    current_version())
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "grant_consent"))
    assert (entry.actor_id, entry.detail["person_name"], entry.detail["staff_name"],
            entry.detail["consent_id"]) == (clerk.id, "陈美玲", "王协理", consent.id)

    # Unticked in 代办, the consent is withdrawn the same way, through the staff member.
    _save(client, person, "situation", groups=[])
    withdrawn = session.scalar(select(ConsentEvent).where(ConsentEvent.action == "withdrawn"))
    assert (withdrawn.source, withdrawn.by_id, withdrawn.delegation_id) == ("delegated", clerk.id,
                                                                             consent.id)


@pytest.mark.parametrize("step", [*sorted(STEPS), "intent"])
def test_another_townships_person_has_no_profile_pages(client, session, clerk, step):
    theirs = resident(session, OTHER, "林志强")
    login(client, clerk.phone)
    path = f"/township/people/{theirs.id}/profile/{step}"
    assert client.get(path).status_code == 404
    token = csrf_token(client, "/township/")
    assert client.post(path, data={"csrf_token": token, **STEPS.get(step, {})}).status_code == 404


def test_an_unknown_step_is_not_found(client, session, clerk, person):
    login(client, clerk.phone)
    assert client.get(f"/township/people/{person.id}/profile/family").status_code == 404
