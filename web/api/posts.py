"""Posts: the public search and detail, and creation by verified employers or the bureau."""

from flask import g, jsonify, request

from policy.codes import EDUCATION_LEVELS, POST_KINDS, TOWNSHIPS
from policy.errors import Invalid
from services import posts
from web.api import bp
from web.api.params import choice, positive_int
from web.api.schemas import PostBody, parse
from web.clock import today
from web.database import session, transaction
from web.matching import current_matcher
from web.security import role_required
from web.serializers import post_json

MAX_PER_PAGE = 100
SALARY_CHOICES = tuple(str(step) for step in posts.SALARY_STEPS)


@bp.get("/posts")
def list_posts():
    """Search by `q` through the matcher (relevance, then freshness), or newest first."""
    salary = choice("salary", SALARY_CHOICES)
    filters = posts.PostFilter(
        kind=choice("kind", POST_KINDS), township=choice("township", TOWNSHIPS),
        industry=request.args.get("industry") or None,
        education=choice("education", EDUCATION_LEVELS),
        salary=int(salary) if salary else None,
    )
    page = positive_int("page", 1)
    per_page = positive_int("per_page", 20, maximum=MAX_PER_PAGE)
    found = posts.search_public_posts(session(), current_matcher(), request.args.get("q", ""),
                                      filters, page, per_page)
    items = []
    for post in found.posts:
        item = post_json(post)
        item["highlights"] = list(found.highlights.get(post.id, ()))
        item["stale"] = posts.is_stale(post, today())
        items.append(item)
    return jsonify({"items": items, "total": found.total, "page": page, "per_page": per_page,
                    "facets": found.facets})


@bp.get("/posts/<int:post_id>")
def get_post(post_id: int):
    return jsonify(post_json(posts.get_public_post(session(), post_id)))


@bp.post("/posts")
@role_required("employer", "bureau")
def create_post():
    body = parse(PostBody)
    employer_id = g.user.employer_id if g.user.role == "employer" else body.employer_id
    if employer_id is None:
        raise Invalid("请指定发布单位", code="invalid_request", fields={"employer_id": "必填"})
    draft = posts.PostDraft(
        kind=body.kind, title=body.title, industry=body.industry, description=body.description,
        requirements=body.requirements, education_min=body.education_min,
        majors=tuple(body.majors), township=body.township, slots=body.slots,
        salary_min=body.salary_min, salary_max=body.salary_max, close_date=body.close_date,
    )
    with transaction() as s:
        post = posts.create_post(s, g.user, employer_id, draft, today())
    return jsonify(post_json(post)), 201


@bp.post("/posts/<int:post_id>/close")
@role_required("employer", "bureau")
def close_post(post_id: int):
    with transaction() as s:
        post = posts.set_post_status(s, g.user, post_id, "closed")
    return jsonify(post_json(post))


@bp.post("/posts/<int:post_id>/reopen")
@role_required("employer", "bureau")
def reopen_post(post_id: int):
    with transaction() as s:
        post = posts.set_post_status(s, g.user, post_id, "open")
    return jsonify(post_json(post))
