"""代办: township staff act for a person of their township who gave consent
(services.delegation), through the very services the person would use themselves. Each act
is audited by the staff member with the person's name and the consent it rests on, and the
person is told."""

from datetime import date, datetime

from sqlalchemy.orm import Session

from models import Application, Candidate, UnemploymentRegistration, User
from services import applications, delegation, profiles, township_scope, unemployment


def register_unemployment(
    session: Session, staff: User, candidate_id: int, unemployed_since: date,
    previous_employer: str, today: date, now: datetime, *, able_to_work: bool, wants_work: bool,
    cadre: bool = False,
) -> UnemploymentRegistration:
    """失业登记 at the staff member's own township; the person's declarations (有劳动能力,
    有就业要求) are theirs, confirmed to the staff member, and recorded as such."""
    person, consent = delegation.require(session, staff, candidate_id, now)
    registration = unemployment.register_candidate(
        session, staff.id, person, staff.township or "", unemployed_since, previous_employer, today,
        able_to_work=able_to_work, wants_work=wants_work, cadre=cadre,
        **delegation.act_detail(staff, person, consent))
    delegation.tell_person(session, staff, person, f"在{staff.township}的失业登记（待区人社局确认）")
    return registration


def apply(session: Session, staff: User, candidate_id: int, post_id: int, today: date,
          now: datetime) -> Application:
    """申请岗位 for the person: a post of the staff member's township (the only posts the account
    sees), with the same checks (open, not full, eligible) as the person's own application."""
    person, consent = delegation.require(session, staff, candidate_id, now)
    post = township_scope.visible_post(session, staff, post_id)
    application = applications.apply_for(session, staff, person, post.id, today,
                                         **delegation.act_detail(staff, person, consent))
    delegation.tell_person(session, staff, person, f"申请岗位“{post.title}”")
    return application


def save_profile(session: Session, staff: User, candidate_id: int, step: profiles.ProfileStep,
                 today: date, now: datetime) -> Candidate:
    """One step of the person's profile as the person tells it (基本信息, 教育经历, 求职意向,
    就业状况与人员类别), through the seeker's own path (services.profiles.save_step_for). A
    sensitive group needs the person's separate consent there too: the staff member ticks the
    box for them, recorded as given through the staff member (services.consent). A changed
    phone is told at the number the person had as well (delegation.tell_person)."""
    person, consent = delegation.require(session, staff, candidate_id, now)
    previous_phone = person.phone
    profiles.save_step_for(session, staff, person, step, today,
                           **delegation.act_detail(staff, person, consent))
    delegation.tell_person(session, staff, person, f"修改{profiles.PROFILE_STEPS[step.step]}",
                           previous_phone=previous_phone)
    return person
