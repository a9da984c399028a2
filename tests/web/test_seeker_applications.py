"""Applying through the API and the pages: 201 once, 409 already_applied again, withdraw, history."""

import pytest
from sqlalchemy import func, select

from models import Application
from tests.factories import make_post
from tests.web.helpers import bearer, csrf_token, login

pytestmark = pytest.mark.usefixtures("instant_index")


def test_a_seeker_applies_by_api_once_and_again_gets_409(client, session, seeker, employer_user):
    post = make_post(session, employer_user.employer)
    headers = bearer(client, seeker.phone)
    first = client.post(f"/api/v1/posts/{post.id}/applications", headers=headers)
    assert first.status_code == 201
    assert first.json["status"] == "applied"
    assert [h["status"] for h in first.json["history"]] == ["applied"]
    again = client.post(f"/api/v1/posts/{post.id}/applications", headers=headers)
    assert again.status_code == 409
    assert again.json["error"]["code"] == "already_applied"
    assert again.json["error"]["message"]
    assert session.scalar(select(func.count(Application.id))) == 1


def test_only_seekers_apply_and_an_unknown_post_is_404(client, session, seeker, employer_user):
    post = make_post(session, employer_user.employer)
    employer_headers = bearer(client, employer_user.phone)
    assert client.post(f"/api/v1/posts/{post.id}/applications", headers=employer_headers).status_code == 403
    assert client.post(f"/api/v1/posts/{post.id}/applications").status_code == 401
    response = client.post("/api/v1/posts/999999/applications", headers=bearer(client, seeker.phone))
    assert response.status_code == 404 and response.json["error"]["code"] == "post_not_found"


def test_a_seeker_withdraws_and_sees_the_history_by_api(client, session, seeker, employer_user):
    post = make_post(session, employer_user.employer)
    headers = bearer(client, seeker.phone)
    application_id = client.post(f"/api/v1/posts/{post.id}/applications", headers=headers).json["id"]
    response = client.post(f"/api/v1/applications/{application_id}/withdraw", headers=headers)
    assert response.status_code == 200 and response.json["status"] == "withdrawn"
    mine = client.get("/api/v1/me/applications", headers=headers).json
    assert [h["status"] for h in mine[0]["history"]] == ["applied", "withdrawn"]


def test_a_seeker_applies_on_the_post_page_and_sees_it_in_my_applications(client, session, seeker,
                                                                          employer_user):
    post = make_post(session, employer_user.employer, title="财务出纳")
    login(client, seeker.phone)
    token = csrf_token(client, f"/posts/{post.id}")
    response = client.post(f"/seeker/posts/{post.id}/apply", data={"csrf_token": token})
    assert response.status_code == 302
    again = client.post(f"/seeker/posts/{post.id}/apply", data={"csrf_token": token}, follow_redirects=True)
    assert "您已申请过该岗位" in again.get_data(as_text=True)
    page = client.get("/seeker/applications").get_data(as_text=True)
    assert "财务出纳" in page and "已申请" in page


def test_the_apply_form_needs_its_csrf_token(client, session, seeker, employer_user):
    post = make_post(session, employer_user.employer)
    login(client, seeker.phone)
    assert client.post(f"/seeker/posts/{post.id}/apply").status_code == 400
    assert session.scalar(select(func.count(Application.id))) == 0


def test_the_post_page_explains_why_a_seeker_may_not_apply(client, session, seeker, employer_user):
    post = make_post(session, employer_user.employer, education_min="master", title="研发工程师")
    login(client, seeker.phone)
    page = client.get(f"/posts/{post.id}").get_data(as_text=True)
    assert "学历不足" in page
    assert "disabled" in page
