"""Registration, login and bureau accounts. Seekers and employers register themselves;
bureau accounts come only from the operator command (`flask --app wsgi create-user`)."""

import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Candidate, Employer, User
from policy.codes import EDUCATION_LEVELS, EMPLOYER_SIZES, OWNERSHIPS, TOWNSHIPS
from policy.errors import Conflict, Forbidden, Invalid, NotFound
from policy.identifiers import (
    InvalidIdentifier,
    birth_date_from_id,
    mask_phone,
    validate_credit_code,
    validate_id_number,
    validate_mobile,
)
from services import audit
from services.passwords import DUMMY_HASH, check_strength, hash_password, verify_password


@dataclass(frozen=True)
class SeekerSignup:
    phone: str
    password: str
    name: str
    id_number: str
    education: str


@dataclass(frozen=True)
class EmployerSignup:
    phone: str
    password: str
    name: str
    employer_name: str
    credit_code: str
    ownership: str
    size: str
    staff_count: int
    industry: str
    township: str
    # The licence's details the bureau checks (the API's registration leaves them to the profile).
    legal_representative: str = ""
    address: str = ""


def register_seeker(session: Session, signup: SeekerSignup) -> User:
    """A seeker's login and the start of their profile, keyed by a valid 身份证号."""
    phone = _new_phone(session, signup.phone)
    check_strength(signup.password, (phone, signup.name))
    name = _required_name(signup.name, "name")
    id_number = _checked("id_number", validate_id_number, signup.id_number)
    if signup.education not in EDUCATION_LEVELS:
        raise Invalid("请选择学历", code="invalid_education", fields={"education": "未知的学历"})
    if session.scalar(select(Candidate.id).where(Candidate.has_id_number(id_number))):
        raise Conflict("该身份证号已登记，请直接登录或联系人社局", code="id_number_taken",
                       fields={"id_number": "已登记"})
    user = User(phone=phone, password_hash=hash_password(signup.password), role="seeker",
                name=name)
    session.add(user)
    session.flush()
    gender_digit = int(id_number[16])
    candidate = Candidate(
        ref=f"U{secrets.token_hex(5).upper()}", user_id=user.id, name=name, phone=phone,
        id_number=id_number, birth_date=birth_date_from_id(id_number),
        gender="male" if gender_digit % 2 else "female", education=signup.education,
    )
    session.add(candidate)
    audit.record(session, user.id, "register", "user", user.id, role="seeker")
    session.flush()
    return user


def register_employer(session: Session, signup: EmployerSignup) -> User:
    """An employer and its first contact login; its posts stay private until verified."""
    phone = _new_phone(session, signup.phone)
    check_strength(signup.password, (phone, signup.name))
    name = _required_name(signup.name, "name")
    employer_name = _required_name(signup.employer_name, "employer_name", limit=128)
    credit_code = _checked("credit_code", validate_credit_code, signup.credit_code)
    for field, value, allowed, label in (
        ("ownership", signup.ownership, OWNERSHIPS, "单位性质"),
        ("size", signup.size, EMPLOYER_SIZES, "企业规模"),
        ("township", signup.township, TOWNSHIPS, "所在乡镇（街道）"),
    ):
        if value not in allowed:
            raise Invalid(f"请选择{label}", code=f"invalid_{field}", fields={field: "无效选项"})
    if not 0 <= signup.staff_count <= 1_000_000:
        raise Invalid("职工人数应为 0 到 1000000 之间的整数", code="invalid_staff_count",
                      fields={"staff_count": "无效人数"})
    industry = _required_name(signup.industry, "industry", limit=32)
    if session.scalar(select(Employer.id).where(Employer.credit_code == credit_code)):
        raise Conflict("该统一社会信用代码已注册，请联系单位管理员", code="credit_code_taken",
                       fields={"credit_code": "已注册"})
    employer = Employer(
        name=employer_name, credit_code=credit_code, ownership=signup.ownership,
        size=signup.size, staff_count=signup.staff_count, industry=industry,
        township=signup.township, contact_name=name, contact_phone=phone,
        legal_representative=signup.legal_representative.strip()[:64], address=signup.address.strip()[:128],
    )
    session.add(employer)
    session.flush()
    user = User(phone=phone, password_hash=hash_password(signup.password), role="employer",
                name=name, employer_id=employer.id)
    session.add(user)
    session.flush()
    audit.record(session, user.id, "register", "employer", employer.id, credit_code=credit_code)
    return user


def create_bureau_user(session: Session, phone: str, password: str, name: str) -> User:
    phone = _new_phone(session, phone)
    check_strength(password, (phone, name))
    user = User(phone=phone, password_hash=hash_password(password), role="bureau",
                name=_required_name(name, "name"))
    session.add(user)
    session.flush()
    audit.record(session, None, "create_bureau_user", "user", user.id)
    return user


