"""The applicant as an employer reads them: education, school, major, skills, experience,
desired work and towns — only for the employer of a post the person applied to.

Identity follows services.recommendations.card (name and phone once the person applied,
the 身份证号 always masked); hardship, 低保 and poverty groups never reach an employer, and a
group the bureau has not verified is marked 待核验. Every read of a person's contact details
is audited (services.privacy.record_contact_views), like the ranked list's.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from models import Application, Candidate, User
from models.candidate import ACTIVE_CLAIMS
from policy.codes import GROUP_LABELS, SENSITIVE_GROUPS
from services import privacy
from services.applications import owned_application, post_applications
from services.recommendations import CandidateCard, card


@dataclass(frozen=True)
class ShownGroup:
    group: str
    label: str  # 高校毕业生, or 高校毕业生（待核验）
    verified: bool


@dataclass(frozen=True)
class ApplicantProfile:
    card: CandidateCard
    gender: str
    graduation_date: date | None
    skills: str
    experience: str
    desired: str
    townships: tuple[str, ...]
    groups: tuple[ShownGroup, ...]


def profile(candidate: Candidate, revealed: bool) -> ApplicantProfile:
    """What an employer may read of `candidate`; `revealed`: they applied to its post."""
    groups = tuple(
        ShownGroup(c.group, GROUP_LABELS[c.group] + ("" if c.status == "verified" else "（待核验）"),
                   c.status == "verified")
        for c in candidate.group_claims
        if c.status in ACTIVE_CLAIMS and c.group not in SENSITIVE_GROUPS)
    return ApplicantProfile(card(candidate, revealed, for_employer=True), candidate.gender,
                            candidate.graduation_date, candidate.skills, candidate.experience,
                            candidate.desired, tuple(candidate.townships), groups)


def post_applicants(
    session: Session, actor: User, post_id: int,
) -> list[tuple[Application, ApplicantProfile]]:
    """Every application of the actor's own post with the applicant's profile ("not found"
    for another employer's post); the read is audited."""
    found = [(a, profile(a.candidate, revealed=True)) for a in post_applications(session, actor, post_id)]
    privacy.record_contact_views(session, actor, post_id, [a.candidate_id for a, _ in found])
    return found


def applicant(session: Session, actor: User, application_id: int) -> tuple[Application, ApplicantProfile]:
    """One application of the actor's own post and its applicant's profile; audited."""
    application = owned_application(session, actor, application_id)
    privacy.record_contact_views(session, actor, application.post_id, [application.candidate_id])
    return application, profile(application.candidate, revealed=True)
