"""Who may open what, as a matrix of roles × routes, by page and by API: nobody reaches another
seeker's applications or 代办 consents, another employer's posts and applicants, or (township
staff) another township's person; township staff reach no people or candidates through the
API at all, their work being on the pages (web.security)."""

from datetime import timedelta

import pytest

from models import Application, DelegationConsent
from models.base import utcnow
from tests.factories import make_candidate, make_employer, make_post, make_user
from tests.web.helpers import bearer, csrf_token, login
from tests.web.township_setup import HOME, OTHER, staff

pytestmark = pytest.mark.usefixtures("instant_index")

ROLES = ("anonymous", "owner_seeker", "other_seeker", "owner_employer", "other_employer", "bureau",
         "township", "other_township")

# (method, path, expected status per role, in ROLES order). "township" is staff of the owner
# seeker's township, to whom the owner gave 代办 consent; "other_township" is another's staff.
API = [
    ("GET", "/api/v1/posts/{post}/candidates", (401, 403, 403, 200, 404, 200, 403, 403)),
    ("GET", "/api/v1/me/recommendations", (401, 200, 200, 403, 403, 403, 403, 403)),
    ("GET", "/api/v1/me/applications", (401, 200, 200, 403, 403, 403, 403, 403)),
    ("GET", "/api/v1/me/profile", (401, 200, 200, 403, 403, 403, 403, 403)),
    ("PUT", "/api/v1/me/profile", (401, 422, 422, 403, 403, 403, 403, 403)),
    ("GET", "/api/v1/candidates", (401, 403, 403, 403, 403, 200, 403, 403)),
    ("POST", "/api/v1/placements", (401, 403, 403, 422, 422, 422, 403, 403)),
    ("POST", "/api/v1/posts/{post}/close", (401, 403, 403, 200, 404, 200, 403, 403)),
    ("POST", "/api/v1/applications/{application}/withdraw", (401, 200, 404, 403, 403, 403, 403, 403)),
    ("GET", "/api/v1/me/messages", (401, 200, 200, 200, 200, 200, 200, 200)),  # one's own inbox
]
PAGES = [
    ("GET", "/seeker/applications", (302, 200, 200, 403, 403, 403, 403, 403)),
    ("GET", "/seeker/recommendations", (302, 200, 200, 403, 403, 403, 403, 403)),
    ("GET", "/seeker/profile/basic", (302, 200, 200, 403, 403, 403, 403, 403)),
    ("GET", "/seeker/delegations", (302, 200, 200, 403, 403, 403, 403, 403)),
    ("POST", "/seeker/delegations/{consent}/withdraw", (302, 302, 404, 403, 403, 403, 403, 403)),
    ("GET", "/employer/posts/{post}", (302, 403, 403, 200, 404, 403, 403, 403)),
    ("GET", "/employer/posts/{post}/edit", (302, 403, 403, 200, 404, 403, 403, 403)),
    ("POST", "/employer/posts/{post}/close", (302, 403, 403, 302, 404, 403, 403, 403)),
    ("POST", "/seeker/applications/{application}/withdraw", (302, 302, 404, 403, 403, 403, 403, 403)),
    ("GET", "/township/people/{person}", (302, 403, 403, 403, 403, 403, 200, 404)),
    ("GET", "/township/people/{person}/profile/basic", (302, 403, 403, 403, 403, 403, 200, 404)),
    ("POST", "/township/people/{person}/profile/situation", (302, 403, 403, 403, 403, 403, 302, 404)),
]


@pytest.fixture
def world(session):
    employer = make_employer(session)
    owner_seeker, other_seeker = make_user(session), make_user(session)
    candidate = make_candidate(session, user=owner_seeker, townships=[HOME])
    make_candidate(session, user=other_seeker, townships=[HOME])
    post = make_post(session, employer)
    application = Application(post_id=post.id, candidate_id=candidate.id, status="applied")
    session.add(application)
    township = staff(session)
    consent = DelegationConsent(candidate_id=candidate.id, staff_id=township.id, township=HOME,
                                method="sms", code_hash="burned", confirmed_at=utcnow(),
                                valid_until=utcnow() + timedelta(days=30))
    session.add(consent)
    session.flush()
    users = {
        "owner_seeker": owner_seeker, "other_seeker": other_seeker,
        "owner_employer": make_user(session, role="employer", employer=employer),
        "other_employer": make_user(session, role="employer", employer=make_employer(session)),
        "bureau": make_user(session, role="bureau"),
        "township": township, "other_township": staff(session, OTHER, name="李协理"),
    }
    return {"users": users, "ids": {"post": post.id, "application": application.id,
                                    "consent": consent.id, "person": candidate.id}}


def _cases(table):
    return [(method, path, role, expected[i]) for method, path, expected in table
            for i, role in enumerate(ROLES)]


@pytest.mark.parametrize(("method", "path", "role", "expected"), _cases(API))
def test_api_access_matrix(client, world, method, path, role, expected):
    headers = bearer(client, world["users"][role].phone) if role != "anonymous" else {}
    response = client.open(path.format(**world["ids"]), method=method, headers=headers, json={})
    assert response.status_code == expected
    if expected >= 400:
        assert response.json["error"]["code"]
    if expected == 403 and role.endswith("township"):
        assert response.json["error"]["code"] == "township_pages_only"
        assert "网页" in response.json["error"]["message"]


@pytest.mark.parametrize(("method", "path"), [(method, path) for method, path, _ in API])
def test_a_township_staff_cookie_is_nobody_to_the_api(client, world, method, path):
    """The API reads bearer tokens only (web.security): signed in on the pages, staff are
    anonymous there."""
    login(client, world["users"]["township"].phone)
    response = client.open(path.format(**world["ids"]), method=method, json={})
    assert response.status_code == 401 and response.json["error"]["code"] == "unauthorized"


@pytest.mark.parametrize(("method", "path", "role", "expected"), _cases(PAGES))
def test_page_access_matrix(client, world, method, path, role, expected):
    data = {}
    if role != "anonymous":
        login(client, world["users"][role].phone)
    if method == "POST":
        data["csrf_token"] = csrf_token(client, "/login")
    response = client.open(path.format(**world["ids"]), method=method, data=data)
    assert response.status_code == expected
