from flask import g, jsonify, request

from policy.codes import EDUCATION_LEVELS, POST_KINDS, TOWNSHIPS
from policy.errors import Invalid, Unauthenticated
from services import accounts, employers, posts, programs
from web.api import bp
from web.api.schemas import PostBody, RegisterBody, TokenBody, parse
from web.clock import today
from web.database import session, transaction
from web.security import issue_token, role_required
from web.serializers import post_json, program_json

MAX_PER_PAGE = 100


@bp.post("/auth/register")
def register():
    body = parse(RegisterBody)
    with transaction() as s:
        if body.role == "seeker":
            user = accounts.register_seeker(s, accounts.SeekerSignup(
                phone=body.phone, password=body.password, name=body.name,
                id_number=body.id_number or "", education=body.education or "",
            ))
        else:
            user = accounts.register_employer(s, accounts.EmployerSignup(
                phone=body.phone, password=body.password, name=body.name,
                employer_name=body.employer_name or "", credit_code=body.credit_code or "",
                ownership=body.ownership or "", size=body.size or "",
                staff_count=body.staff_count if body.staff_count is not None else -1,
                industry=body.industry or "", township=body.township or "",
            ))
    return jsonify({"id": user.id, "role": user.role, "token": issue_token(user)}), 201


@bp.post("/auth/token")
def token():
    body = parse(TokenBody)
    user = accounts.authenticate(session(), body.phone, body.password)
    if user is None:
        raise Unauthenticated("手机号或密码不正确", code="invalid_credentials")
    return jsonify({"token": issue_token(user), "role": user.role})


@bp.get("/programs")
def list_programs():
    return jsonify([program_json(p) for p in programs.program_progress(session())])


@bp.get("/posts")
def list_posts():
    filters = posts.PostFilter(
        kind=_choice("kind", POST_KINDS), township=_choice("township", TOWNSHIPS),
        industry=request.args.get("industry") or None,
        education=_choice("education", EDUCATION_LEVELS),
    )
    page = _positive_int("page", 1)
    per_page = min(_positive_int("per_page", 20), MAX_PER_PAGE)
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


@bp.post("/employers/<int:employer_id>/verify")
@role_required("bureau")
def verify_employer(employer_id: int):
    with transaction() as s:
        employer = employers.verify_employer(s, employer_id, g.user.id)
    return jsonify({"id": employer.id, "verified": employer.verified})


def _choice(name: str, allowed) -> str | None:
    value = request.args.get(name) or None
    if value is not None and value not in allowed:
        raise Invalid(f"参数 {name} 的取值无效", code="invalid_query", fields={name: "无效取值"})
    return value


def _positive_int(name: str, default: int) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or int(raw) < 1 or int(raw) > 100_000:
        raise Invalid(f"参数 {name} 应为正整数", code="invalid_query", fields={name: "应为正整数"})
    return int(raw)
