"""The JSON API under /api/v1: the stable contract of DESIGN.md."""

from flask import Blueprint

bp = Blueprint("api", __name__)

from web.api import (  # noqa: E402,F401
    applications,
    auth,
    candidates,
    docs,
    hiring,
    me,
    messages,
    monitoring,
    openapi,
    parameters,
    posts,
    programs,
    subsidies,
)
