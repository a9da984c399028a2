"""The API's answers about a person's profile: the seeker's own (`/me/profile`), and the one the
employer of a post reads beside an application (web/serializers.py holds the rest)."""

from typing_extensions import TypedDict  # pydantic reads typing.TypedDict only from 3.12

from models import Application, Candidate
from services.applicant_profiles import ApplicantProfile
from web.serializers import IsoDate, IsoDateTime, iso_date


class ShownGroupJson(TypedDict):
    group: str
    label: str
    verified: bool  # False: declared, 待核验


class ProfileFactsJson(TypedDict):
    """What a person says of their schooling, work and wishes: the seeker's own profile and the
    one an employer reads share it."""
    education: str
    school: str
    major: str
    graduation_date: IsoDate | None
    skills: str
    experience: str
    desired: str
    townships: list[str]


class ApplicantProfileJson(ProfileFactsJson):
    name: str
    phone: str
    id_number: str  # always masked
    masked: bool  # name and phone masked (the person has not applied to the post)
    gender: str
    groups: list[ShownGroupJson]  # never 就业困难/低保/脱贫 for an employer


class PostApplicationJson(TypedDict):
    id: int
    candidate_id: int
    stage: str
    reason: str
    applied_at: IsoDateTime
    profile: ApplicantProfileJson


class SeekerProfileJson(ProfileFactsJson):
    name: str
    desired_salary: int | None
    work_type: str
    open_to_offers: bool


def seeker_profile_json(candidate: Candidate) -> SeekerProfileJson:
    return {
        "name": candidate.name,
        "education": candidate.education,
        "school": candidate.school,
        "major": candidate.major,
        "graduation_date": iso_date(candidate.graduation_date),
        "skills": candidate.skills,
        "experience": candidate.experience,
        "desired": candidate.desired,
        "townships": list(candidate.townships),
        "desired_salary": candidate.desired_salary,
        "work_type": candidate.work_type,
        "open_to_offers": candidate.open_to_offers,
    }


def post_application_json(application: Application, profile: ApplicantProfile) -> PostApplicationJson:
    return {
        "id": application.id,
        "candidate_id": application.candidate_id,
        "stage": application.status,
        "reason": application.reason,
        "applied_at": application.created_at.isoformat(),
        "profile": {
            "name": profile.card.name,
            "phone": profile.card.phone,
            "id_number": profile.card.id_number,
            "masked": not profile.card.revealed,
            "gender": profile.gender,
            "education": profile.card.education,
            "school": profile.card.school,
            "major": profile.card.major,
            "graduation_date": iso_date(profile.graduation_date),
            "skills": profile.skills,
            "experience": profile.experience,
            "desired": profile.desired,
            "townships": list(profile.townships),
            "groups": [{"group": g.group, "label": g.label, "verified": g.verified}
                                for g in profile.groups],
        },
    }
