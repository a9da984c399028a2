"""（十五） the 失业登记监测 page and GET /api/v1/monitoring: charts with legends and axes, the
surge flag, the group filter, and only the bureau may look."""

from datetime import UTC, date, datetime

from models import GroupClaim, UnemploymentRegistration
from tests.factories import make_candidate, make_user
from tests.web.helpers import bearer, login
from tests.web.svg import charts

TOWN = "梅花镇"


def _registered(session, day, township=TOWN, ended_on=None):
    person = make_candidate(session, graduation_date=None)
    session.add(UnemploymentRegistration(
        candidate_id=person.id, township=township, unemployed_since=day, registered_on=day,
        status="confirmed", ended_on=ended_on, end_reason="employed" if ended_on else None))
    session.flush()
    return person


def _surging_world(session):
    """梅花镇: 2 new registrations a month from April to June, then 10 in July (the default
    rule: at least 10 and +50 % over the 3 months' mean)."""
    for month in (4, 5, 6):
        _registered(session, date(2020, month, 2))
        _registered(session, date(2020, month, 20), ended_on=date(2020, month, 28))
    for day in range(1, 11):
        _registered(session, date(2020, 7, day))
    hardship = _registered(session, date(2020, 7, 20), township="吴航街道")
    hardship.group_claims.append(GroupClaim(group="hardship", status="verified",
                                            decided_at=datetime(2020, 7, 21, tzinfo=UTC)))
    session.flush()


def test_the_page_flags_a_surging_township_and_draws_charts_with_legends_and_axes(
        client, session, app):
    app.config["AS_OF_DATE"] = date(2020, 8, 15)
    _surging_world(session)
    login(client, make_user(session, role="bureau").phone)
    page = client.get("/bureau/monitoring?month=2020-07").get_data(as_text=True)
    assert "2020-07 梅花镇：新增登记 10 人，前 3 个月月均 2.0 人" in page
    assert "较前 3 个月月均增长不低于 50%，且不少于 10 人" in page and "本区经办规则" in page
    drawn = charts(page)
    flows = drawn["全区每月新增与退出失业登记"]
    assert flows.legend == ["当月新增登记（人）", "当月退出登记（人）"]
    assert "2020-07：新增11人，退出0人" in flows.label
    assert {"7月", "0", "15"} <= set(flows.ticks)  # the months below, people on the left
    stock = drawn["全区月末登记失业人数"]
    assert "2020-07月末：14人" in stock.label and stock.legend == ["月末登记失业人数（人）"]
    assert not flows.outside and not stock.outside


def test_the_group_table_narrows_to_one_township(client, session, app):
    app.config["AS_OF_DATE"] = date(2020, 7, 31)
    _surging_world(session)
    login(client, make_user(session, role="bureau").phone)
    row = "<tr><td>就业困难人员</td>"
    whole = client.get("/bureau/monitoring").get_data(as_text=True)
    assert row + "<td>0</td>" * 11 + "<td>1</td></tr>" in whole
    narrowed = client.get(f"/bureau/monitoring?township={TOWN}").get_data(as_text=True)
    assert row + "<td>0</td>" * 12 + "</tr>" in narrowed
    assert "月末登记失业人员按类别（梅花镇）" in narrowed


def test_a_month_that_is_no_month_shows_the_current_one(client, session, app):
    app.config["AS_OF_DATE"] = date(2020, 8, 15)
    login(client, make_user(session, role="bureau").phone)
    for month in ("2020-13", "x", "2020-07-01", "99999-01"):
        response = client.get(f"/bureau/monitoring?month={month}")
        assert response.status_code == 200
        assert "2020-08 为本月，截至 2020-08-15" in response.get_data(as_text=True)


def test_only_the_bureau_opens_the_page_and_the_api(client, session):
    login(client, make_user(session).phone)
    assert client.get("/bureau/monitoring").status_code == 403
    headers = bearer(client, make_user(session).phone)
    assert client.get("/api/v1/monitoring", headers=headers).status_code == 403
    assert client.get("/api/v1/monitoring").status_code == 401


def test_the_api_answers_the_same_figures_as_json(client, session, app):
    app.config["AS_OF_DATE"] = date(2020, 8, 15)
    _surging_world(session)
    headers = bearer(client, make_user(session, role="bureau").phone)
    body = client.get("/api/v1/monitoring?month=2020-07&months=2", headers=headers).json
    assert body["through"] == "2020-07-31" and body["months"] == ["2020-06", "2020-07"]
    town = next(t for t in body["townships"] if t["township"] == TOWN)
    june, july = town["months"]
    assert (june["new"], june["exits_employed"], june["surge"]) == (2, 1, False)
    assert (july["new"], july["registered"], july["baseline"], july["surge"]) == (10, 13, 2.0, True)
    assert body["groups"]["hardship"] == [0, 1]
    assert body["rule"]["surge_percent"] == 50 and body["rule"]["basis"] == "本区经办规则"
    bad = client.get("/api/v1/monitoring?month=2020-13", headers=headers)
    assert bad.status_code == 422 and bad.json["error"]["code"] == "invalid_query"
    assert "month" in bad.json["error"]["fields"]
