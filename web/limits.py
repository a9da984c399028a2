"""Brute-force limits on password checks, counted per (account, address), per address and per
account — without letting a stranger lock the owner out.

Only failures are counted, so a person who logs in every day never runs out:
- per (account, address), growing windows (`5 per 5 minutes; 10 per hour; 20 per day` by
  default): each further run of mistakes from one place waits longer, and only that place;
- per address, across accounts (`20 per 15 minutes`): one machine trying many accounts;
- per account, from everywhere (`30 per hour`): many machines on one account. This one refuses
  only addresses the account has not logged in from in the last KNOWN_ADDRESS_DAYS, so
  strangers exhausting it cannot keep the owner out at their usual address (issue 11 item 9);
- a person who is locked out all the same calls the bureau, which unlocks the account
  (`LoginLimits.unlock`, audited by the bureau's view): its account and pair counters restart.

Counters live in the Flask-Limiter storage (Redis when `REDIS_URL` is set); an in-memory
counter would be private to one gunicorn worker, so several workers without Redis refuse to
start (`require_shared_storage`, called from gunicorn.conf.py). `Counters` is the one door to
that storage, for the login limits here and the probing limits of web/probes.py.
"""

import math
import time
from dataclasses import dataclass
from datetime import timedelta
from functools import wraps

from flask import Flask, current_app, g, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import RateLimitItem, parse_many
from werkzeug.exceptions import TooManyRequests

from policy.errors import Unauthenticated
from policy.identifiers import InvalidIdentifier, validate_mobile
from settings import ConfigError
from web import seclog

KNOWN_ADDRESS_DAYS = 30

# Seconds a Redis connect or command may take: a Redis that hangs (rather than refusing the
# connection) must not hold a login until gunicorn kills the worker (30 s).
REDIS_TIMEOUT_SECONDS = 2


