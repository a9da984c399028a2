"""The JSON API under /api/v1: the stable contract of DESIGN.md."""

from flask import Blueprint

from web.api.contract import IdConverter

bp = Blueprint("api", __name__)
# Before the routes below are added: they use it.
bp.record_once(lambda state: state.app.url_map.converters.setdefault("id", IdConverter))

from web.api import (  # noqa: E402,F401
    applications,
    auth,
    candidates,
    docs,
    me,
    openapi,
    posts,
    programs,
)
