"""Quota targets change only upward of what is placed, each change audited and listed."""

from datetime import UTC, date, datetime

from sqlalchemy import select

from models import AuditEntry, GroupClaim, QuotaProgram, UnemploymentRegistration
from tests.factories import make_candidate, make_employer, make_program, make_user
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
    assert "目标应为正整数" in response.get_data(as_text=True)
    session.refresh(program)
    assert program.target == 50


def test_the_audit_page_filters_by_date_and_ignores_a_bad_date(client, session):
    login(client, make_user(session, role="bureau").phone)
    for entity_id, day in ((71001, 3), (71002, 5), (71003, 7)):
        session.add(AuditEntry(at=datetime(2020, day, 1, 8, tzinfo=UTC), action="set_target",
                               entity="program", entity_id=entity_id))
    session.flush()

    def shown(query: str) -> set[str]:
        page = client.get(f"/bureau/audit?{query}").get_data(as_text=True)
        return {f"#{n}" for n in (71001, 71002, 71003) if f"#{n}" in page}

    assert shown("since=2020-04-01&until=2020-05-31") == {"#71002"}
    assert shown("until=2020-03-01") == {"#71001"}
    assert shown("since=2020-07-01") == {"#71003"}
    assert shown("since=not-a-date") == {"#71001", "#71002", "#71003"}


def test_employers_cannot_open_the_audit_log_or_change_targets(client, session):
    employer = make_employer(session)
    login(client, make_user(session, role="employer", employer=employer).phone)
    program = make_program(session)
    assert client.get("/bureau/audit").status_code == 403
    token = csrf_token(client, "/employer/")
    response = client.post(f"/bureau/programs/{program.id}/target",
                           data={"csrf_token": token, f"target-{program.id}-target": "1"})
    assert response.status_code == 403


def test_a_declared_group_is_verified_by_the_bureau_and_audited(client, session):
    bureau = make_user(session, role="bureau")
    person = make_candidate(session, name="吴佳琪")
    person.group_claims.append(GroupClaim(group="hardship", status="declared"))
    session.flush()
    login(client, bureau.phone)
    assert "吴佳琪" in client.get("/bureau/claims").get_data(as_text=True)
    token = csrf_token(client, "/bureau/claims")
    client.post(f"/bureau/claims/{person.id}/hardship",
                data={"csrf_token": token, "decision": "verify"})
    claim = session.get(GroupClaim, (person.id, "hardship"))
    session.refresh(claim)
    assert claim.status == "verified" and claim.decided_by_id == bureau.id
    assert "吴佳琪：就业困难人员已核验" in client.get("/bureau/claims").get_data(as_text=True)
    assert "吴佳琪" not in client.get("/bureau/claims").get_data(as_text=True)
    again = client.post(f"/bureau/claims/{person.id}/hardship", follow_redirects=True,
                        data={"csrf_token": token, "decision": "reject"})
    assert "该申报已处理" in again.get_data(as_text=True)


def test_a_rejected_group_no_longer_counts(client, session):
    login(client, make_user(session, role="bureau").phone)
    person = make_candidate(session)
    person.group_claims.append(GroupClaim(group="low_income", status="declared"))
    session.flush()
    token = csrf_token(client, "/bureau/claims")
    client.post(f"/bureau/claims/{person.id}/low_income",
                data={"csrf_token": token, "decision": "reject", "reason": "低保证已过期"})
    session.expire_all()
    assert "low_income" not in session.get(type(person), person.id).groups


def test_an_online_unemployment_registration_is_confirmed_by_the_bureau(client, session):
    person = make_candidate(session, name="林永福", employed=True)
    registration = UnemploymentRegistration(candidate_id=person.id, township="潭头镇",
                                            unemployed_since=date(2020, 2, 10))
    session.add(registration)
    session.flush()
    bureau = make_user(session, role="bureau")
    login(client, bureau.phone)
    assert "林永福" in client.get("/bureau/unemployment").get_data(as_text=True)
    token = csrf_token(client, "/bureau/unemployment")
    client.post(f"/bureau/unemployment/{registration.id}",
                data={"csrf_token": token, "decision": "confirm"})
    session.expire_all()
    person = session.get(type(person), person.id)
    assert person.unemployed_since == date(2020, 2, 10) and not person.employed
    assert "registered_unemployed" in person.groups
    assert session.scalar(select(AuditEntry).where(
        AuditEntry.entity == "unemployment_registration")).actor_id == bureau.id


