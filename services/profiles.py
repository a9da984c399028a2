"""Profiles: a seeker's, in short steps, and an employer's company profile.

A seeker's groups are self-declared GroupClaim rows, 待核验 ('declared') until the bureau
decides; the person can withdraw a claim still waiting, never one the bureau has decided —
except a sensitive group (困难/低保/脱贫): it needs the person's separate consent to be saved,
and unticking it withdraws that consent and the claim, verified or not (services.consent).
Every change of a seeker's profile is logged for the matcher in the same transaction. Each
step has one path, whether the person saves it or township staff save it for them (代办).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from models import Candidate, Employer, GroupClaim, User
from models.candidate import ACTIVE_CLAIMS
from policy.codes import (
    EDUCATION_LEVELS,
    EMPLOYER_SIZES,
    GROUPS,
    OWNERSHIPS,
    SENSITIVE_GROUPS,
    TOWNSHIPS,
    WORK_TYPES,
)
from policy.errors import Conflict, Invalid, NotFound
from policy.identifiers import InvalidIdentifier, birth_date_from_id, validate_id_number, validate_mobile
from services import audit, consent, registrations
from services.applications import candidate_of

# The profile's steps in their order, with their titles (the seeker's pages, 代办, the notices).
PROFILE_STEPS = {"basic": "基本信息", "education": "教育经历", "intent": "求职意向",
                 "situation": "就业状况与人员类别"}


@dataclass(frozen=True)
class BasicStep:
    name: str
    gender: str
    id_number: str
    phone: str
    step: ClassVar[str] = "basic"


@dataclass(frozen=True)
class EducationStep:
    education: str
    school: str
    major: str
    graduation_date: date | None
    step: ClassVar[str] = "education"


@dataclass(frozen=True)
class IntentStep:
    desired: str
    skills: str
    experience: str
    townships: tuple[str, ...]
    open_to_offers: bool
    desired_salary: int | None = None  # 期望月薪, yuan
    work_type: str = ""  # 全职/兼职 (policy.codes.WORK_TYPES), "" either
    step: ClassVar[str] = "intent"


@dataclass(frozen=True)
class SituationStep:
    employed: bool
    unemployed_since: date | None
    groups: tuple[str, ...]
    # The separate consent checkbox for sensitive groups (PIPL Art. 29), never bundled.
    sensitive_consent: bool = False
    step: ClassVar[str] = "situation"


ProfileStep = BasicStep | EducationStep | IntentStep | SituationStep


def save_step(session: Session, user: User, step: ProfileStep, today: date) -> Candidate:
    """One step of the seeker's own profile."""
    return save_step_for(session, user, candidate_of(session, user), step, today)


def save_step_for(session: Session, actor: User, candidate: Candidate, step: ProfileStep,
                  today: date, **act) -> Candidate:
    """One step of the person's profile, by the person themselves (`actor` is them) or by
    township staff acting for them (代办, services.proxy_acts: `act` is delegation.act_detail,
    naming the person, the staff member and the consent). One path for both: the same checks,
    the same audit entry (`act` in its detail) and the same change log for the matcher."""
    if isinstance(step, BasicStep):
        _basic(session, candidate, step, today)
    elif isinstance(step, EducationStep):
        _education(candidate, step)
    elif isinstance(step, IntentStep):
        _intent(candidate, step)
    else:
        _situation(session, actor, candidate, step, today, act)
    session.flush()
    audit.record(session, actor.id, "update_profile", "candidate", candidate.id, step=step.step, **act)
    return candidate


def _basic(session: Session, candidate: Candidate, step: BasicStep, today: date) -> None:
    name = step.name.strip()
    if not name:
        raise Invalid("请填写姓名", code="missing_field", fields={"name": "必填"})
    if step.gender not in ("", "male", "female"):
        raise Invalid("请选择性别", code="invalid_gender", fields={"gender": "无效选项"})
    id_number = _identifier("id_number", validate_id_number, step.id_number, as_of=today)
    phone = _identifier("phone", validate_mobile, step.phone)
    if id_number != candidate.id_number and session.scalar(
            select(Candidate.id).where(Candidate.has_id_number(id_number))):
        raise Conflict("该身份证号已被其他求职者登记，请联系人社局", code="id_number_taken",
                       fields={"id_number": "已登记"})
    candidate.name, candidate.gender, candidate.phone = name, step.gender, phone
    candidate.id_number, candidate.birth_date = id_number, birth_date_from_id(id_number, as_of=today)


def _education(candidate: Candidate, step: EducationStep) -> None:
    if step.education not in EDUCATION_LEVELS:
        raise Invalid("请选择学历", code="invalid_education", fields={"education": "未知的学历"})
    if step.graduation_date is not None and step.graduation_date.year < 1950:
        raise Invalid("毕业时间不正确", code="invalid_date", fields={"graduation_date": "日期不正确"})
    candidate.education, candidate.graduation_date = step.education, step.graduation_date
    candidate.school, candidate.major = step.school.strip(), step.major.strip()


def _intent(candidate: Candidate, step: IntentStep) -> None:
    unknown = [t for t in step.townships if t not in TOWNSHIPS]
    if unknown:
        raise Invalid("请选择长乐区的乡镇（街道）", code="invalid_township", fields={"townships": "无效选项"})
    candidate.desired, candidate.skills = step.desired.strip(), step.skills.strip()
    candidate.experience, candidate.townships = step.experience.strip(), list(step.townships)
    if step.work_type and step.work_type not in WORK_TYPES:
        raise Invalid("请选择全职或兼职", code="invalid_work_type", fields={"work_type": "无效选项"})
    if step.desired_salary is not None and step.desired_salary < 0:
        raise Invalid("期望月薪不能为负数", code="invalid_salary", fields={"desired_salary": "金额不合理"})
    candidate.open_to_offers = step.open_to_offers
    candidate.desired_salary, candidate.work_type = step.desired_salary, step.work_type


