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
from web.security import role_required
from web.serializers import post_json

MAX_PER_PAGE = 100


@bp.get("/posts")
def list_posts():
    filters = posts.PostFilter(
        kind=choice("kind", POST_KINDS), township=choice("township", TOWNSHIPS),
        industry=request.args.get("industry") or None,
        education=choice("education", EDUCATION_LEVELS),
    )
    page = positive_int("page", 1)
    per_page = positive_int("per_page", 20, maximum=MAX_PER_PAGE)
    items, total = posts.list_public_posts(session(), filters, page, per_page)
    return jsonify({"items": [post_json(p) for p in items], "total": total, "page": page,
                    "per_page": per_page})


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
