"""A correlation id for every request: shown on error pages and in JSON errors, sent back as
`X-Request-ID`, and written in the server's log lines for that request, so a citizen who reads
"错误编号 …" to the help desk leads staff to the exact traceback.

gunicorn's access log prints the response header (gunicorn.conf.py `access_log_format`), and
the error log of an unexpected failure names the id (web/errors.py). A proxy's id is kept only
when a trusted proxy is configured (JOBBRIDGE_PROXY_HOPS), so proxy and app logs share it; it
must look like an id, so nobody can write arbitrary text into the logs through it.
"""

import base64
import re
import secrets

from flask import Flask, Response, current_app, g, has_request_context, request

HEADER = "X-Request-ID"
ID_SHAPE = re.compile(r"[A-Za-z0-9._-]{8,64}")
# A given id holding a run of digits as long as a phone's is not used: it could be a phone or
# a 身份证号, which the access log would mask (web/accesslog.py) while the page showed it
# whole, and staff could not find the line. One nginx id in about eight is replaced so.
DIGIT_RUN = re.compile(r"[0-9]{11,}")


def request_id() -> str:
    """This request's id, fixed on first use (outside a request: an empty string)."""
    if not has_request_context():
        return ""
    rid = g.get("request_id")
    if rid is None:
        given = request.headers.get(HEADER, "") if current_app.config.get("PROXY_HOPS") else ""
        usable = ID_SHAPE.fullmatch(given) and not DIGIT_RUN.search(given)
        rid = given if usable else new_id()
        g.request_id = rid
    return rid


def new_id() -> str:
    """120 random bits in lowercase base32 (a-z, 2-7): without the digits 0, 1, 8 and 9 an id
    never looks like a phone or a 身份证号 to the privacy checks and log masking that search
    answers and logs for them (hex would hold an 11-digit run in about 1 id of 20)."""
    return base64.b32encode(secrets.token_bytes(15)).decode().lower()


def init_app(app: Flask) -> None:
    app.after_request(_stamp)
    app.context_processor(lambda: {"request_id": request_id})


def _stamp(response: Response) -> Response:
    response.headers[HEADER] = request_id()
    return response
