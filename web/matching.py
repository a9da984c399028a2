"""The app's matcher: fitted at start-up (so gunicorn's preloading master builds it once and
the workers inherit it), then kept current before each request from the change log."""

from flask import Flask, current_app
from sqlalchemy import inspect

import matcher
from services.matching import MatcherHolder
from web.database import get_db, session


def init_app(app: Flask) -> None:
    holder = MatcherHolder(refresh_seconds=app.config.get("MATCHER_REFRESH_SECONDS", 0.5))
    app.extensions["matcher"] = holder
    # Tests add their rows after create_app, and `db upgrade` runs before the tables exist:
    # both leave the index to be fitted on first use.
    if app.config.get("MATCHER_PRELOAD", not app.testing):
        with app.app_context():
            if inspect(get_db().engine).has_table("matcher_changes"):
                holder.fit(session())
    app.before_request(_catch_up)


def _catch_up() -> None:
    current_matcher()


def current_matcher() -> matcher.Matcher:
    return current_app.extensions["matcher"].current(session())
