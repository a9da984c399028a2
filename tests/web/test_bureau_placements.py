"""The bureau's placement pages: expiry worklist, ending, extending, roster and subsidy ledger."""

from datetime import date

import pytest
from sqlalchemy import select

from models import AuditEntry, GroupClaim, Placement
from services.placements import place_candidate
from tests.factories import make_candidate, make_employer, make_post, make_program, make_user
from tests.web.helpers import csrf_token, login


@pytest.fixture
def bureau(session, client):
    user = make_user(session, role="bureau")
    login(client, user.phone)
    return user


def _welfare_placement(session, bureau, start, **program_fields):
    program = make_program(session, **program_fields)
    post = make_post(session, make_employer(session), kind="public_welfare",
                     program_id=program.id, education_min="none", title="社区消杀防疫员")
    person = make_candidate(session, name="郑秀英", education="junior_high", graduation_date=None)
    person.group_claims.append(GroupClaim(group="hardship", status="verified"))
    session.flush()
    return place_candidate(session, bureau, post.id, person.id, start)


def test_a_placement_ending_within_30_days_is_on_the_worklist(client, session, app, bureau):
    placement = _welfare_placement(session, bureau, date(2020, 3, 2))  # term ends 2020-09-01
    app.config["AS_OF_DATE"] = date(2020, 8, 2)
    page = client.get("/bureau/expiring").get_data(as_text=True)
    assert "郑秀英" in page and "即将期满" in page
    app.config["AS_OF_DATE"] = date(2020, 9, 2)
    assert "已过期未处理" in client.get("/bureau/expiring").get_data(as_text=True)
    app.config["AS_OF_DATE"] = date(2020, 8, 1)
    assert "郑秀英" not in client.get("/bureau/expiring").get_data(as_text=True)
    assert placement.term_end == date(2020, 9, 1)


def test_the_bureau_ends_a_placement_with_a_reason_and_it_is_audited(client, session, app, bureau):
    placement = _welfare_placement(session, bureau, date(2020, 3, 2))
    app.config["AS_OF_DATE"] = date(2020, 8, 20)
    token = csrf_token(client, "/bureau/expiring")
    response = client.post(f"/bureau/placements/{placement.id}/end", data={
        "csrf_token": token, f"end-{placement.id}-ended_on": "2020-08-31",
        f"end-{placement.id}-reason": "term_over"})
    assert response.status_code == 302
    session.refresh(placement)
    assert placement.ended_on == date(2020, 8, 31) and placement.end_reason == "term_over"
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "end"))
    assert entry.actor_id == bureau.id and entry.detail["after"]["end_reason"] == "term_over"
    assert session.get(Placement, placement.id) is not None


def test_an_extension_in_the_window_is_granted_once(client, session, app, bureau):
    placement = _welfare_placement(session, bureau, date(2020, 3, 2))
    app.config["AS_OF_DATE"] = date(2020, 8, 20)
    token = csrf_token(client, "/bureau/expiring")
    data = {"csrf_token": token, f"extend-{placement.id}-months": "12",
            f"extend-{placement.id}-still_unemployed": "y"}
    client.post(f"/bureau/placements/{placement.id}/extend", data=data)
    session.refresh(placement)
    assert placement.extended_until == date(2021, 9, 1)
    response = client.post(f"/bureau/placements/{placement.id}/extend", data=data,
                           follow_redirects=True)
    assert "只能延长一次" in response.get_data(as_text=True)


@pytest.mark.parametrize("start, offered", [(date(2020, 7, 1), True), (date(2020, 7, 2), False)])
def test_the_worklist_offers_an_extension_only_for_terms_ending_in_2020(
        client, session, app, bureau, start, offered):
    placement = _welfare_placement(session, bureau, start)
    app.config["AS_OF_DATE"] = date(2020, 12, 20)
    page = client.get("/bureau/expiring").get_data(as_text=True)
    assert "郑秀英" in page
    assert "可延长一次" not in page
    assert ("延长政策享受期限</summary>" in page) is offered
    assert ("可延长至多12个月" in page) is offered
    assert ("不能延长" in page) is not offered
    assert "本区经办规则" in page and "延长期不另发补贴" in page
    token = csrf_token(client, "/bureau/expiring")
    client.post(f"/bureau/placements/{placement.id}/extend", data={
        "csrf_token": token, f"extend-{placement.id}-months": "12",
        f"extend-{placement.id}-still_unemployed": "y"})
    session.refresh(placement)
    assert (placement.extended_until is not None) is offered


