"""Every bureau page and action, GET or POST, is closed to everyone but the bureau."""

import re

import pytest

from tests.factories import make_employer, make_user
from tests.web.helpers import csrf_token, login


def _bureau_routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("bureau."):
            path = re.sub(r"<(?:int:)?(\w+)>", lambda m: "1" if "id" in m.group(1) else "hardship",
                          rule.rule)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield method, path


def test_there_are_bureau_routes_to_check(app):
    routes = list(_bureau_routes(app))
    assert len(routes) >= 15
    assert ("GET", "/bureau/dashboard") in routes


@pytest.mark.parametrize("role", ["anonymous", "seeker", "employer"])
def test_no_other_role_reaches_any_bureau_route(app, session, role):
    client = app.test_client()
    if role != "anonymous":
        employer = make_employer(session) if role == "employer" else None
        login(client, make_user(session, role=role, employer=employer).phone)
    token = csrf_token(client, "/login")
    for method, path in _bureau_routes(app):
        response = client.open(path, method=method, data={"csrf_token": token})
        if role == "anonymous":
            assert response.status_code == 302, (method, path)
            assert response.headers["Location"].startswith("/login"), (method, path)
        else:
            assert response.status_code == 403, (role, method, path)
