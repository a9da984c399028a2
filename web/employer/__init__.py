"""Pages of employers (用人单位)."""

from flask import Blueprint

bp = Blueprint("employer", __name__)

from web.employer import applicants, hiring, subsidies, views  # noqa: E402,F401
