"""The 政策参数 page and API (bureau only): values in effect, 待确认, changes from a date, audited;
the ledger and expiry page print the settings next to what they compute."""

from datetime import date

from sqlalchemy import select

from models import AuditEntry, GroupClaim, PolicySetting
from services.placements import place_candidate
from tests.factories import make_candidate, make_employer, make_post, make_program, make_user
from tests.web.helpers import bearer, csrf_token, login


def _form(client, **fields):
    data = {"parameter": "public_welfare.monthly_subsidy_fen", "value": "2000",
            "effective_from": "2021-01-01", "confirmed": "y", "note": "经核实",
            "csrf_token": csrf_token(client, "/bureau/parameters")}
    data.update(fields)
    return client.post("/bureau/parameters", data=data)


def test_the_page_lists_each_setting_pending_until_confirmed_and_keeps_a_change(client, session, app):
    user = make_user(session, role="bureau")
    login(client, user.phone)
    app.config["AS_OF_DATE"] = date(2021, 2, 1)
    page = client.get("/bureau/parameters").get_data(as_text=True)
    assert "公益性岗位补贴（每月）" in page and "1800元" in page and "待确认" in page
    assert "见习期限上限" in page and "2020年国家就业见习通知" in page
    assert _form(client).status_code == 302
    page = client.get("/bureau/parameters").get_data(as_text=True)
    assert "2000元" in page and "2021-01-01 起 2,000.00 元（已确认" in page
    [row] = session.scalars(select(PolicySetting)).all()
    assert (row.value, row.effective_from, row.confirmed, row.created_by_id) == (
        200000, date(2021, 1, 1), True, user.id)
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "set_parameter"))
    assert entry.actor_id == user.id
    assert "修改政策参数" in client.get("/bureau/audit").get_data(as_text=True)


def test_a_value_out_of_bounds_is_refused_on_the_page_and_nothing_written(client, session):
    login(client, make_user(session, role="bureau").phone)
    response = _form(client, parameter="trainee.max_term_months", value="30")
    assert response.status_code == 422 and "应在" in response.get_data(as_text=True)
    response = _form(client, parameter="trainee.max_term_months", value="6.5")
    assert response.status_code == 422 and "整数" in response.get_data(as_text=True)
    assert session.scalars(select(PolicySetting)).all() == []


def test_only_the_bureau_sees_the_parameters(client, session):
    login(client, make_user(session, role="employer", employer=make_employer(session)).phone)
    assert client.get("/bureau/parameters").status_code in (302, 403)
    seeker = make_user(session, role="seeker")
    assert client.get("/api/v1/policy-parameters", headers=bearer(client, seeker.phone)).status_code == 403


def test_the_api_reads_and_sets_a_parameter(client, session, app):
    headers = bearer(client, make_user(session, role="bureau").phone)
    listed = client.get("/api/v1/policy-parameters", headers=headers)
    assert listed.status_code == 200
    key = "long_term_unemployed_hire.minimum_wage_monthly_fen"
    wage = next(p for p in listed.json if p["parameter"] == key)
    assert (wage["value"], wage["unit"], wage["confirmed"], wage["effective_from"]) == (
        180000, "fen", False, None)
    body = {"parameter": "long_term_unemployed_hire.minimum_wage_monthly_fen", "value": 188000,
            "effective_from": "2021-03-01", "confirmed": True}
    changed = client.post("/api/v1/policy-parameters", json=body, headers=headers)
    assert changed.status_code == 201
    assert (changed.json["value"], changed.json["confirmed"], changed.json["effective_from"]) == (
        188000, True, "2021-03-01")
    bad = client.post("/api/v1/policy-parameters", json={**body, "value": "188000"}, headers=headers)
    assert bad.status_code == 422 and bad.json["error"]["code"] == "invalid_request"
    frozen = client.post("/api/v1/policy-parameters", headers=headers,
                         json={**body, "parameter": "post_listing.stale_after_days", "value": 10})
    assert frozen.status_code == 422 and frozen.json["error"]["code"] == "parameter_not_editable"


def test_the_ledger_and_expiry_page_print_the_settings_they_used(client, session, app):
    bureau = make_user(session, role="bureau")
    login(client, bureau.phone)
    program = make_program(session)
    post = make_post(session, make_employer(session), kind="public_welfare", program_id=program.id,
                     education_min="none")
    person = make_candidate(session, name="郑秀英", education="junior_high", graduation_date=None)
    person.group_claims.append(GroupClaim(group="hardship", status="verified"))
    session.flush()
    place_candidate(session, bureau, post.id, person.id, date(2020, 3, 2))
    app.config["AS_OF_DATE"] = date(2020, 8, 15)
    ledger = client.get("/bureau/subsidies").get_data(as_text=True)
    assert "公益性岗位补贴（每月）1800元（本区经办规则，待确认）" in ledger
    expiring = client.get("/bureau/expiring").get_data(as_text=True)
    assert "期满提醒及延长办理天数30天（本区经办规则，待确认）" in expiring
