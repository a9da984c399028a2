"""Candidates: ranked for a post (owning employer or bureau) and the bureau's masked list."""

from flask import g, jsonify

from services import profiles, recommendations
from web.api import bp
from web.api.contract import documented
from web.api.schemas import CandidatePage, CandidateQuery, RankedCandidate, TopQuery
from web.clock import today
from web.database import session
from web.matching import current_matcher
from web.serializers import candidate_card_json


@bp.get("/posts/<int:post_id>/candidates")
@documented("为岗位推荐候选人（含推荐理由）", roles=("employer", "bureau"), query=TopQuery,
            responses={200: list[RankedCandidate]}, errors={404: ("post_not_found",)})
def post_candidates(post_id: int, query: TopQuery):
    ranked = recommendations.recommend_candidates(session(), current_matcher(), g.user, post_id,
                                                  today(), query.top)
    return jsonify([RankedCandidate(**candidate_card_json(person.card), score=round(person.score, 4),
                                    fit=person.fit, why=person.why + person.misses) for person in ranked])


@bp.get("/candidates")
@documented("求职者名单（信息已脱敏）", roles=("bureau",), query=CandidateQuery,
            responses={200: CandidatePage})
def list_candidates(query: CandidateQuery):
    found, total = profiles.list_candidates(
        session(), group=query.group, open_to_offers=query.open_to_offers, page=query.page,
        per_page=query.per_page)
    cards = [recommendations.card(c, revealed=False, for_employer=False) for c in found]
    return jsonify(CandidatePage(items=[candidate_card_json(c) for c in cards], total=total,
                                 page=query.page, per_page=query.per_page))
