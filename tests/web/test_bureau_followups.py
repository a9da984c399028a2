"""The monthly follow-up worklist （十四）: due people, recording contacts, coverage."""

from datetime import date

from sqlalchemy import select

from models import AuditEntry, FollowUp, GroupClaim
from tests.factories import make_candidate, make_user
from tests.web.helpers import csrf_token, login


def _followed(session, name, group="registered_unemployed", status="verified"):
    person = make_candidate(session, name=name)
    person.group_claims.append(GroupClaim(group=group, status=status))
    session.flush()
    return person


def test_due_people_are_listed_and_a_contact_takes_them_off(client, session, app):
    app.config["AS_OF_DATE"] = date(2020, 9, 15)
    bureau = make_user(session, role="bureau")
    due = _followed(session, "陈美玲")
    _followed(session, "方建国", group="hardship")
    _followed(session, "黄未核", status="declared")
    session.add(FollowUp(candidate_id=due.id, contacted_on=date(2020, 8, 20), channel="phone",
                         outcome="seeking"))
    session.flush()
    login(client, bureau.phone)
    page = client.get("/bureau/followups").get_data(as_text=True)
    assert "陈美玲" in page and "方建国" in page and "黄未核" not in page
    assert "应跟踪 2 人，已联系 0 人" in page

    token = csrf_token(client, "/bureau/followups")
    client.post(f"/bureau/followups/{due.id}", data={
        "csrf_token": token, f"f-{due.id}-contacted_on": "2020-09-14",
        f"f-{due.id}-channel": "visit", f"f-{due.id}-outcome": "training",
        f"f-{due.id}-note": "已报名电商培训"})
    page = client.get("/bureau/followups").get_data(as_text=True)
    assert "应跟踪 2 人，已联系 1 人" in page
    assert session.scalar(select(AuditEntry).where(AuditEntry.action == "followup")) is not None


def test_a_contact_dated_in_the_future_is_refused(client, session, app):
    app.config["AS_OF_DATE"] = date(2020, 9, 15)
    login(client, make_user(session, role="bureau").phone)
    person = _followed(session, "陈美玲")
    token = csrf_token(client, "/bureau/followups")
    response = client.post(f"/bureau/followups/{person.id}", follow_redirects=True, data={
        "csrf_token": token, f"f-{person.id}-contacted_on": "2020-09-16",
        f"f-{person.id}-channel": "phone", f"f-{person.id}-outcome": "seeking"})
    assert "联系日期不能晚于今天" in response.get_data(as_text=True)
    assert session.scalar(select(FollowUp.id)) is None


def test_seekers_cannot_open_the_followup_list(client, session):
    login(client, make_user(session).phone)
    assert client.get("/bureau/followups").status_code == 403
