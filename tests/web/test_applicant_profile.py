"""The applicant's profile for the employer of the post applied to — and for nobody else —
and the seeker's own profile through the API."""

from datetime import date

import pytest
from sqlalchemy import select

from models import AuditEntry, Candidate, GroupClaim
from policy.identifiers import mask_id_number
from tests.factories import make_employer, make_post, make_user
from tests.web.helpers import bearer, login


@pytest.fixture
def applied(client, session, instant_index, seeker, employer_user):
    """The seeker (a declared graduate, a verified veteran and 低保) applied to the employer's post."""
    candidate = session.scalar(select(Candidate).where(Candidate.user_id == seeker.id))
    candidate.experience, candidate.townships = "两年出纳", ["吴航街道"]
    candidate.group_claims.extend([GroupClaim(group="fresh_graduate", status="declared"),
                                   GroupClaim(group="veteran", status="verified"),
                                   GroupClaim(group="low_income", status="verified")])
    post = make_post(session, employer_user.employer)
    session.commit()
    response = client.post(f"/api/v1/posts/{post.id}/applications", headers=bearer(client, seeker.phone))
    assert response.status_code == 201
    return post, response.json["id"], candidate


def test_the_employer_of_the_post_reads_each_applicant_s_profile(client, session, applied, employer_user):
    post, application_id, candidate = applied
    answer = client.get(f"/api/v1/posts/{post.id}/applications",
                        headers=bearer(client, employer_user.phone)).json
    [entry] = answer
    assert (entry["id"], entry["candidate_id"], entry["stage"]) == (application_id, candidate.id, "applied")
    profile = entry["profile"]
    assert (profile["name"], profile["phone"], profile["masked"]) == ("林晓燕", candidate.phone, False)
    assert profile["id_number"] == mask_id_number(candidate.id_number)
    assert (profile["education"], profile["school"], profile["major"]) == ("bachelor", "闽江学院", "会计学")
    assert (profile["skills"], profile["experience"], profile["desired"]) == (
        "Excel 用友财务软件", "两年出纳", "会计 出纳")
    assert profile["townships"] == ["吴航街道"]
    assert {(g["group"], g["label"], g["verified"]) for g in profile["groups"]} == {
        ("fresh_graduate", "应届高校毕业生（待核验）", False), ("veteran", "退役军人", True)}
    assert "低保" not in str(answer)
    viewed = session.scalars(select(AuditEntry).where(AuditEntry.action == "view_contact",
                                                      AuditEntry.actor_id == employer_user.id)).all()
    assert [e.entity_id for e in viewed] == [candidate.id]


def test_the_applicant_page_shows_the_profile_with_unverified_groups_marked(client, applied, employer_user):
    _, application_id, candidate = applied
    login(client, employer_user.phone)
    page = client.get(f"/employer/applications/{application_id}").get_data(as_text=True)
    assert "两年出纳" in page and candidate.phone in page and "应届高校毕业生（待核验）" in page
    assert "低保" not in page and candidate.id_number not in page


def test_nobody_else_reads_an_applicant_s_profile(client, session, applied):
    post, application_id, _ = applied
    other_employer = make_user(session, role="employer", employer=make_employer(session))
    other_seeker, bureau = make_user(session), make_user(session, role="bureau")
    session.commit()
    route = f"/api/v1/posts/{post.id}/applications"
    assert client.get(route).status_code == 401
    assert client.get(route, headers=bearer(client, other_seeker.phone)).status_code == 403
    assert client.get(route, headers=bearer(client, bureau.phone)).status_code == 403
    refused = client.get(route, headers=bearer(client, other_employer.phone))
    assert (refused.status_code, refused.json["error"]["code"]) == (404, "post_not_found")

    page = f"/employer/applications/{application_id}"
    assert "/login" in client.get(page).headers["Location"]
    login(client, other_employer.phone)
    assert client.get(page).status_code == 404
    client.post("/logout")
    login(client, other_seeker.phone)
    assert client.get(page).status_code == 403


def test_a_seeker_reads_and_replaces_their_profile(client, session, seeker):
    auth = bearer(client, seeker.phone)
    assert client.get("/api/v1/me/profile", headers=auth).json["desired"] == "会计 出纳"
    body = {"education": "associate", "school": "福州职业技术学院", "major": "电子商务",
            "graduation_date": "2019-07-01", "skills": "直播运营", "experience": "一年网店客服",
            "desired": "电商运营", "townships": ["金峰镇", "潭头镇"], "desired_salary": 4500,
            "work_type": "part_time", "open_to_offers": True}
    response = client.put("/api/v1/me/profile", json=body, headers=auth)
    assert response.status_code == 200
    assert client.get("/api/v1/me/profile", headers=auth).json == {"name": "林晓燕", **body}
    candidate = session.scalar(select(Candidate).where(Candidate.user_id == seeker.id))
    assert (candidate.graduation_date, candidate.open_to_offers) == (date(2019, 7, 1), True)
    assert (candidate.desired_salary, candidate.work_type) == (4500, "part_time")


@pytest.mark.parametrize(("change", "field"), [
    ({"townships": ["北京"]}, "townships.0"), ({"education": "phd"}, "education"),
    ({"open_to_offers": "yes"}, "open_to_offers"), ({"graduation_date": 2019}, "graduation_date"),
    ({"desired_salary": 0}, "desired_salary"), ({"work_type": "flexible"}, "work_type"),
])
def test_a_bad_profile_is_refused_and_nothing_changes(client, session, seeker, change, field):
    auth = bearer(client, seeker.phone)
    response = client.put("/api/v1/me/profile", json={"education": "bachelor", **change}, headers=auth)
    assert response.status_code == 422 and field in response.json["error"]["fields"]
    assert client.get("/api/v1/me/profile", headers=auth).json["desired"] == "会计 出纳"


def test_only_a_seeker_has_a_profile_here(client, session, employer_user):
    assert client.get("/api/v1/me/profile").status_code == 401
    assert client.put("/api/v1/me/profile", json={"education": "bachelor"}).status_code == 401
    auth = bearer(client, employer_user.phone)
    assert client.get("/api/v1/me/profile", headers=auth).status_code == 403


def test_the_ranked_applicants_mark_unverified_groups(client, applied, employer_user):
    post, _, _ = applied
    login(client, employer_user.phone)
    page = client.get(f"/employer/posts/{post.id}").get_data(as_text=True)
    assert "应届高校毕业生<span class=\"pending\">（待核验）</span>" in page
    assert "退役军人<span" not in page and "低保" not in page
