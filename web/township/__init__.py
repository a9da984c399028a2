"""Pages of township staff (镇街、社区/村人社协理员): their township's people, posts and
follow-up workload, and acting for a person with their consent (代办)."""

from flask import Blueprint

bp = Blueprint("township", __name__)

from web.township import proxy, views  # noqa: E402,F401
