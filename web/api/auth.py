"""POST /auth/register and /auth/token: self-registration and bearer tokens."""

from flask import Response, jsonify, request

from models.base import utcnow
from policy.errors import Invalid, Unauthenticated
from services import accounts, password_reset
from web.api import bp
from web.api.contract import documented
from web.api.schemas import (
    Notice,
    RegisterBody,
    Registered,
    ResetCodeBody,
    ResetPasswordBody,
    Token,
    TokenBody,
)
from web.database import session, transaction
from web.limits import login_limited, note_login_succeeded
from web.probes import taken_answers_limited
from web.reset_limits import code_requests_limited, guesses_limited
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




@bp.post("/auth/password-reset")
@code_requests_limited(_json_phone)
@documented("忘记密码：向注册手机号发送验证码（无论手机号是否注册，回答都相同）",
            body=ResetCodeBody, responses={202: Notice}, errors={429: ("too_many_requests",)})
def request_reset_code(body: ResetCodeBody):
    with transaction() as s:
        password_reset.request_code(s, body.phone, utcnow())
    return jsonify(Notice(message=password_reset.CODE_SENT)), 202


@bp.post("/auth/password-reset/confirm")
@guesses_limited(_json_phone)
@documented("忘记密码：用短信验证码设置新密码（其他登录全部退出）", body=ResetPasswordBody,
            responses={200: Notice}, errors={
    422: ("invalid_code", "weak_password"), 429: ("too_many_requests",)})
def confirm_reset(body: ResetPasswordBody):
    with transaction() as s:  # a wrong guess is counted even though the answer is an error
        user = password_reset.reset_password(s, body.phone, body.code, body.password, utcnow())
    if user is None:
        wrong = password_reset.WRONG_CODE
        raise Invalid(wrong, code="invalid_code", fields={"code": wrong})
    return _not_cached(jsonify(Notice(message="密码已重置，请用新密码登录")))