def _situation(session: Session, actor: User, candidate: Candidate, step: SituationStep,
               today: date, act: dict) -> None:
    """Employment and groups. A sensitive group needs the person's separate consent
    (services.consent); in 代办 the staff member ticks it as the person's word, and `act`
    records it as given through them."""
    if any(g not in GROUPS for g in step.groups):
        raise Invalid("人员类别无效", code="invalid_group", fields={"groups": "无效选项"})
    if step.unemployed_since is not None and step.unemployed_since > today:
        raise Invalid("失业时间不能晚于今天", code="invalid_date", fields={"unemployed_since": "日期不正确"})
    consent.require(session, actor, candidate, step.groups, step.sensitive_consent, **act)
    if step.employed and not candidate.employed:
        # Taking a job ends a confirmed unemployment registration （就业） today; a seeker's
        # own date below is their declaration only and never moves the bureau's history.
        registrations.end_open(session, actor.id, candidate.id, today, "employed", **act)
    candidate.employed = step.employed
    candidate.unemployed_since = None if step.employed else step.unemployed_since
    claims = {c.group: c for c in candidate.group_claims}
    for group in set(step.groups) - set(claims):
        candidate.group_claims.append(GroupClaim(group=group, status="declared"))
    for group in set(step.groups) & set(claims):
        if claims[group].status == "withdrawn":
            consent.redeclare(claims[group])
    unticked = [g for g, c in claims.items() if g not in step.groups and c.status in ACTIVE_CLAIMS]
    consent.withdraw(session, actor, candidate, [g for g in unticked if g in SENSITIVE_GROUPS], **act)
    for group in unticked:
        if group not in SENSITIVE_GROUPS and claims[group].status == "declared":
            candidate.group_claims.remove(claims[group])


def _identifier(field: str, validator, value: str, **kwargs) -> str:
    try:
        return validator(value or "", **kwargs)
    except InvalidIdentifier as exc:
        raise Invalid(exc.message, code=exc.code, fields={field: exc.message}) from exc


@dataclass(frozen=True)
class CompanyProfile:
    name: str
    ownership: str
    size: str
    staff_count: int
    industry: str
    township: str
    contact_name: str
    contact_phone: str
    legal_representative: str = ""
    address: str = ""


def save_company(session: Session, user: User, profile: CompanyProfile) -> Employer:
    """The employer's own profile. The name and credit code are what the bureau verified:
    the name can change only before verification, the credit code never here."""
    employer = session.get(Employer, user.employer_id) if user.employer_id else None
    if employer is None:
        raise NotFound("找不到单位", code="employer_not_found")
    problems = {}
    for field, value, allowed in (("ownership", profile.ownership, OWNERSHIPS),
                                  ("size", profile.size, EMPLOYER_SIZES),
                                  ("township", profile.township, TOWNSHIPS)):
        if value not in allowed:
            problems[field] = "无效选项"
    if not 0 <= profile.staff_count <= 1_000_000:
        problems["staff_count"] = "人数不合理"
    if not profile.industry.strip():
        problems["industry"] = "必填"
    if not profile.name.strip():
        problems["name"] = "必填"
    if problems:
        raise Invalid("单位信息有误，请检查标红的项目", code="invalid_employer", fields=problems)
    contact_phone = _identifier("contact_phone", validate_mobile, profile.contact_phone)
    if employer.verified and profile.name.strip() != employer.name:
        raise Conflict("单位已通过审核，名称变更请联系人社局", code="name_locked",
                       fields={"name": "审核后不能修改"})
    employer.name, employer.ownership, employer.size = profile.name.strip(), profile.ownership, profile.size
    employer.staff_count, employer.industry = profile.staff_count, profile.industry.strip()
    employer.township, employer.contact_name = profile.township, profile.contact_name.strip()
    employer.contact_phone = contact_phone
    employer.legal_representative = profile.legal_representative.strip()[:64]
    employer.address = profile.address.strip()[:128]
    session.flush()
    audit.record(session, user.id, "update_profile", "employer", employer.id)
    if employer.review_decision == "returned":
        # 退回补充 asked for these details: saving them puts the employer back in the queue.
        employer.review_decision = None
        audit.record(session, user.id, "resubmit", "employer", employer.id)
        session.flush()
    return employer


def list_candidates(
    session: Session, group: str | None, open_to_offers: bool, page: int, per_page: int,
) -> tuple[list[Candidate], int]:
    """The bureau's list of candidates, newest first."""
    query = select(Candidate)
    if group:
        claimed = select(GroupClaim.candidate_id).where(
            GroupClaim.group == group, GroupClaim.status != "withdrawn")  # consent withdrawn: gone
        query = query.where(Candidate.id.in_(claimed))
    if open_to_offers:
        query = query.where(Candidate.open_to_offers.is_(True))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    found = session.scalars(query.options(selectinload(Candidate.group_claims))
                            .order_by(Candidate.id.desc()).limit(per_page).offset((page - 1) * per_page))
    return list(found), total


def get_candidate(session: Session, candidate_id: int) -> Candidate:
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        raise NotFound("求职者不存在", code="candidate_not_found")
    return candidate


def candidates_by_id(session: Session, candidate_ids: Sequence[int]) -> dict[int, Candidate]:
    """These candidates with their group claims, by id (for a ranking's results)."""
    return {c.id: c for c in session.scalars(
        select(Candidate).where(Candidate.id.in_(candidate_ids))
        .options(selectinload(Candidate.group_claims)))}
