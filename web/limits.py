"""Brute-force limits on password checks: failed attempts per account and per client address.

Only failures are counted, so a person who logs in every day never runs out. Counters live
in the Flask-Limiter storage (Redis when `REDIS_URL` is set); an in-memory counter would be
private to one gunicorn worker, so several workers without Redis refuse to start
(`require_shared_storage`, called from gunicorn.conf.py).
"""

import math
import time
from dataclasses import dataclass
from functools import wraps

from flask import Flask, current_app, g, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import RateLimitItem, parse
from werkzeug.exceptions import TooManyRequests

from policy.errors import Unauthenticated
from policy.identifiers import InvalidIdentifier, validate_mobile
from web.config import ConfigError

# Seconds a Redis connect or command may take: a Redis that hangs (rather than refusing the
# connection) must not hold a login until gunicorn kills the worker (30 s).
REDIS_TIMEOUT_SECONDS = 2


def init_app(app: Flask) -> None:
    # A moving window: a fixed one would allow a burst of twice the budget across its edge.
    limiter = Limiter(key_func=get_remote_address, key_prefix="jobbridge",
                      strategy="moving-window",
                      storage_options=storage_options(app.config["RATELIMIT_STORAGE_URI"]))
    limiter.init_app(app)
    app.extensions["login_limits"] = LoginLimits(
        limiter=limiter,
        per_account=parse(app.config["LOGIN_LIMIT_PER_ACCOUNT"]),
        per_ip=parse(app.config["LOGIN_LIMIT_PER_IP"]),
    )


def storage_options(uri: str) -> dict:
    """Storage failures arrive as limits' StorageError, whatever the backend, so web/errors.py
    answers them as an outage (503) rather than a traceback; Redis gets short timeouts."""
    options: dict = {"wrap_exceptions": True}
    if uri.startswith(("redis", "valkey")):
        options.update(socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
                       socket_timeout=REDIS_TIMEOUT_SECONDS)
    return options


def storage_ready(app: Flask) -> bool | None:
    """Whether the shared counters' storage answers; None when they live in this process."""
    if app.config["RATELIMIT_STORAGE_URI"].startswith("memory://"):
        return None
    return app.extensions["login_limits"].limiter.storage.check()


def require_shared_storage(app: Flask, workers: int) -> None:
    """Several processes must share one counter, or each grants the whole budget again."""
    if workers > 1 and app.config["RATELIMIT_STORAGE_URI"].startswith("memory://"):
        raise ConfigError(
            f"{workers} 个 gunicorn 进程不能共用内存中的登录失败计数：请设置 REDIS_URL"
            "（例如 redis://127.0.0.1:6379/0），或只用 1 个进程（JOBBRIDGE_WORKERS=1）"
        )


@dataclass(frozen=True)
class LoginLimits:
    limiter: Limiter
    per_account: RateLimitItem
    per_ip: RateLimitItem

    def _counters(self, account: str) -> list[tuple[RateLimitItem, str, str]]:
        return [(self.per_account, "login-account", account),
                (self.per_ip, "login-ip", get_remote_address())]

    def refuse_when_exhausted(self, account: str) -> None:
        """429 with Retry-After before the password is even checked."""
        strategy = self.limiter.limiter
        for item, scope, key in self._counters(account):
            if not strategy.test(item, scope, key):
                reset_at = strategy.get_window_stats(item, scope, key).reset_time
                raise TooManyRequests(retry_after=max(1, math.ceil(reset_at - time.time())))

    def count_failure(self, account: str) -> None:
        for item, scope, key in self._counters(account):
            self.limiter.limiter.hit(item, scope, key)


def account_key(phone: str | None) -> str:
    """The normalised phone, so `138 0000 0000` and `13800000000` share one budget; text that
    is no phone number still gets its own, so an unknown phone is answered like a known one."""
    try:
        return validate_mobile(phone or "")
    except InvalidIdentifier:
        return (phone or "").strip()[:32]


def note_failed_login() -> None:
    """Pages re-render the form after a wrong password, so they report the failure here."""
    g.login_failed = True


def login_limited(phone_of):
    """Guard a view that checks a password; `phone_of()` names the account being tried.

    The view reports a failure by raising Unauthenticated (API) or calling
    note_failed_login() (pages); anything else, a success included, costs nothing.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if request.method != "POST":
                return view(*args, **kwargs)
            limits: LoginLimits = current_app.extensions["login_limits"]
            account = account_key(phone_of())
            limits.refuse_when_exhausted(account)
            try:
                response = view(*args, **kwargs)
            except Unauthenticated:
                limits.count_failure(account)
                raise
            if g.pop("login_failed", False):
                limits.count_failure(account)
            return response

        return wrapped

    return decorator
