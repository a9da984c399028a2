"""Limits on learning about other people one answer at a time (issue 11 item 10).

- Registration: `phone_taken`, `id_number_taken` or `credit_code_taken` tells the asker that
  someone is registered. Those answers are counted per address (REGISTER_TAKEN_LIMIT_PER_IP);
  past the limit, registration from that address answers 429 with Retry-After before anything
  is checked. Successful registrations and other mistakes are not counted.
- Row ids: 403 and 404 answers on routes that name a row id (`/employer/posts/<int:post_id>`…)
  are counted per (account, address) (ID_PROBE_LIMIT); past it those routes answer 429 and a
  security event records the walk. Routes without an id keep working, and a person browsing
  their own records never sees 403/404, so never comes near the limit.

The counts share web/limits.py's storage (Redis across gunicorn workers).
"""

from dataclasses import dataclass
from functools import wraps

from flask import Flask, current_app, g, request
from flask_limiter.util import get_remote_address
from limits import RateLimitItem, parse_many
from limits.errors import StorageError

from policy.errors import DomainError
from web import seclog
from web.limits import Counters

TAKEN_CODES = frozenset({"phone_taken", "id_number_taken", "credit_code_taken"})
MISSED_STATUSES = (403, 404)


def init_app(app: Flask) -> None:
    """After web.limits (its counters) and web.security (the user an id walk is counted for)."""
    app.extensions["probe_limits"] = ProbeLimits(
        counters=app.extensions["limit_counters"],
        taken=parse_many(app.config["REGISTER_TAKEN_LIMIT_PER_IP"]),
        ids=parse_many(app.config["ID_PROBE_LIMIT"]),
    )
    app.before_request(_refuse_id_walk)
    app.after_request(_count_id_miss)


@dataclass(frozen=True)
class ProbeLimits:
    counters: Counters
    taken: list[RateLimitItem]
    ids: list[RateLimitItem]

    def count(self, items: list[RateLimitItem], scope: str, *key: str) -> None:
        """One more answer that revealed something; the one that uses up the budget is logged."""
        self.counters.hit(items, scope, *key)
        if self.counters.wait(items, scope, *key):
            seclog.event("probe_limit_reached", scope=scope)

    def refuse_when_exhausted(self, items: list[RateLimitItem], scope: str, *key: str) -> None:
        wait = self.counters.wait(items, scope, *key)
        if wait:
            self.counters.refuse(wait, "probe_refused", scope=scope)


def _limits() -> ProbeLimits:
    return current_app.extensions["probe_limits"]


def note_refused_registration(error: DomainError) -> None:
    """Pages show a refused registration on the form; they report it here (formwork's on_error)."""
    if error.code in TAKEN_CODES:
        g.registration_taken = True


def taken_answers_limited(view):
    """Guard a registration view: a refused address gets 429 before its data is looked at."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if request.method != "POST":
            return view(*args, **kwargs)
        limits, address = _limits(), get_remote_address()
        limits.refuse_when_exhausted(limits.taken, "register-taken", address)
        try:
            response = view(*args, **kwargs)
        except DomainError as error:
            if error.code in TAKEN_CODES:
                limits.count(limits.taken, "register-taken", address)
            raise
        if g.pop("registration_taken", False):
            limits.count(limits.taken, "register-taken", address)
        return response

    return wrapped


def _names_a_row() -> bool:
    return any(isinstance(value, int) for value in (request.view_args or {}).values())


def _walker() -> tuple[str, str]:
    user = g.get("user")
    return (str(user.id) if user is not None else "-", get_remote_address())


def _refuse_id_walk() -> None:
    if _names_a_row():
        limits = _limits()
        try:
            limits.refuse_when_exhausted(limits.ids, "id-probe", *_walker())
        except StorageError as error:
            _unguarded(error)


def _count_id_miss(response):
    if response.status_code in MISSED_STATUSES and _names_a_row():
        limits = _limits()
        try:
            limits.count(limits.ids, "id-probe", *_walker())
        except StorageError as error:
            _unguarded(error)
    return response


def _unguarded(error: StorageError) -> None:
    """Without Redis the pages that name a row (a post's page…) keep serving, unguarded for
    the time being: the id-walk limit protects them, it is not what they are for."""
    seclog.event("probe_limit_unavailable", error=type(error).__name__)
