"""/api/v1 authenticates by bearer token only: the browser's session cookie, which a cross-site
form or fetch carries by itself, opens nothing there (issue 11, item 3)."""

import pytest
from sqlalchemy import select

from models import Application, Employer, Post
from tests.factories import make_candidate, make_employer, make_post, make_user
from tests.web.helpers import bearer, login

pytestmark = pytest.mark.usefixtures("instant_index")

# A page on another site, and a sandboxed frame or data: URL (which sends `Origin: null`).
FOREIGN_ORIGINS = ["https://evil.example", "null"]


def _cross_site(origin: str) -> dict:
    return {"Origin": origin, "Referer": f"{origin}/attack.html" if origin != "null" else "",
            "Sec-Fetch-Site": "cross-site"}


@pytest.mark.parametrize("origin", FOREIGN_ORIGINS)
@pytest.mark.parametrize("action", ["close", "reopen"])
def test_a_cross_site_request_with_the_employers_cookie_neither_closes_nor_reopens_a_post(
        client, session, employer_user, origin, action):
    post = make_post(session, employer_user.employer, status="closed" if action == "reopen" else "open")
    before = post.status
    login(client, employer_user.phone)
    response = client.post(f"/api/v1/posts/{post.id}/{action}", headers=_cross_site(origin))
    assert response.status_code == 401
    assert response.json["error"]["code"] == "unauthorized"
    session.expire_all()
    assert session.get(Post, post.id).status == before
    # The same call with the employer's token is what the API is for.
    ok = client.post(f"/api/v1/posts/{post.id}/{action}", headers=bearer(client, employer_user.phone))
    assert ok.status_code == 200


@pytest.mark.parametrize("origin", FOREIGN_ORIGINS)
def test_a_cross_site_request_with_the_bureaus_cookie_verifies_no_employer(client, session, bureau,
                                                                          origin):
    employer = make_employer(session, verified=False)
    login(client, bureau.phone)
    response = client.post(f"/api/v1/employers/{employer.id}/verify", headers=_cross_site(origin))
    assert response.status_code == 401
    session.expire_all()
    assert session.get(Employer, employer.id).verified is False


@pytest.mark.parametrize("origin", FOREIGN_ORIGINS)
def test_a_cross_site_request_with_a_seekers_cookie_neither_applies_nor_withdraws(
        client, session, seeker, employer_user, origin):
    post = make_post(session, employer_user.employer)
    other = make_post(session, employer_user.employer)
    applied = client.post(f"/api/v1/posts/{other.id}/applications", headers=bearer(client, seeker.phone))
    assert applied.status_code == 201
    login(client, seeker.phone)
    apply = client.post(f"/api/v1/posts/{post.id}/applications", headers=_cross_site(origin))
    withdraw = client.post(f"/api/v1/applications/{applied.json['id']}/withdraw",
                           headers=_cross_site(origin))
    assert apply.status_code == withdraw.status_code == 401
    session.expire_all()
    rows = session.scalars(select(Application)).all()
    assert [(a.post_id, a.status) for a in rows] == [(other.id, applied.json["status"])]


@pytest.mark.parametrize("origin", FOREIGN_ORIGINS)
@pytest.mark.parametrize("path", ["/api/v1/me/applications", "/api/v1/me/recommendations"])
def test_a_cross_site_read_with_a_seekers_cookie_gets_no_personal_data(client, session, origin, path):
    user = make_user(session)
    make_candidate(session, user=user, name="郑丽娟")
    login(client, user.phone)
    response = client.get(path, headers=_cross_site(origin))
    assert response.status_code == 401
    assert "郑丽娟" not in response.get_data(as_text=True)


def test_the_cookie_is_ignored_on_the_api_even_from_the_sites_own_origin(client, session, bureau):
    """No page of the site calls the API, so the cookie has no same-origin use to keep there."""
    login(client, bureau.phone)
    response = client.get("/api/v1/candidates", headers={"Origin": "http://localhost"})
    assert response.status_code == 401
    assert client.get("/bureau/").status_code == 200  # the pages keep the login
