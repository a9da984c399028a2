"""POST /auth/register and /auth/token: self-registration and bearer tokens."""

from flask import jsonify, request

from policy.errors import Unauthenticated
from services import accounts
from web.api import bp
from web.api.schemas import RegisterBody, TokenBody, parse
from web.database import session, transaction
from web.limits import login_limited
from web.security import issue_token


def _json_phone() -> str:
    """The phone a token request names, whatever shape the body has (parse() judges it)."""
    body = request.get_json(silent=True)
    return str(body.get("phone") or "") if isinstance(body, dict) else ""


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
@login_limited(_json_phone)
def token():
    body = parse(TokenBody)
    user = accounts.authenticate(session(), body.phone, body.password)
    if user is None:
        raise Unauthenticated("手机号或密码不正确", code="invalid_credentials")
    return jsonify({"token": issue_token(user), "role": user.role})
