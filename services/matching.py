"""What the matcher indexes of the database's rows: the records it is fitted with, and which
rows it holds. How the index is built, shared and kept current is services/index_sync.py."""

from collections.abc import Iterable

import matcher
from models import Candidate, Post

CHANGED = "matcher_changed"
"""Set in `session.info` when a flush recorded a matcher change (services/index_sync.py), so
whoever commits can tell its own process's index to catch up at once: a worker then reads its
own writes (web.database.transaction)."""


def post_record(post: Post) -> matcher.Post:
    return matcher.Post(
        id=str(post.id), kind=post.kind, title=post.title, employer=post.employer.name,
        industry=post.industry, description=post.description, requirements=post.requirements,
        education_min=post.education_min, majors=tuple(post.majors), township=post.township,
        slots=post.slots, salary_min=post.salary_min, salary_max=post.salary_max,
        updated=post.updated_at.date(), work_type=post.work_type,
    )


def candidate_record(candidate: Candidate) -> matcher.Candidate:
    """Declared (待核验) groups count for ranking; placements check verified ones again."""
    return matcher.Candidate(
        id=str(candidate.id), name=candidate.name, birth_date=candidate.birth_date,
        education=candidate.education, school=candidate.school, major=candidate.major,
        graduation_date=candidate.graduation_date, skills=candidate.skills,
        experience=candidate.experience, desired=candidate.desired,
        townships=tuple(candidate.townships), groups=tuple(candidate.groups),
        unemployed_since=candidate.unemployed_since, employed=candidate.employed,
        desired_salary=candidate.desired_salary, work_type=candidate.work_type,
        open_to_offers=candidate.open_to_offers,
    )


def post_indexed(post: Post) -> bool:
    """Open posts are indexed (verified or not, past their close date or not: who may see them
    is the listing's question, services.post_search.visible_posts)."""
    return post.status == "open"


def candidate_indexed(candidate: Candidate) -> bool:
    """Everyone but an erased person (services.privacy: the 身份证号 is gone with the rest)."""
    return candidate.id_number_encrypted is not None


def ids(values: Iterable[int]) -> list[str]:
    """Database ids as the matcher's document ids."""
    return [str(v) for v in values]