def init_app(app: Flask) -> None:
    # A moving window: a fixed one would allow a burst of twice the budget across its edge.
    limiter = Limiter(key_func=get_remote_address, key_prefix="jobbridge",
                      strategy="moving-window",
                      storage_options=storage_options(app.config["RATELIMIT_STORAGE_URI"]))
    limiter.init_app(app)
    counters = Counters(limiter)
    app.extensions["limit_counters"] = counters
    app.extensions["login_limits"] = LoginLimits(
        counters=counters,
        per_pair=parse_many(app.config["LOGIN_LIMIT_PER_ACCOUNT_ADDRESS"]),
        per_ip=parse_many(app.config["LOGIN_LIMIT_PER_IP"]),
        per_account=parse_many(app.config["LOGIN_LIMIT_PER_ACCOUNT"]),
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
    return app.extensions["limit_counters"].limiter.storage.check()


def require_shared_storage(app: Flask, workers: int) -> None:
    """Several processes must share one counter, or each grants the whole budget again."""
    if workers > 1 and app.config["RATELIMIT_STORAGE_URI"].startswith("memory://"):
        raise ConfigError(
            f"{workers} 个 gunicorn 进程不能共用内存中的登录失败计数：请设置 REDIS_URL"
            "（例如 redis://127.0.0.1:6379/0），或只用 1 个进程（JOBBRIDGE_WORKERS=1）"
        )


@dataclass(frozen=True)
class Counters:
    """Moving-window budgets and plain counters in the shared storage."""

    limiter: Limiter

    def wait(self, items: list[RateLimitItem], *key: str) -> int:
        """Seconds until every window of `items` allows one more under `key`; 0 = at once."""
        strategy, now = self.limiter.limiter, time.time()
        waits = [strategy.get_window_stats(item, *key).reset_time - now
                 for item in items if not strategy.test(item, *key)]
        return max((max(1, math.ceil(w)) for w in waits), default=0)

    def hit(self, items: list[RateLimitItem], *key: str) -> bool:
        """Count one under `key` in every window; False when one of them was already full."""
        return all([self.limiter.limiter.hit(item, *key) for item in items])

    def get(self, name: str) -> int:
        return self.limiter.storage.get(f"jobbridge/{name}")

    def incr(self, name: str, expiry: timedelta) -> int:
        return self.limiter.storage.incr(f"jobbridge/{name}", int(expiry.total_seconds()))

    def renew(self, name: str, expiry: timedelta) -> None:
        """Set a mark that lasts `expiry` from now: the storage's incr sets an expiry only when
        it creates the key, so a mark renewed by incr alone would lapse from its first day."""
        self.limiter.storage.clear(f"jobbridge/{name}")
        self.incr(name, expiry)

    def refuse(self, wait: int, event: str, **detail) -> None:
        """429 with Retry-After, written down as a security event first."""
        seclog.event(event, retry_after=wait, **detail)
        raise TooManyRequests(retry_after=wait)


@dataclass(frozen=True)
class LoginLimits:
    counters: Counters
    per_pair: list[RateLimitItem]
    per_ip: list[RateLimitItem]
    per_account: list[RateLimitItem]

    def _current(self, account: str) -> str:
        """The account under its unlock number: an unlock starts fresh counters."""
        return f"{account}#{self.counters.get(f'login-epoch/{account}')}"

    def _known(self, account: str, address: str) -> bool:
        return self.counters.get(f"login-known/{account}/{address}") > 0

    def refuse_when_exhausted(self, account: str) -> None:
        """429 with Retry-After before the password is even checked."""
        address, current = get_remote_address(), self._current(account)
        waits = [self.counters.wait(self.per_ip, "login-ip", address),
                 self.counters.wait(self.per_pair, "login-pair", current, address)]
        if not self._known(account, address):
            waits.append(self.counters.wait(self.per_account, "login-account", current))
        if max(waits):
            self.counters.refuse(max(waits), "login_throttled", account=_logged(account))

    def count_failure(self, account: str) -> None:
        address, current = get_remote_address(), self._current(account)
        self.counters.hit(self.per_ip, "login-ip", address)
        self.counters.hit(self.per_pair, "login-pair", current, address)
        self.counters.hit(self.per_account, "login-account", current)
        seclog.event("login_failed", account=_logged(account))

    def count_success(self, account: str) -> None:
        """This address is now one the owner uses: the per-account budget no longer binds it."""
        self.counters.renew(f"login-known/{account}/{get_remote_address()}",
                            timedelta(days=KNOWN_ADDRESS_DAYS))

    def unlock(self, account: str) -> None:
        """The bureau's unlock: every per-account and per-pair counter of the account restarts
        (the per-address ones stay: they belong to the machines, not to the account)."""
        longest = max(item.get_expiry() for item in (*self.per_pair, *self.per_account))
        self.counters.incr(f"login-epoch/{account}", timedelta(seconds=longest, days=1))


def unlock(phone: str) -> None:
    """After the bureau's audited decision (services.accounts.unlock_login)."""
    current_app.extensions["login_limits"].unlock(account_key(phone))
    seclog.event("login_unlocked", account=_logged(account_key(phone)))


def account_key(phone: str | None) -> str:
    """The normalised phone, so `138 0000 0000` and `13800000000` share one budget; text that
    is no phone number still gets its own, so an unknown phone is answered like a known one."""
    try:
        return validate_mobile(phone or "")
    except InvalidIdentifier:
        return (phone or "").strip()[:32]


def _logged(account: str) -> str | None:
    """A phone number, which the security log masks; anything else typed into the phone box
    may be the password typed in the wrong box, so it is not written at all."""
    try:
        return validate_mobile(account)
    except InvalidIdentifier:
        return None


def note_failed_login() -> None:
    """Pages re-render the form after a wrong password, so they report the failure here."""
    g.login_failed = True


def note_login_succeeded() -> None:
    """A view that let the person in after checking the password says so here."""
    g.login_succeeded = True


def login_limited(phone_of):
    """Guard a view that checks a password; `phone_of()` names the account being tried.

    The view reports a failure by raising Unauthenticated (API) or calling
    note_failed_login() (pages), and a login by note_login_succeeded(); anything else costs
    nothing.
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
            elif g.pop("login_succeeded", False):
                limits.count_success(account)
            return response

        return wrapped

    return decorator
