"""Trainees on the bureau's pages: the expiry worklist ends a traineeship recording 留用 or not,
and the dashboard shows retention per programme and employer."""

from datetime import date

from services.placements import place_candidate
from tests.factories import make_candidate, make_employer, make_post, make_program, make_user
from tests.web.helpers import bearer, csrf_token, login


def test_a_traineeship_due_is_ended_retained_and_the_dashboard_reports_retention(client, session, app):
    bureau = make_user(session, role="bureau")
    login(client, bureau.phone)
    program = make_program(session, kind="trainee", name="2020年就业见习", target=50)
    post = make_post(session, make_employer(session, name="长乐见习基地"), kind="trainee",
                     program_id=program.id, education_min="associate", title="会计见习生")
    person = make_candidate(session, name="陈思远")
    placement = place_candidate(session, bureau, post.id, person.id, date(2020, 9, 1), term_months=3)
    app.config["AS_OF_DATE"] = date(2020, 11, 20)
    page = client.get("/bureau/expiring").get_data(as_text=True)
    assert "陈思远" in page and "即将期满" in page and "登记是否留用" in page
    assert f"extend-{placement.id}" not in page.split("陈思远", 1)[1]  # no extension for a trainee
    response = client.post(f"/bureau/placements/{placement.id}/end", data={
        f"end-{placement.id}-ended_on": "2020-11-30", f"end-{placement.id}-reason": "retained",
        "csrf_token": csrf_token(client, "/bureau/expiring")})
    assert response.status_code == 302
    session.refresh(placement)
    assert (placement.ended_on, placement.retained) == (date(2020, 11, 30), True)
    dashboard = client.get("/bureau/dashboard").get_data(as_text=True)
    section = dashboard.split("就业见习留用情况", 1)[1]
    assert "<td>长乐见习基地</td><td>1</td><td>1</td><td>1</td><td>0</td><td>100.0%</td>" in section
    assert "<td>2020年就业见习</td><td>1</td><td>1</td><td>1</td><td>0</td>" in section


def test_the_api_sets_a_trainee_term_and_refuses_one_outside_three_to_twelve_months(client, session):
    headers = bearer(client, make_user(session, role="bureau").phone)
    program = make_program(session, kind="trainee", name="2020年就业见习", target=50)
    post = make_post(session, make_employer(session), kind="trainee", program_id=program.id,
                     education_min="associate")
    body = {"post_id": post.id, "candidate_id": make_candidate(session).id, "start_date": "2020-09-01"}
    refused = client.post("/api/v1/placements", json={**body, "term_months": 13}, headers=headers)
    assert refused.status_code == 422 and refused.json["error"]["code"] == "trainee_term_invalid"
    placed = client.post("/api/v1/placements", json={**body, "term_months": 3}, headers=headers)
    assert placed.status_code == 201 and placed.json["term_end"] == "2020-11-30"
