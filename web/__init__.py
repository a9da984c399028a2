"""The Flask application factory: config → database → matcher → blueprints → error handlers → CLI."""

import os
from pathlib import Path

from flask import Flask
from flask_wtf.csrf import CSRFProtect
from werkzeug.routing import IntegerConverter

import settings
from models import id_cipher
from web import (
    attachments,
    config,
    database,
    errors,
    filters,
    headers,
    inputs,
    limits,
    matching,
    outbox,
    probes,
    requestid,
    seclog,
    security,
)
from web.json_answers import OrjsonProvider

csrf = CSRFProtect()
ID_MAX = inputs.ID_MAX


def _at_most(limit: str) -> str:
    """A regular expression for the decimal numbers from 0 to `limit` (no leading zeros)."""
    choices = [rf"[1-9]\d{{0,{len(limit) - 2}}}"] if len(limit) > 1 else []
    for i, digit in enumerate(limit):
        if digit != "0" and (i or digit != "1"):
            low = "1" if i == 0 else "0"
            if int(digit) - 1 >= int(low):
                rest = len(limit) - i - 1
                choices.append(rf"{limit[:i]}[{low}-{int(digit) - 1}]\d{{{rest}}}")
    choices.append(limit)
    return "|".join(["0", *choices])


class RowIdConverter(IntegerConverter):
    """`<int:post_id>` in every route: a number beyond INTEGER names no row, so the router
    answers 404 rather than passing it to a query PostgreSQL refuses (a 500). The bound is in
    the pattern, not only in `max`: a value refused after matching made Werkzeug answer 405
    where another rule of the same path takes another method (GET and PUT /posts/<id>)."""

    regex = f"(?:{_at_most(str(ID_MAX))})"

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", ID_MAX)
        super().__init__(map, *args, **kwargs)


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=str(settings.instance_path(os.environ)),
        template_folder=str(settings.PROJECT_ROOT / "templates"),
        static_folder=str(settings.PROJECT_ROOT / "static"),
    )
    app.config.update(config.app_config(os.environ, Path(app.instance_path)))
    if test_config:
        app.config.update(test_config)
    settings.refuse_unsafe_production(app.config)
    id_cipher.configure(app.config["ID_KEY"])
    app.json = OrjsonProvider(app)
    app.url_map.converters["int"] = RowIdConverter  # before any route is added

    requestid.init_app(app)
    database.init_app(app)
    matching.init_app(app)
    outbox.init_app(app)
    attachments.init_app(app)
    inputs.init_app(app)
    csrf.init_app(app)
    security.init_app(app)
    seclog.init_app(app)
    limits.init_app(app)
    probes.init_app(app)
    headers.init_app(app)
    filters.init_app(app)
    _register_blueprints(app)
    errors.init_app(app)

    from web.cli import register_commands

    register_commands(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from web.api import bp as api_bp
    from web.auth import bp as auth_bp
    from web.bureau import bp as bureau_bp
    from web.employer import bp as employer_bp
    from web.public import bp as public_bp
    from web.seeker import bp as seeker_bp
    from web.township import bp as township_bp

    # The API authenticates with bearer tokens, not cookies, so CSRF does not apply.
    csrf.exempt(api_bp)
    app.register_blueprint(public_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(seeker_bp, url_prefix="/seeker")
    app.register_blueprint(employer_bp, url_prefix="/employer")
    app.register_blueprint(bureau_bp, url_prefix="/bureau")
    app.register_blueprint(township_bp, url_prefix="/township")
    app.register_blueprint(api_bp, url_prefix="/api/v1")
