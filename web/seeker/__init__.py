"""Pages of job seekers (求职者)."""

from flask import Blueprint

bp = Blueprint("seeker", __name__)

from web.seeker import delegations, evidence, hiring, subsidies, views  # noqa: E402,F401
