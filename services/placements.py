"""Placing a candidate in a post: the records behind the fill rates reported upward.

Concurrency: several gunicorn workers may place people in the same post at once. On
PostgreSQL the post row and then its program row are locked (SELECT … FOR UPDATE) before
counting, so the transactions contending for the same slots run one after another while
placements in other posts proceed in parallel. A counter column with a conditional UPDATE
would be as fast but duplicates what the placement rows already say; SERIALIZABLE would
need a retry loop for every kind of conflict. The fixed lock order (post, then program)
rules out deadlocks between two placements. SQLite ignores FOR UPDATE but admits one writer
at a time; a writer that lost the race is retried by the caller (web.database.retrying).
The unique constraints (one placement per candidate and post, one active public-welfare
placement per person) back all of this up in the database.
"""

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models import Candidate, Placement, Post, QuotaProgram, User
from policy import eligibility
from policy import placements as rules
from policy.errors import Conflict, Forbidden, NotFound
from services import audit
from services.records import candidate_facts


def place_candidate(
    session: Session, actor: User, post_id: int, candidate_id: int, start_date: date
) -> Placement:
    post = session.scalar(select(Post).where(Post.id == post_id).with_for_update())
    if post is None:
        raise NotFound("岗位不存在", code="post_not_found")
    if actor.role == "employer" and actor.employer_id != post.employer_id:
        raise NotFound("岗位不存在", code="post_not_found")
    if actor.role not in ("employer", "bureau"):
        raise Forbidden("只有人社局或岗位所属单位可以登记安置", code="forbidden")
    if not post.employer.verified:
        raise Forbidden("单位尚未通过审核，不能登记安置", code="employer_not_verified")
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        raise NotFound("求职者不存在", code="candidate_not_found")

    if session.scalar(select(Placement.id).where(
            Placement.post_id == post.id, Placement.candidate_id == candidate.id)):
        raise Conflict("该求职者已安置在此岗位", code="already_placed")
    decision = eligibility.check(post.kind, post.education_min,
                                 candidate_facts(candidate, verified_only=True), start_date)
    if not decision.eligible:
        failed = [r.message for r in decision.reasons if not r.passed]
        raise Conflict("不符合该岗位条件：" + "；".join(failed), code="ineligible",
                       fields={"reasons": failed})
    if post.kind == "public_welfare" and _active_public_welfare(session, candidate.id):
        raise Conflict("该求职者已在其他公益性岗位在岗，同一时间只能安置一个（第六条）",
                       code="already_placed")

    active_in_post = session.scalar(select(func.count(Placement.id)).where(
        Placement.post_id == post.id, Placement.ended_on.is_(None)))
    if active_in_post >= post.slots:
        raise Conflict(f"岗位名额已满（共 {post.slots} 个）", code="post_full")

    program = None
    if post.program_id is not None:
        program = session.scalar(
            select(QuotaProgram).where(QuotaProgram.id == post.program_id).with_for_update())
        placed = session.scalar(select(func.count(Placement.id)).where(
            Placement.program_id == program.id))
        if placed >= program.target:
            raise Conflict(f"“{program.name}”已达到目标人数 {program.target}，如需增加请先调整目标",
                           code="program_full")

    placement = Placement(
        post_id=post.id, candidate_id=candidate.id, program_id=post.program_id, kind=post.kind,
        start_date=start_date, created_by_id=actor.id,
        term_end=rules.term_end(post.kind, start_date, program_params(program, post.kind)),
    )
    session.add(placement)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:
        # Another transaction placed the same person meanwhile: the constraint decided.
        raise Conflict("该求职者已被安置", code="already_placed") from exc
    audit.record(session, actor.id, "place", "placement", placement.id, post_id=post.id,
                 candidate_id=candidate.id, start_date=start_date.isoformat())
    return placement


def program_params(program: QuotaProgram | None, kind: str) -> dict:
    """A program's own parameters, else the district defaults for its kind (policy/data)."""
    if kind == "regular":
        return {}
    return (program.params if program else None) or rules.load_program_params(kind)


def _active_public_welfare(session: Session, candidate_id: int) -> bool:
    return session.scalar(select(Placement.id).where(
        Placement.candidate_id == candidate_id, Placement.kind == "public_welfare",
        Placement.ended_on.is_(None))) is not None
