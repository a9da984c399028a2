"""POST /auth/register and /auth/token: self-registration and bearer tokens."""

from typing import Literal

from flask import Response, jsonify, request
from pydantic import Field
from typing_extensions import TypedDict  # pydantic reads typing.TypedDict only from 3.12

from models.base import utcnow
from policy.errors import Invalid, Unauthenticated
from services import accounts, password_reset
from web.api import bp
from web.api.contract import documented
from web.api.schemas import Body
from web.database import session, transaction
from web.inputs import VisibleText
from web.limits import login_limited, note_login_succeeded
from web.probes import taken_answers_limited
from web.reset_limits import code_requests_limited, guesses_limited
from web.security import issue_token


class RegisterBody(Body):
    role: Literal["seeker", "employer"]
    phone: str = Field(max_length=20, description="手机号（登录名）")
    password: str = Field(max_length=256, description="至少 8 个字符，不能是常见密码")
    name: VisibleText = Field(max_length=64, description="姓名（单位为联系人）")
    # seeker
    id_number: str | None = Field(default=None, max_length=24, description="求职者：身份证号")
    education: str | None = Field(default=None, description="求职者：学历代码")
    # employer
    employer_name: VisibleText | None = Field(default=None, max_length=128, description="单位：名称")
    credit_code: str | None = Field(default=None, max_length=24,
                                    description="单位：统一社会信用代码")
    ownership: str | None = Field(default=None, description="单位：单位性质代码")
    size: str | None = Field(default=None, description="单位：企业规模代码")
    staff_count: int | None = Field(default=None, description="单位：职工人数")
    industry: str | None = Field(default=None, max_length=32, description="单位：行业")
    township: str | None = Field(default=None, description="单位：所在乡镇（街道）")


class TokenBody(Body):
    phone: str = Field(max_length=20)
    password: str = Field(max_length=256)


class ResetCodeBody(Body):
    phone: str = Field(max_length=20, description="注册时的手机号")


class ResetPasswordBody(Body):
    phone: str = Field(max_length=20)
    code: str = Field(max_length=12, description="短信验证码（6 位，5 分钟内有效）")
    password: str = Field(max_length=256, description="新密码：至少 8 个字符，不能是常见密码")


class Notice(TypedDict):
    message: str


class Registered(TypedDict):
    id: int
    role: Literal["seeker", "employer"]
    token: str


class Token(TypedDict):
    token: str
    role: Literal["seeker", "employer", "bureau", "township"]


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