def test_an_extended_placement_is_still_subsidised_for_six_months(client, session, app, bureau):
    placement = _welfare_placement(session, bureau, date(2020, 7, 1))
    app.config["AS_OF_DATE"] = date(2020, 12, 20)
    token = csrf_token(client, "/bureau/expiring")
    client.post(f"/bureau/placements/{placement.id}/extend", data={
        "csrf_token": token, f"extend-{placement.id}-months": "12",
        f"extend-{placement.id}-still_unemployed": "y"})
    session.refresh(placement)
    assert placement.extended_until == date(2021, 12, 31)
    app.config["AS_OF_DATE"] = date(2022, 6, 1)
    page = client.get("/bureau/subsidies").get_data(as_text=True)
    assert "10,800.00 元" in page and "32,400.00 元" not in page


def test_an_extension_is_refused_without_confirming_unemployment(client, session, app, bureau):
    placement = _welfare_placement(session, bureau, date(2020, 3, 2))
    app.config["AS_OF_DATE"] = date(2020, 8, 20)
    token = csrf_token(client, "/bureau/expiring")
    response = client.post(f"/bureau/placements/{placement.id}/extend", follow_redirects=True,
                           data={"csrf_token": token, f"extend-{placement.id}-months": "12"})
    assert "已实现稳定就业" in response.get_data(as_text=True)
    session.refresh(placement)
    assert placement.extended_until is None


def test_the_roster_masks_id_numbers(client, session, bureau):
    placement = _welfare_placement(session, bureau, date(2020, 9, 1))
    page = client.get("/bureau/placements").get_data(as_text=True)
    number = placement.candidate.id_number
    assert number not in page
    assert number[:4] + "**********" + number[-4:] in page


def test_the_ledger_shows_the_public_welfare_subsidy_with_its_rule(client, session, app, bureau):
    _welfare_placement(session, bureau, date(2020, 3, 2))
    app.config["AS_OF_DATE"] = date(2020, 9, 1)
    page = client.get("/bureau/subsidies").get_data(as_text=True)
    assert "公益性岗位补贴" in page
    assert "10,800.00 元" in page  # 6 whole months × 1,800 yuan
    assert "（六）" in page


@pytest.mark.parametrize("path", ["/bureau/expiring", "/bureau/placements", "/bureau/subsidies"])
def test_only_the_bureau_opens_the_placement_pages(app, session, path):
    client = app.test_client()
    employer = make_employer(session)
    login(client, make_user(session, role="employer", employer=employer).phone)
    assert client.get(path).status_code == 403


def test_an_employers_ledger_runs_the_loan_interest_test_on_its_hires(client, session, app, bureau):
    app.config["AS_OF_DATE"] = date(2020, 9, 1)
    employer = make_employer(session, size="small", staff_count=20, name="长乐智汇软件有限公司")
    post = make_post(session, employer, slots=5, education_min="none")
    for months in (12, 36, 6):
        person = make_candidate(session, education="bachelor")
        person.group_claims.append(GroupClaim(group="registered_unemployed", status="verified"))
        session.flush()
        place_candidate(session, bureau, post.id, person.id, date(2020, 8, 3), months)
    page = client.get(f"/bureau/subsidies?employer={employer.id}").get_data(as_text=True)
    # 2 of 20 staff on contracts of a year or more: 10%, below 15%
    assert "暂不符合" in page and "新招用符合条件人员2人" in page
    person = make_candidate(session, education="bachelor")
    person.group_claims.append(GroupClaim(group="registered_unemployed", status="verified"))
    session.flush()
    place_candidate(session, bureau, post.id, person.id, date(2020, 8, 10), 24)
    page = client.get(f"/bureau/subsidies?employer={employer.id}").get_data(as_text=True)
    assert "创业担保贷款贴息条件：符合" in page


def test_ending_a_placement_brings_its_full_post_back_to_the_cached_listing(client, session, app, bureau):
    app.extensions["matcher"].refresh_seconds = 3600  # only this worker's own commit refreshes
    placement = _welfare_placement(session, bureau, date(2020, 3, 2))
    placement.post.slots = 1
    session.flush()
    app.config["AS_OF_DATE"] = date(2020, 8, 20)
    assert "社区消杀防疫员" not in client.get("/posts").get_data(as_text=True)  # full
    client.post(f"/bureau/placements/{placement.id}/end", data={
        "csrf_token": csrf_token(client, "/bureau/expiring"), f"end-{placement.id}-ended_on": "2020-08-31",
        f"end-{placement.id}-reason": "term_over"})
    assert "社区消杀防疫员" in client.get("/posts").get_data(as_text=True)
