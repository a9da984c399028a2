"""The app's matcher: fitted before serving (gunicorn's preloading master builds it once in
`when_ready` and the workers inherit it; see `warm`), then kept current before each request from
the change log. `create_app` never reads the database for it: the `db` commands run against
older schemas than the models describe, and the other CLI commands need no index.

Answers that are the same for every visitor (search results, a post's own page, posts' public
JSON, the visible posts) are kept too, per worker, until the matcher's generation moves: within
half a second of a post's change, at once in the worker that made it. The listing is the
busiest route of the service, and its answer depends only on its parameters, the day and the
posts' public state, all of which reach the index through that log.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from flask import Flask, current_app, request
from sqlalchemy import inspect
from sqlalchemy.exc import SQLAlchemyError

import matcher
from services import posts
from services.matching import MatcherHolder
from web.database import get_db, rollback_quietly, session
from web.serializers import PostJson, post_json

T = TypeVar("T")
# Answers kept per worker: a listing page is ~20 kB and the API's largest (per_page=100) about
# 100 kB, so between 5 and 25 MB at most.
LISTING_CACHE_SIZE = 256
# Posts' public JSON, ~1 kB each: every visible post of a district fits.
POST_CARDS_SIZE = 4096


class GenerationCache:
    """A bounded LRU of values that all expire together when the generation moves on."""

    def __init__(self, capacity: int):
        self.capacity = capacity
        self._values: OrderedDict[Hashable, object] = OrderedDict()
        self._generation: int | None = None
        self._lock = threading.Lock()

    def get(self, generation: int, key: Hashable, compute: Callable[[], T]) -> T:
        """The value of `key`, from `compute()` when not kept."""
        return self.get_many(generation, [key], lambda _missing: {key: compute()})[key]

    def get_many(self, generation: int, keys: Iterable[Hashable],
                 compute: Callable[[list[Hashable]], dict[Hashable, T]]) -> dict[Hashable, T]:
        """The values of `keys`; `compute(missing)` gives those not kept, all at once."""
        keys = list(keys)
        with self._lock:
            if self._generation is not None and generation < self._generation:
                return compute(keys)  # a request that started before the change: answer, keep nothing
            if generation != self._generation:
                self._values.clear()
                self._generation = generation
            found = {}
            for key in keys:
                if key in self._values:
                    self._values.move_to_end(key)
                    found[key] = self._values[key]
        missing = [key for key in keys if key not in found]
        if missing:
            computed = compute(missing)
            found.update(computed)
            with self._lock:
                if generation == self._generation:
                    self._values.update(computed)
                    while len(self._values) > self.capacity:
                        self._values.popitem(last=False)
        return found


def init_app(app: Flask) -> None:
    holder = MatcherHolder(refresh_seconds=app.config.get("MATCHER_REFRESH_SECONDS", 0.5))
    app.extensions["matcher"] = holder
    app.extensions["listing_cache"] = GenerationCache(LISTING_CACHE_SIZE)
    app.extensions["post_cards"] = GenerationCache(POST_CARDS_SIZE)
    app.before_request(_catch_up)


def warm(app: Flask) -> None:
    """Fit the index now unless it is fitted: what a server does before it accepts requests
    (gunicorn.conf.py: the master before forking, or each worker when not preloading), so no
    visitor's request pays the build. A database without the tables yet (not migrated) is left
    to be fitted on first use, as a test's or a CLI command's is."""
    holder: MatcherHolder = app.extensions["matcher"]
    if holder.matcher is not None:
        return
    with app.app_context():
        if inspect(get_db().engine).has_table("matcher_changes"):
            holder.fit(session())


def _catch_up() -> None:
    """Before each request, and never during one: results ranked in a request are read (their
    reasons worded) in the same index."""
    view = current_app.view_functions.get(request.endpoint or "")
    if getattr(view, "skips_catch_up", False):
        return
    current_app.extensions["matcher"].current(session())


def without_catch_up(view: Callable[..., T]) -> Callable[..., T]:
    """Mark a view that must answer whatever the database's state (the readiness probe): the
    catch-up before it would fail first when the database is down, and the view catches
    up itself where it can."""
    view.skips_catch_up = True  # type: ignore[attr-defined]
    return view


def index_ready() -> bool:
    """Whether this worker has an index to rank with, caught up with the change log when the
    database answers; never raises for a database that is down."""
    holder: MatcherHolder = current_app.extensions["matcher"]
    try:
        holder.current(session())
    except SQLAlchemyError:
        rollback_quietly()
    return holder.matcher is not None


def current_matcher() -> matcher.Matcher:
    return _holder().matcher


def _holder() -> MatcherHolder:
    holder: MatcherHolder = current_app.extensions["matcher"]
    if holder.matcher is None:  # outside a request (a CLI command): fit now
        holder.current(session())
    return holder


def visible_posts() -> tuple[posts.ListedPost, ...]:
    """The posts the listing may show, read once per generation."""
    return cached_listing(("visible_posts",), lambda: posts.visible_posts(session()))


def post_cards(post_ids: list[int]) -> dict[int, PostJson]:
    """The public JSON of these posts, kept per generation: the posts recommended to one
    seeker are recommended to many."""
    return current_app.extensions["post_cards"].get_many(
        _generation(), post_ids,
        lambda missing: {i: post_json(p) for i, p in posts.posts_by_id(session(), missing).items()})


def cached_listing(key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` once per key until the index's generation moves on. Only for answers that
    are the same for every visitor: the key holds every parameter and the day."""
    return current_app.extensions["listing_cache"].get(_generation(), key, compute)


def _generation() -> int:
    """The index's generation as this request found it."""
    return _holder().generation
