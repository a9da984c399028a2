"""The app's side of services/index_sync.py: one `IndexSync` per process, made ready before
serving by gunicorn's hooks (`warm`, `refresh_base`), and one `Snapshot` per request, taken
before the request starts: everything a request reads (rankings, their reasons, the cached
answers below) comes from that one generation. `create_app` never reads the database for it:
the `db` commands run against older schemas than the models describe.

Answers that are the same for every visitor (search results, a post's own page, posts' public
JSON, the visible posts) are kept too, per worker, until the matcher's generation moves: within
half a second of a post's change, at once in the worker that made it. The listing is the
busiest route of the service, and its answer depends only on its parameters, the day and the
posts' public state, all of which reach the index through that log.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import TypeVar

from flask import Flask, Response, current_app, g, request
from flask import session as visitor
from sqlalchemy import func, inspect, select
from sqlalchemy.exc import SQLAlchemyError

import matcher
from matcher.parallel import PARALLEL_FROM
from models import Candidate
from services import post_search
from services.index_sync import IndexSync, Snapshot
from web.clock import today
from web.database import get_db, rollback_quietly, session
from web.security import API_PREFIX
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
    base_dir = app.config.get("MATCHER_INDEX_DIR") or Path(app.instance_path) / "index"
    app.extensions["matcher"] = IndexSync(
        refresh_seconds=app.config.get("MATCHER_REFRESH_SECONDS", 0.5), base_dir=Path(base_dir))
    app.extensions["listing_cache"] = GenerationCache(LISTING_CACHE_SIZE)
    app.extensions["post_cards"] = GenerationCache(POST_CARDS_SIZE)
    app.before_request(_take_snapshot)
    app.after_request(_remember_change)


def warm(app: Flask) -> str | None:
    """Make the index ready now (gunicorn.conf.py: the master before forking, each worker
    before it accepts a request): load the base or fit, then replay the log since; a fit with
    no base on disk is saved as the base. A database without the tables yet (not migrated) is
    left to be fitted on first use, as a test's or a CLI command's is. Returns what was done."""
    holder: IndexSync = app.extensions["matcher"]
    with app.app_context():
        if not inspect(get_db().engine).has_table("matcher_changes"):
            return None
        how = holder.warm(session())
        if how.startswith("fitted"):
            try:
                holder.save_base(session(), refit=False)
                session().commit()
            except OSError as error:  # serving goes on; the refit job will try again
                app.logger.warning("matcher index base not saved: %s", error)
                session().rollback()
        return how


def needs_fit_apart(app: Flask) -> bool:
    """Whether the gunicorn master should have its index fitted by a child process (`flask
    refit-index`, gunicorn.conf.py) and then load the saved base: no base is on disk yet and
    the registry is a district's (`matcher.parallel.PARALLEL_FROM` people or more). A fit in the
    master leaves its temporary memory (over 400 MB at 100,000 people) freed but kept by the
    allocator; every worker inherits those pages and copies them one by one as it allocates
    there, so its PSS grew by 100 MB while serving with no growth of RSS. A child's dies with it."""
    holder: IndexSync = app.extensions["matcher"]
    if holder.matcher is not None or holder.has_base():
        return False
    with app.app_context():
        if not inspect(get_db().engine).has_table("candidates"):
            return False
        people = session().scalar(select(func.count()).select_from(Candidate)) or 0
        session().rollback()
    return people >= PARALLEL_FROM


def refit(app: Flask) -> str:
    """Fit afresh from the database and save it as the base (`flask refit-index`)."""
    holder: IndexSync = app.extensions["matcher"]
    with app.app_context():
        directory = holder.save_base(session(), refit=True)
        session().commit()
    return str(directory)


CHANGED_AT = "index_changed_at"
"""Cookie-session key: when this visitor's last change to the index was committed."""


def _take_snapshot() -> None:
    """Before each request, and never during one: the request reads this generation. A view
    marked `without_catch_up` (the readiness probe) takes none: it must answer even when the
    database is down, and catches up itself where it can.

    Another worker checks the log only every MATCHER_REFRESH_SECONDS: a page visitor who just
    changed something (their towns, a post) is served by any worker next, so one that has
    not checked since the change catches up first (`_remember_change`). The API keeps to its
    tokens and never reads the cookie (web.security): its clients see a change on the
    worker that made it at once, on the others within the refresh."""
    view = current_app.view_functions.get(request.endpoint or "")
    if getattr(view, "skips_catch_up", False):
        return
    holder: IndexSync = current_app.extensions["matcher"]
    changed_at = None if request.path.startswith(API_PREFIX) else visitor.get(CHANGED_AT)
    if isinstance(changed_at, float):
        holder.catch_up_after(changed_at)
    g.index_snapshot = holder.current(session)  # opened only if due


def _remember_change(response: Response) -> Response:
    """A page request whose commit changed the index leaves when in the visitor's cookie."""
    changed_at = g.get("index_changed_at")
    if changed_at is not None and not request.path.startswith(API_PREFIX):
        visitor[CHANGED_AT] = changed_at
    return response


def snapshot() -> Snapshot:
    """This request's (or app context's) snapshot of the index."""
    if "index_snapshot" not in g:  # outside a request (a CLI command)
        g.index_snapshot = current_app.extensions["matcher"].current(session)
    return g.index_snapshot


def without_catch_up(view: Callable[..., T]) -> Callable[..., T]:
    """Mark a view that must answer whatever the database's state (the readiness probe): the
    catch-up before it would fail first when the database is down, and the view catches
    up itself where it can."""
    view.skips_catch_up = True  # type: ignore[attr-defined]
    return view


def index_ready() -> bool:
    """Whether this worker has an index to rank with, caught up with the change log when the
    database answers; never raises for a database that is down."""
    holder: IndexSync = current_app.extensions["matcher"]
    try:
        holder.current(session)
    except SQLAlchemyError:
        rollback_quietly()
    return holder.matcher is not None


def current_matcher() -> matcher.Matcher:
    return snapshot().matcher


def visible_posts() -> post_search.Listing:
    """The posts the listing may show today, read once per generation."""
    day = today()
    return cached_listing(("visible_posts", day), lambda: post_search.visible_posts(session(), day))


def post_cards(post_ids: list[int]) -> dict[int, PostJson]:
    """The public JSON of these posts, kept per generation: the posts recommended to one
    seeker are recommended to many."""
    return current_app.extensions["post_cards"].get_many(
        snapshot().generation, post_ids,
        lambda missing: {i: post_json(p) for i, p in post_search.posts_by_id(session(), missing).items()})


def cached_listing(key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` once per key until the index's generation moves on. Only for answers that
    are the same for every visitor: the key holds every parameter and the day."""
    return current_app.extensions["listing_cache"].get(snapshot().generation, key, compute)
