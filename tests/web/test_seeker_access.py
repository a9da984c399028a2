"""Who may open what, as a matrix of roles × routes, by page and by API: nobody reaches another
seeker's applications or another employer's posts and applicants."""

import pytest

from models import Application
from tests.factories import make_candidate, make_employer, make_post, make_user
from tests.web.helpers import bearer, csrf_token, login

pytestmark = pytest.mark.usefixtures("instant_index")

ROLES = ("anonymous", "owner_seeker", "other_seeker", "owner_employer", "other_employer", "bureau")

# (method, path, expected status per role, in ROLES order)
API = [
    ("GET", "/api/v1/posts/{post}/candidates", (401, 403, 403, 200, 404, 200)),
    ("GET", "/api/v1/me/recommendations", (401, 200, 200, 403, 403, 403)),
    ("GET", "/api/v1/me/applications", (401, 200, 200, 403, 403, 403)),
    ("GET", "/api/v1/candidates", (401, 403, 403, 403, 403, 200)),
    ("POST", "/api/v1/posts/{post}/close", (401, 403, 403, 200, 404, 200)),
    ("POST", "/api/v1/applications/{application}/withdraw", (401, 200, 404, 403, 403, 403)),
]
PAGES = [
    ("GET", "/seeker/applications", (302, 200, 200, 403, 403, 403)),
    ("GET", "/seeker/recommendations", (302, 200, 200, 403, 403, 403)),
    ("GET", "/seeker/profile/basic", (302, 200, 200, 403, 403, 403)),
    ("GET", "/employer/posts/{post}", (302, 403, 403, 200, 404, 403)),
    ("GET", "/employer/posts/{post}/edit", (302, 403, 403, 200, 404, 403)),
    ("POST", "/employer/posts/{post}/close", (302, 403, 403, 302, 404, 403)),
    ("POST", "/seeker/applications/{application}/withdraw", (302, 302, 404, 403, 403, 403)),
]


@pytest.fixture
def world(session):
    employer = make_employer(session)
    owner_seeker, other_seeker = make_user(session), make_user(session)
    candidate = make_candidate(session, user=owner_seeker)
    make_candidate(session, user=other_seeker)
    post = make_post(session, employer)
    application = Application(post_id=post.id, candidate_id=candidate.id, status="applied")
    session.add(application)
    session.flush()
    users = {
        "owner_seeker": owner_seeker, "other_seeker": other_seeker,
        "owner_employer": make_user(session, role="employer", employer=employer),
        "other_employer": make_user(session, role="employer", employer=make_employer(session)),
        "bureau": make_user(session, role="bureau"),
    }
    return {"users": users, "ids": {"post": post.id, "application": application.id}}


def _cases(table):
    return [(method, path, role, expected[i]) for method, path, expected in table
            for i, role in enumerate(ROLES)]


@pytest.mark.parametrize(("method", "path", "role", "expected"), _cases(API))
def test_api_access_matrix(client, world, method, path, role, expected):
    headers = bearer(client, world["users"][role].phone) if role != "anonymous" else {}
    response = client.open(path.format(**world["ids"]), method=method, headers=headers)
    assert response.status_code == expected
    if expected >= 400:
        assert response.json["error"]["code"]


@pytest.mark.parametrize(("method", "path", "role", "expected"), _cases(PAGES))
def test_page_access_matrix(client, world, method, path, role, expected):
    data = {}
    if role != "anonymous":
        login(client, world["users"][role].phone)
    if method == "POST":
        data["csrf_token"] = csrf_token(client, "/login")
    response = client.open(path.format(**world["ids"]), method=method, data=data)
    assert response.status_code == expected
