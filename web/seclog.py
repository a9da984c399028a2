"""Security events: one JSON line each on the `jobbridge.security` logger.

Failed and throttled logins, refused permissions (403), CSRF failures and probing stopped by a
limit are what an operator looks for after an incident (网络安全法 Art. 21: monitor and record
security events, keep the logs at least six months — see the README). A line says what
happened, to which account if known, from where and when; it never carries a password, a
token or a whole phone or 身份证号: every text value is masked before it is written.
"""

import json
import logging
import sys
from datetime import UTC, datetime

from flask import Flask, g, has_request_context, request
from flask_limiter.util import get_remote_address

from policy.identifiers import mask_numbers_in_text

LOGGER_NAME = "jobbridge.security"
logger = logging.getLogger(LOGGER_NAME)


def init_app(app: Flask) -> None:
    """A handler of its own (stderr, where gunicorn's error log goes), so the events are written
    even when nothing configured the root logger; 403s are caught however they were raised."""
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    app.after_request(_log_forbidden)


def _log_forbidden(response):
    if response.status_code == 403:
        event("forbidden", status=403)
    return response


def event(name: str, **fields) -> None:
    """Write one event; `fields` add detail (a masked `account`, a limit's `scope`…)."""
    record = {"event": name, "at": datetime.now(UTC).isoformat(timespec="milliseconds")}
    if has_request_context():
        user = g.get("user")
        record.update({
            "account_id": user.id if user is not None else None,
            "role": user.role if user is not None else None,
            "address": get_remote_address(),
            "method": request.method,
            # The path only: a query string may hold search terms.
            "path": request.path,
        })
    record.update(fields)
    logger.info(json.dumps({key: _masked(value) for key, value in record.items()},
                           ensure_ascii=False))


def _masked(value):
    return mask_numbers_in_text(value) if isinstance(value, str) else value
