"""Login, logout and self-registration of seekers and employers (pages)."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from web.auth import inbox, reset, views  # noqa: E402,F401
