"""A tiny JSON client over urllib, for talking to the live server from many threads."""

import json
import urllib.error
import urllib.request


def call(method: str, url: str, body: dict | None = None, token: str | None = None):
    """(status, parsed JSON body) — HTTP errors are answers here, not exceptions."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            return error.code, json.loads(raw)
        except ValueError:
            return error.code, {"raw": raw.decode(errors="replace")}
