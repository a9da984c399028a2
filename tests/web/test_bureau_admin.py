"""Quota targets change only upward of what is placed, each change audited and listed."""

from sqlalchemy import select

from models import AuditEntry
from tests.factories import make_employer, make_program, make_user
from tests.web.helpers import csrf_token, login


def test_the_bureau_raises_a_target_and_the_change_is_audited(client, session):
    bureau = make_user(session, role="bureau")
    program = make_program(session, target=500)
    login(client, bureau.phone)
    token = csrf_token(client, "/bureau/programs")
    response = client.post(f"/bureau/programs/{program.id}/target", follow_redirects=True,
                           data={"csrf_token": token, f"target-{program.id}-target": "520"})
    assert "目标已调整为 520" in response.get_data(as_text=True)
    session.refresh(program)
    assert program.target == 520
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "set_target"))
    assert entry.detail == {"before": {"target": 500}, "after": {"target": 520}}
    assert entry.actor_id == bureau.id
    page = client.get("/bureau/audit?action=set_target").get_data(as_text=True)
    assert "调整目标" in page and bureau.name in page


def test_a_target_of_zero_is_refused_and_nothing_changes(client, session):
    login(client, make_user(session, role="bureau").phone)
    program = make_program(session, target=50)
    token = csrf_token(client, "/bureau/programs")
    response = client.post(f"/bureau/programs/{program.id}/target", follow_redirects=True,
                           data={"csrf_token": token, f"target-{program.id}-target": "0"})
    assert "目标人数应为正整数" in response.get_data(as_text=True)
    session.refresh(program)
    assert program.target == 50


def test_the_audit_page_filters_by_date_and_ignores_a_bad_date(client, session):
    login(client, make_user(session, role="bureau").phone)
    assert client.get("/bureau/audit?since=2000-01-01&until=2999-12-31").status_code == 200
    assert client.get("/bureau/audit?since=not-a-date").status_code == 200


def test_employers_cannot_open_the_audit_log_or_change_targets(client, session):
    employer = make_employer(session)
    login(client, make_user(session, role="employer", employer=employer).phone)
    program = make_program(session)
    assert client.get("/bureau/audit").status_code == 403
    token = csrf_token(client, "/employer/")
    response = client.post(f"/bureau/programs/{program.id}/target",
                           data={"csrf_token": token, f"target-{program.id}-target": "1"})
    assert response.status_code == 403
