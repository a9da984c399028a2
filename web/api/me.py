"""The seeker's own view: recommendations with reasons, and applications with their history."""

from flask import g, jsonify

from services import applications, recommendations
from web.api import bp
from web.api.contract import documented
from web.api.schemas import Recommendation, TopQuery
from web.clock import today
from web.database import session
from web.matching import current_matcher, post_cards, visible_posts
from web.serializers import ApplicationJson, application_json


@bp.get("/me/recommendations")
@documented("为我推荐的岗位（含推荐理由）", roles=("seeker",), query=TopQuery,
            responses={200: list[Recommendation]}, errors={404: ("candidate_not_found",)})
def my_recommendations(query: TopQuery):
    ranked = recommendations.recommend_posts(session(), current_matcher(), visible_posts(), g.user,
                                             today(), query.top)
    cards = post_cards([int(result.id) for result in ranked])
    return jsonify([Recommendation(post=cards[int(result.id)], score=round(result.score, 4),
                                   fit=result.fit, why=result.why) for result in ranked])


@bp.get("/me/applications")
@documented("我的申请及其进展", roles=("seeker",), responses={200: list[ApplicationJson]},
            errors={404: ("candidate_not_found",)})
def my_applications():
    s = session()
    return jsonify([application_json(a, applications.history(s, a.id))
                    for a in applications.seeker_applications(s, g.user)])
