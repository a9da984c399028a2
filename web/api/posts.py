"""Posts: the public search and detail, and creation by verified employers or the bureau."""

from flask import current_app, g, jsonify

from policy.errors import Invalid
from services import post_search, posts
from web.api import bp
from web.api.contract import documented
from web.api.schemas import PostBody, PostListItem, PostPage, PostQuery
from web.clock import today
from web.database import session, transaction
from web.matching import cached_listing, current_matcher, post_cards, visible_posts
from web.serializers import PostJson, post_json


@bp.get("/posts")
@documented("搜索公开岗位", query=PostQuery, responses={200: PostPage})
def list_posts(query: PostQuery):
    """Search by `q` through the matcher in tiers (services/post_search.py), or newest first.
    The same for every caller, so the answer is kept until the listing changes."""
    key = ("api.list_posts", tuple(query.model_dump().items()), today())
    body = cached_listing(key, lambda: jsonify(_search(query)).get_data())
    return current_app.response_class(body, mimetype="application/json")


def _search(query: PostQuery) -> PostPage:
    filters = post_search.PostFilter(
        kind=query.kind, township=query.township, industry=query.industry,
        education=query.education, salary=int(query.salary) if query.salary else None,
    )
    found = post_search.search_public_posts(current_matcher(), visible_posts(), query.q, filters,
                                            query.page, query.per_page, today(), query.sort)
    cards = post_cards([*found.post_ids, *found.related])

    def item(i: int) -> PostListItem:
        return PostListItem(**cards[i], highlights=list(found.highlights.get(i, ())),
                            stale=i in found.stale)

    return PostPage(items=[item(i) for i in found.post_ids], total=found.total, page=query.page,
                    per_page=query.per_page, facets=found.facets,
                    related=[item(i) for i in found.related], unmatched=list(found.unmatched),
                    suggestion=found.suggestion)


@bp.get("/posts/<int:post_id>")
@documented("岗位详情", responses={200: PostJson}, errors={404: ("post_not_found",)})
def get_post(post_id: int):
    return jsonify(post_json(post_search.get_public_post(session(), post_id)))


@bp.post("/posts")
@documented("发布岗位（已审核的用人单位，或人社局代发）", roles=("employer", "bureau"),
            body=PostBody, responses={201: PostJson}, errors={
    403: ("employer_not_verified",),
    404: ("employer_not_found",),
    409: ("program_slots_full",),
    422: ("invalid_post", "no_open_program", "reservation_not_allowed"),
})
def create_post(body: PostBody):
    employer_id = g.user.employer_id if g.user.role == "employer" else body.employer_id
    if employer_id is None:
        raise Invalid("请指定发布单位", code="invalid_request", fields={"employer_id": "必填"})
    draft = posts.PostDraft.from_values(body.model_dump())
    with transaction() as s:
        post = posts.create_post(s, g.user, employer_id, draft, today())
    return jsonify(post_json(post)), 201


@bp.put("/posts/<int:post_id>")
@documented("修改岗位（岗位所属单位或人社局；类型不能修改）", roles=("employer", "bureau"),
            body=PostBody, responses={200: PostJson}, errors={
    404: ("post_not_found",),
    409: ("slots_below_placements", "program_slots_full"),
    422: ("invalid_post", "kind_fixed", "reservation_not_allowed", "reservation_after_hires"),
})
def update_post(post_id: int, body: PostBody):
    draft = posts.PostDraft.from_values(body.model_dump())
    with transaction() as s:
        post = posts.update_post(s, g.user, post_id, draft)
    return jsonify(post_json(post))


@bp.post("/posts/<int:post_id>/close")
@documented("停止招聘（岗位不再公开）", roles=("employer", "bureau"), responses={200: PostJson},
            errors={404: ("post_not_found",)})
def close_post(post_id: int):
    with transaction() as s:
        post = posts.set_post_status(s, g.user, post_id, "closed")
    return jsonify(post_json(post))


@bp.post("/posts/<int:post_id>/reopen")
@documented("重新开放招聘", roles=("employer", "bureau"), responses={200: PostJson},
            errors={404: ("post_not_found",)})
def reopen_post(post_id: int):
    with transaction() as s:
        post = posts.set_post_status(s, g.user, post_id, "open")
    return jsonify(post_json(post))
