"""JSON shapes of the API: posts in the interchange format, programs with their progress,
applications with their history, and candidates as the viewer may see them."""

from models import Application, ApplicationEvent, Placement, Post
from services.programs import ProgramProgress
from services.recommendations import CandidateCard


def post_json(post: Post) -> dict:
    return {
        "id": post.id,
        "ref": post.ref,
        "kind": post.kind,
        "title": post.title,
        "employer": post.employer.name,
        "employer_id": post.employer_id,
        "employer_verified": post.employer.verified,
        "industry": post.industry,
        "description": post.description,
        "requirements": post.requirements,
        "education_min": post.education_min,
        "majors": list(post.majors),
        "township": post.township,
        "slots": post.slots,
        "salary_min": post.salary_min,
        "salary_max": post.salary_max,
        "status": post.status,
        "open_date": post.open_date.isoformat(),
        "close_date": post.close_date.isoformat() if post.close_date else None,
        "updated_at": post.updated_at.isoformat(),
    }


def program_json(progress: ProgramProgress) -> dict:
    return {
        "id": progress.id,
        "name": progress.name,
        "kind": progress.kind,
        "target": progress.target,
        "slots_offered": progress.slots_offered,
        "placed": progress.placed,
    }


def placement_json(placement: Placement) -> dict:
    return {
        "id": placement.id,
        "post_id": placement.post_id,
        "candidate_id": placement.candidate_id,
        "program_id": placement.program_id,
        "kind": placement.kind,
        "start_date": placement.start_date.isoformat(),
        "term_end": placement.term_end.isoformat() if placement.term_end else None,
        "ended_on": placement.ended_on.isoformat() if placement.ended_on else None,
        "end_reason": placement.end_reason,
    }


def application_json(application: Application, events: list[ApplicationEvent]) -> dict:
    return {
        "id": application.id,
        "post_id": application.post_id,
        "candidate_id": application.candidate_id,
        "status": application.status,
        "reason": application.reason,
        "history": [{"status": e.status, "reason": e.reason, "at": e.at.isoformat()} for e in events],
    }


def candidate_card_json(card: CandidateCard) -> dict:
    """A person as the viewer may see them: masked until they apply, no sensitive groups."""
    return {
        "id": card.id,
        "name": card.name,
        "phone": card.phone,
        "id_number": card.id_number,
        "education": card.education,
        "school": card.school,
        "major": card.major,
        "groups": list(card.groups),
        "masked": not card.revealed,
    }