def test_the_bureau_confirms_a_registration_from_the_date_it_accepts(client, session):
    person = make_candidate(session, name="林永福")
    registration = UnemploymentRegistration(candidate_id=person.id, township="潭头镇",
                                            unemployed_since=date(2020, 1, 10))
    session.add(registration)
    session.flush()
    login(client, make_user(session, role="bureau").phone)
    token = csrf_token(client, "/bureau/unemployment")
    page = client.post(f"/bureau/unemployment/{registration.id}", follow_redirects=True, data={
        "csrf_token": token, "decision": "confirm", "registered_on": "2020-13-01"})
    assert "登记日期格式不正确" in page.get_data(as_text=True)
    client.post(f"/bureau/unemployment/{registration.id}", data={
        "csrf_token": token, "decision": "confirm", "registered_on": "2020-03-15"})
    session.expire_all()
    registration = session.get(UnemploymentRegistration, registration.id)
    assert registration.status == "confirmed" and registration.registered_on == date(2020, 3, 15)
    assert registration.unemployed_since == date(2020, 1, 10)  # what the seeker declared stays


def test_the_bureau_creates_and_edits_a_programme_on_its_page(client, session):
    bureau = make_user(session, role="bureau")
    login(client, bureau.phone)
    assert "还没有岗位计划" in client.get("/bureau/programs").get_data(as_text=True)
    token = csrf_token(client, "/bureau/programs")
    response = client.post("/bureau/programs", follow_redirects=True, data={
        "csrf_token": token, "new-kind": "public_welfare", "new-name": "2021年临时性公益岗位",
        "new-target": "300", "new-target_rule": "cap", "new-start_date": "2021-01-01",
        "new-end_date": "2021-06-30", "new-term_months": "", "new-monthly_subsidy_yuan": "1900"})
    page = response.get_data(as_text=True)
    assert "已新建岗位计划“2021年临时性公益岗位”" in page and "上限 300 个岗位" in page
    program = session.scalar(select(QuotaProgram).where(QuotaProgram.name == "2021年临时性公益岗位"))
    assert (program.target_rule, program.params["monthly_subsidy_fen"]) == ("cap", 190000)
    response = client.post(f"/bureau/programs/{program.id}", follow_redirects=True, data={
        "csrf_token": token, f"edit-{program.id}-name": "2021年临时性公益岗位（上半年）",
        f"edit-{program.id}-target": "320", f"edit-{program.id}-target_rule": "cap",
        f"edit-{program.id}-start_date": "2021-01-01", f"edit-{program.id}-end_date": "2021-06-30"})
    assert "已保存" in response.get_data(as_text=True)
    session.refresh(program)
    assert (program.name, program.target) == ("2021年临时性公益岗位（上半年）", 320)
    actions = session.scalars(select(AuditEntry.action).where(
        AuditEntry.entity == "quota_program", AuditEntry.entity_id == program.id)).all()
    assert sorted(actions) == ["create", "update"]


def test_a_programme_ending_before_it_starts_is_refused_on_the_page(client, session):
    login(client, make_user(session, role="bureau").phone)
    token = csrf_token(client, "/bureau/programs")
    response = client.post("/bureau/programs", data={
        "csrf_token": token, "new-kind": "trainee", "new-name": "2021年就业见习",
        "new-target": "50", "new-target_rule": "floor", "new-start_date": "2021-07-01",
        "new-end_date": "2021-01-01"})
    assert response.status_code == 422
    assert "结束日期不能早于开始日期" in response.get_data(as_text=True)
    assert session.scalar(select(QuotaProgram).where(QuotaProgram.name == "2021年就业见习")) is None


def test_employers_cannot_create_programmes(client, session):
    employer = make_employer(session)
    login(client, make_user(session, role="employer", employer=employer).phone)
    token = csrf_token(client, "/employer/")
    response = client.post("/bureau/programs", data={
        "csrf_token": token, "new-kind": "trainee", "new-name": "x", "new-target": "5",
        "new-target_rule": "floor", "new-start_date": "2021-01-01", "new-end_date": "2021-02-01"})
    assert response.status_code == 403
