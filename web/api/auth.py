"""POST /auth/register and /auth/token: self-registration and bearer tokens."""

from flask import Response, jsonify, request

from policy.errors import Unauthenticated
from services import accounts
from web.api import bp
from web.api.contract import documented
from web.api.schemas import RegisterBody, Registered, Token, TokenBody
from web.database import session, transaction
from web.limits import login_limited, note_login_succeeded
from web.probes import taken_answers_limited
from web.security import issue_token


def _not_cached(response: Response) -> Response:
    """An answer holding a token: no browser, proxy or back button may keep a copy (RFC 6749
    5.1; Pragma for HTTP/1.0 caches)."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    return response


def _json_phone() -> str:
    """The phone a token request names, whatever shape the body has (the limiter runs
    before the body is parsed, so a refused client learns nothing about it)."""
    body = request.get_json(silent=True)
    return str(body.get("phone") or "") if isinstance(body, dict) else ""


@bp.post("/auth/register")
@taken_answers_limited
@documented("注册求职者或用人单位账号", body=RegisterBody, responses={201: Registered}, errors={
    409: ("phone_taken", "id_number_taken", "credit_code_taken"),
    429: ("too_many_requests",),
    422: ("invalid_phone", "weak_password", "missing_field", "too_long", "invalid_id_number",
          "invalid_education", "invalid_credit_code", "invalid_ownership", "invalid_size",
          "invalid_township", "invalid_staff_count"),
})
def register(body: RegisterBody):
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
    return _not_cached(jsonify(Registered(id=user.id, role=user.role, token=issue_token(user)))), 201


@bp.post("/auth/token")
@login_limited(_json_phone)
@documented("用手机号和密码换取令牌（Bearer）", body=TokenBody, responses={200: Token}, errors={
    401: ("invalid_credentials",),
    429: ("too_many_requests",),
})
def token(body: TokenBody):
    user = accounts.authenticate(session(), body.phone, body.password)
    if user is None:
        raise Unauthenticated("手机号或密码不正确", code="invalid_credentials")
    note_login_succeeded()
    return _not_cached(jsonify(Token(token=issue_token(user), role=user.role)))
