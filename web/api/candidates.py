"""Candidates: ranked for a post (owning employer or bureau) and the bureau's masked list."""

from flask import g, jsonify, request

from policy.codes import GROUPS
from services import profiles, recommendations
from web.api import bp
from web.api.params import choice, positive_int
from web.clock import today
from web.database import session
from web.matching import current_matcher
from web.security import role_required
from web.serializers import candidate_card_json

MAX_TOP = 50
MAX_PER_PAGE = 100


@bp.get("/posts/<int:post_id>/candidates")
@role_required("employer", "bureau")
def post_candidates(post_id: int):
    top = positive_int("top", 10, maximum=MAX_TOP)
    ranked = recommendations.recommend_candidates(session(), current_matcher(), g.user, post_id,
                                                  today(), top)
    return jsonify([{**candidate_card_json(card), "score": round(result.score, 4),
                     "why": result.why} for card, result in ranked])


@bp.get("/candidates")
@role_required("bureau")
def list_candidates():
    page = positive_int("page", 1)
    per_page = positive_int("per_page", 20, maximum=MAX_PER_PAGE)
    found, total = profiles.list_candidates(
        session(), group=choice("group", GROUPS),
        open_to_offers=request.args.get("open_to_offers") == "1", page=page, per_page=per_page)
    cards = [recommendations.card(c, revealed=False, for_employer=False) for c in found]
    return jsonify({"items": [candidate_card_json(c) for c in cards], "total": total,
                    "page": page, "per_page": per_page})
