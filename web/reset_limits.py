"""How often 忘记密码 may be used: codes asked for per phone and per address, guesses per phone.

Every request counts, whether or not the phone has an account, so a refusal (429 with
Retry-After) says nothing about who is registered. The counts live in web/limits.py's
storage (Redis across gunicorn workers)."""

from functools import wraps

from flask import current_app, request
from flask_limiter.util import get_remote_address
from limits import parse_many

from policy.identifiers import InvalidIdentifier, validate_mobile


def _phone_key(phone: str) -> str:
    try:
        return validate_mobile(phone)
    except InvalidIdentifier:
        return phone.strip()[:20]


def _limited(view, phone_of, budgets: tuple[tuple[str, str, bool], ...]):
    """`budgets`: (scope, config key, keyed by phone — else by address). Only POSTs count:
    a form's GET is free."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if request.method != "POST":
            return view(*args, **kwargs)
        counters = current_app.extensions["limit_counters"]
        checks = [(parse_many(current_app.config[key]), scope,
                   _phone_key(phone_of()) if by_phone else get_remote_address())
                  for scope, key, by_phone in budgets]
        wait = max(counters.wait(items, scope, who) for items, scope, who in checks)
        if wait:
            counters.refuse(wait, "password_reset_refused", scope=checks[0][1])
        for items, scope, who in checks:
            counters.hit(items, scope, who)
        return view(*args, **kwargs)

    return wrapped


def code_requests_limited(phone_of):
    """Guard a "send me a code" view: `phone_of()` reads the phone from the request."""
    return lambda view: _limited(view, phone_of, (
        ("reset-code-phone", "PASSWORD_RESET_LIMIT_PER_PHONE", True),
        ("reset-code-ip", "PASSWORD_RESET_LIMIT_PER_IP", False)))


def guesses_limited(phone_of):
    """Guard a "here is my code" view."""
    return lambda view: _limited(view, phone_of, (
        ("reset-guess-phone", "PASSWORD_RESET_GUESS_LIMIT", True),
        ("reset-guess-ip", "PASSWORD_RESET_LIMIT_PER_IP", False)))
