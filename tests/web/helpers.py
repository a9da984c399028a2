"""Page-test helpers: read the CSRF token a form carries, log in through the real form."""

import re

from tests.factories import PASSWORD

_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client, path: str) -> str:
    page = client.get(path).get_data(as_text=True)
    match = _TOKEN.search(page)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def login(client, phone: str, password: str = PASSWORD):
    token = csrf_token(client, "/login")
    return client.post("/login", data={"phone": phone, "password": password, "csrf_token": token})


def bearer(client, phone: str, password: str = PASSWORD) -> dict:
    response = client.post("/api/v1/auth/token", json={"phone": phone, "password": password})
    assert response.status_code == 200, response.json
    return {"Authorization": f"Bearer {response.json['token']}"}