def create_township_user(session: Session, actor: User | None, phone: str, password: str,
                         name: str, township: str) -> User:
    """A township staff account (镇街、社区/村人社协理员), made by the bureau (a page or the CLI,
    `actor` None): it sees and serves one township only (services.township_scope)."""
    if actor is not None and actor.role != "bureau":
        raise Forbidden("只有人社局可以创建协理员账号", code="forbidden")
    if township not in TOWNSHIPS:
        raise Invalid("请选择乡镇（街道）", code="invalid_township", fields={"township": "无效选项"})
    phone = _new_phone(session, phone)
    check_strength(password, (phone, name))
    user = User(phone=phone, password_hash=hash_password(password), role="township",
                name=_required_name(name, "name"), township=township)
    session.add(user)
    session.flush()
    audit.record(session, actor.id if actor else None, "create_township_user", "user", user.id,
                 township=township)
    return user


def township_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).where(User.role == "township")
                                .order_by(User.township, User.name, User.id)))


def authenticate(session: Session, phone: str, password: str) -> User | None:
    """The active user with this phone and password, else None — the same for either mistake."""
    try:
        phone = validate_mobile(phone)
    except InvalidIdentifier:
        phone = ""
    user = session.scalar(select(User).where(User.phone == phone)) if phone else None
    if user is None:
        verify_password(DUMMY_HASH, password)
        return None
    if not verify_password(user.password_hash, password) or not user.active:
        return None
    return user


def end_sessions(user: User) -> None:
    """Invalidate every cookie and token issued so far (logout, password change, disabling)."""
    user.session_generation += 1


def change_password(session: Session, user: User, current: str, new: str) -> None:
    """Needs the current password, so a borrowed session alone cannot lock the owner out;
    ends every other session, one of which may be the reason for the change."""
    require_password(user, current)
    check_strength(new, (user.phone, user.name))
    user.password_hash = hash_password(new)
    end_sessions(user)
    audit.record(session, user.id, "change_password", "user", user.id)
    session.flush()


def change_phone(session: Session, user: User, current: str, phone: str) -> None:
    """The phone is the login name: changing it needs the password, like the password does."""
    require_password(user, current)
    new_phone = _checked("phone", validate_mobile, phone)
    if new_phone == user.phone:
        raise Invalid("新手机号与当前手机号相同", code="same_phone", fields={"phone": "与当前相同"})
    new_phone = _new_phone(session, new_phone)
    old_phone = user.phone
    user.phone = new_phone
    end_sessions(user)
    audit.record(session, user.id, "change_phone", "user", user.id,
                 old=mask_phone(old_phone), new=mask_phone(new_phone))
    session.flush()


def unlock_login(session: Session, actor: User, phone: str) -> User:
    """The bureau lets a person who is locked out of logging in try again (issue 11 item 9:
    until codes go out through a notification outbox). The counters themselves are the web
    layer's (web/limits.py); here the account is found and the unlock audited."""
    phone = _checked("phone", validate_mobile, phone)
    user = session.scalar(select(User).where(User.phone == phone))
    if user is None:
        raise NotFound("没有使用该手机号的账号", code="no_such_account",
                       fields={"phone": "未注册"})
    audit.record(session, actor.id, "unlock_login", "user", user.id, phone=mask_phone(phone))
    session.flush()
    return user


def require_password(user: User, password: str) -> None:
    """The current password, asked again before a change that matters (phone, password, 注销)."""
    if not verify_password(user.password_hash, password or ""):
        raise Invalid("当前密码不正确", code="wrong_password",
                      # bandit B105: an error message, not a password
                      fields={"current_password": "当前密码不正确"})  # nosec B105


def _checked(field: str, validator, value: str) -> str:
    """Run an identifier validator, naming the form field in the error."""
    try:
        return validator(value or "")
    except InvalidIdentifier as exc:
        raise Invalid(exc.message, code=exc.code, fields={field: exc.message}) from exc


def _new_phone(session: Session, raw: str) -> str:
    phone = _checked("phone", validate_mobile, raw)
    if session.scalar(select(User.id).where(User.phone == phone)):
        raise Conflict("该手机号已注册，请直接登录", code="phone_taken", fields={"phone": "已注册"})
    return phone


def _required_name(value: str, field: str, limit: int = 64) -> str:
    value = (value or "").strip()
    if not value:
        raise Invalid("请填写必填项", code="missing_field", fields={field: "必填"})
    if len(value) > limit:
        raise Invalid(f"内容过长（最多 {limit} 个字）", code="too_long", fields={field: "过长"})
    return value
