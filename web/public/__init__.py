"""Pages anyone may see: the home page with quota progress, program and post listings."""

from flask import Blueprint

bp = Blueprint("public", __name__)

from web.public import highlight, views  # noqa: E402,F401
