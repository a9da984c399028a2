"""When each bearer token was last used, so a bureau token ends after idling like a bureau session.

A token is a signed, stateless string: it can carry when it was issued but not when it was
last used. That record lives in the storage the failed-login counters use
(RATELIMIT_STORAGE_URI): Redis when REDIS_URL is set, shared by every gunicorn worker; this
process's memory otherwise, which is correct because without Redis only one worker may start
(web.limits.require_shared_storage). Records are keyed by a digest of the token, so whoever
reads Redis learns no usable token, and each expires by itself once it is past the idle limit.
"""

import hashlib
import threading
from collections.abc import Callable
from typing import TypeVar

import redis
from flask import Flask
from limits.errors import StorageError

from web.limits import REDIS_TIMEOUT_SECONDS

T = TypeVar("T")

KEY_PREFIX = "jobbridge:token-seen:"


def _key(token: str) -> str:
    return KEY_PREFIX + hashlib.sha256(token.encode()).hexdigest()


class MemoryActivity:
    """One process's record (a single worker, or the tests)."""

    def __init__(self) -> None:
        self._seen: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def touch(self, token: str, now: float, keep_seconds: float) -> None:
        with self._lock:
            if len(self._seen) > 10_000:  # forget what expired before it can pile up
                self._seen = {k: v for k, v in self._seen.items() if v[1] > now}
            self._seen[_key(token)] = (now, now + keep_seconds)

    def last_seen(self, token: str) -> float | None:
        with self._lock:
            record = self._seen.get(_key(token))
        return record[0] if record else None


class RedisActivity:
    """Every worker's record in one Redis; the TTL is only housekeeping, the decision compares
    the stored time, so it uses the app's clock like the session check does."""

    def __init__(self, url: str) -> None:
        # The login counters' short timeouts: a Redis that hangs must not hold the worker.
        self._redis = redis.Redis.from_url(url, socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
                                           socket_timeout=REDIS_TIMEOUT_SECONDS)

    def touch(self, token: str, now: float, keep_seconds: float) -> None:
        self._call(lambda: self._redis.set(_key(token), repr(now), ex=max(1, int(keep_seconds) + 60)))

    def last_seen(self, token: str) -> float | None:
        value = self._call(lambda: self._redis.get(_key(token)))
        return float(value) if value is not None else None

    @staticmethod
    def _call(command: Callable[[], T]) -> T:
        """Redis down is the limiter's StorageError, which web/errors.py answers as an outage
        (503 with Retry-After), as it does for the login counters in the same Redis."""
        try:
            return command()
        except redis.RedisError as error:
            raise StorageError(error) from error


def init_app(app: Flask) -> None:
    uri = app.config["RATELIMIT_STORAGE_URI"]
    app.extensions["token_activity"] = (
        MemoryActivity() if uri.startswith("memory://") else RedisActivity(uri))
