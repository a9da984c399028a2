"""The JSON API under /api/v1: the stable contract of DESIGN.md."""

from flask import Blueprint

bp = Blueprint("api", __name__)

from web.api import applications, auth, candidates, me, posts, programs  # noqa: E402,F401
