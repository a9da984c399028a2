"""Role checks on every view, and the rule that unverified employers' posts stay private."""

import pytest

from tests.factories import make_employer, make_post, make_user
from tests.web.helpers import bearer, csrf_token, login

PAGES_BY_ROLE = {"seeker": "/seeker/", "employer": "/employer/", "bureau": "/bureau/"}


@pytest.mark.parametrize("page", sorted(PAGES_BY_ROLE.values()))
def test_anonymous_visitors_are_sent_to_login(client, page):
    response = client.get(page)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("role", sorted(PAGES_BY_ROLE))
def test_each_role_opens_only_its_own_pages(client, session, role):
    employer = make_employer(session) if role == "employer" else None
    user = make_user(session, role=role, employer=employer)
    login(client, user.phone)
    for owner, page in PAGES_BY_ROLE.items():
        expected = 200 if owner == role else 403
        assert client.get(page).status_code == expected, (role, page)


def test_a_seeker_cannot_verify_an_employer(client, session):
    seeker = make_user(session)
    employer = make_employer(session, verified=False)
    headers = bearer(client, seeker.phone)
    response = client.post(f"/api/v1/employers/{employer.id}/verify", headers=headers)
    assert response.status_code == 403
    assert response.json["error"]["code"] == "forbidden"
    session.refresh(employer)
    assert not employer.verified


def test_an_unverified_employers_post_is_not_public_until_the_bureau_verifies_it(client, session):
    employer = make_employer(session, verified=False)
    post = make_post(session, employer, title="亚马逊运营专员")
    assert client.get(f"/api/v1/posts/{post.id}").status_code == 404
    assert client.get(f"/posts/{post.id}").status_code == 404
    assert "亚马逊运营专员" not in client.get("/posts").get_data(as_text=True)
    assert all(p["id"] != post.id for p in client.get("/api/v1/posts").json["items"])

    bureau = make_user(session, role="bureau")
    response = client.post(f"/api/v1/employers/{employer.id}/verify",
                           headers=bearer(client, bureau.phone))
    assert response.status_code == 200 and response.json["verified"] is True
    assert client.get(f"/api/v1/posts/{post.id}").json["title"] == "亚马逊运营专员"
    assert "亚马逊运营专员" in client.get("/posts").get_data(as_text=True)


def test_the_bureau_verifies_an_employer_from_its_queue(client, session):
    employer = make_employer(session, verified=False, name="长乐区漳港街道仙岐社区居民委员会")
    bureau = make_user(session, role="bureau")
    login(client, bureau.phone)
    page = client.get("/bureau/").get_data(as_text=True)
    assert employer.name in page and f"/bureau/employers/{employer.id}" in page
    token = csrf_token(client, f"/bureau/employers/{employer.id}")
    response = client.post(f"/bureau/employers/{employer.id}/review",
                           data={"csrf_token": token, "decision": "verify", "confirmed": "y"})
    assert response.status_code == 302
    session.refresh(employer)
    assert employer.verified
    assert employer.name not in client.get("/bureau/").get_data(as_text=True).split("待审核单位")[1]


def test_a_disabled_account_loses_its_session(client, session):
    user = make_user(session)
    login(client, user.phone)
    assert client.get("/seeker/").status_code == 200
    user.active = False
    session.flush()
    assert client.get("/seeker/").status_code == 302
