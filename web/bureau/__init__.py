"""Pages of the district HR bureau (区人社局)."""

from flask import Blueprint

bp = Blueprint("bureau", __name__)

from web.bureau import admin, followups, imports, matching, outbox, placements, views  # noqa: E402,F401
