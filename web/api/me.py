"""The seeker's own view: recommendations with reasons, and applications with their history."""

from flask import g, jsonify

from services import applications, recommendations
from web.api import bp
from web.api.params import positive_int
from web.clock import today
from web.database import session
from web.matching import current_matcher
from web.security import role_required
from web.serializers import application_json, post_json

MAX_TOP = 50


@bp.get("/me/recommendations")
@role_required("seeker")
def my_recommendations():
    top = positive_int("top", 10, maximum=MAX_TOP)
    ranked = recommendations.recommend_posts(session(), current_matcher(), g.user, today(), top)
    return jsonify([{"post": post_json(post), "score": round(result.score, 4), "why": result.why}
                    for post, result in ranked])


@bp.get("/me/applications")
@role_required("seeker")
def my_applications():
    s = session()
    return jsonify([application_json(a, applications.history(s, a.id))
                    for a in applications.seeker_applications(s, g.user)])
