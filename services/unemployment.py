"""Online unemployment registration （九）: a seeker registers at their township; the bureau confirms.

Registering needs what 登记失业 means (就业服务与就业管理规定 reads it the same way): 劳动年龄内,
checked from the birth date and sex the 身份证号 carries (policy.working_age), and the person's
own declaration of 有劳动能力 and 有就业要求, kept in the audit entry of the registration.

Confirming makes the person a verified 登记失业人员 (the group the trainee and public-welfare
rules read) from the registration date the bureau accepts (by default the date they gave);
until then the registration is only a request. A confirmed registration ends with a date
(就业, 注销: services.registrations), and durations are read from that history.
"""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from models import Candidate, GroupClaim, UnemploymentRegistration, User
from models.base import utcnow
from policy.codes import TOWNSHIPS
from policy.errors import Conflict, Invalid, NotFound
from policy.identifiers import birth_date_from_id, sex_from_id
from policy.working_age import check_working_age
from services import audit, policy_settings, registrations
from services.applications import candidate_of

REGISTERED_GROUP = "registered_unemployed"


def register(
    session: Session, user: User, township: str, unemployed_since: date, previous_employer: str,
    today: date, *, able_to_work: bool, wants_work: bool, cadre: bool = False,
) -> UnemploymentRegistration:
    """`able_to_work`, `wants_work`: the person's declarations, both required; `cadre`: she
    declares being a cadre (干部), which sets a woman's retirement age."""
    return register_candidate(session, user.id, candidate_of(session, user), township,
                              unemployed_since, previous_employer, today, able_to_work=able_to_work,
                              wants_work=wants_work, cadre=cadre)


def register_candidate(
    session: Session, actor_id: int, candidate: Candidate, township: str, unemployed_since: date,
    previous_employer: str, today: date, *, able_to_work: bool, wants_work: bool,
    cadre: bool = False, **audit_detail,
) -> UnemploymentRegistration:
    """The registration itself, by the person or by township staff acting for them (代办,
    services.proxy_acts, whose `audit_detail` names the person and the consent)."""
    if not (able_to_work and wants_work):
        raise Invalid("失业登记须本人声明有劳动能力、有就业要求", code="declaration_required",
                      fields={k: "请勾选" for k, v in (("able_to_work", able_to_work),
                                                   ("wants_work", wants_work)) if not v})
    if not candidate.id_number:
        raise Conflict("请先在“基本信息”中填写身份证号，以核对劳动年龄", code="id_number_required")
    check_working_age(birth_date_from_id(candidate.id_number, as_of=today),
                      sex_from_id(candidate.id_number, as_of=today), cadre, today,
                      policy_settings.current(session))
    if township not in TOWNSHIPS:
        raise Invalid("请选择户籍或常住地所在的乡镇（街道）", code="invalid_township",
                      fields={"township": "无效选项"})
    if unemployed_since > today:
        raise Invalid("失业时间不能晚于今天", code="invalid_date", fields={"unemployed_since": "日期不正确"})
    if candidate.employed:
        raise Conflict("您的资料显示已就业，请先在“就业状况”中更新", code="employed")
    if current_registration(session, candidate.id) is not None:
        raise Conflict("您已提交失业登记，请勿重复提交", code="already_registered")
    registration = UnemploymentRegistration(
        candidate_id=candidate.id, township=township, unemployed_since=unemployed_since,
        previous_employer=previous_employer.strip()[:128],
    )
    session.add(registration)
    session.flush()
    audit.record(session, actor_id, "register_unemployed", "unemployment_registration", registration.id,
                 able_to_work=True, wants_work=True, cadre=cadre, **audit_detail)
    return registration


def current_registration(session: Session, candidate_id: int) -> UnemploymentRegistration | None:
    """The pending or running confirmed registration, if any (a rejected or ended one allows
    registering again)."""
    return session.scalar(
        select(UnemploymentRegistration)
        .where(UnemploymentRegistration.candidate_id == candidate_id,
               UnemploymentRegistration.status.in_(("pending", "confirmed")),
               UnemploymentRegistration.ended_on.is_(None))
        .order_by(UnemploymentRegistration.id.desc()))


def pending(session: Session) -> list[UnemploymentRegistration]:
    """The bureau's queue, oldest first."""
    return list(session.scalars(
        select(UnemploymentRegistration).where(UnemploymentRegistration.status == "pending")
        .options(joinedload(UnemploymentRegistration.candidate))
        .order_by(UnemploymentRegistration.id)))


def decide(session: Session, actor: User, registration_id: int, confirm: bool, today: date,
           registered_on: date | None = None) -> UnemploymentRegistration:
    """The bureau confirms (the person becomes a verified 登记失业人员) or rejects.

    Confirming records the registration date the bureau accepts (`registered_on`, by default
    the date the seeker gave, never later than `today`, the app's day of the decision — so a
    district pinned to 2020 cannot accept a date after its own today): what （十）'s
    "登记失业半年以上" counts from, whatever the seeker edits afterwards."""
    registration = session.get(UnemploymentRegistration, registration_id)
    if registration is None:
        raise NotFound("失业登记不存在", code="registration_not_found")
    if registration.status != "pending":
        raise Conflict("该登记已处理", code="already_decided")
    now = utcnow()
    accepted = registered_on or registration.unemployed_since
    if confirm and accepted > today:
        raise Invalid("登记日期不能晚于今天", code="invalid_date", fields={"registered_on": "日期不正确"})
    registration.status = "confirmed" if confirm else "rejected"
    registration.decided_by_id, registration.decided_at = actor.id, now
    if confirm:
        registration.registered_on = accepted
        candidate = registration.candidate
        candidate.employed, candidate.unemployed_since = False, accepted
        claim = next((c for c in candidate.group_claims if c.group == REGISTERED_GROUP), None)
        if claim is None:
            claim = GroupClaim(group=REGISTERED_GROUP)
            candidate.group_claims.append(claim)
        claim.status, claim.decided_by_id, claim.decided_at = "verified", actor.id, utcnow()
    session.flush()
    audit.record(session, actor.id, registration.status, "unemployment_registration", registration.id)
    return registration


def end_registration(session: Session, actor: User, registration_id: int, ended_on: date,
                     reason: str) -> UnemploymentRegistration:
    """The bureau ends a confirmed registration (就业 or 注销) on `ended_on`."""
    registration = session.get(UnemploymentRegistration, registration_id)
    if registration is None:
        raise NotFound("失业登记不存在", code="registration_not_found")
    return registrations.end(session, actor.id, registration, ended_on, reason)
