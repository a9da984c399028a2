"""Placing a candidate in a post: the records behind the fill rates reported upward.

Concurrency: several gunicorn workers may place people in the same post at once, and an
employer may edit the post's slots meanwhile. On PostgreSQL the post row and then its program
row are locked (SELECT … FOR UPDATE, services.posts.lock_post; an edit takes the same post
lock) before counting, so the transactions contending for the same slots run one after another while
placements in other posts proceed in parallel. A counter column with a conditional UPDATE
would be as fast but duplicates what the placement rows already say; SERIALIZABLE would
need a retry loop for every kind of conflict. The fixed lock order (post, then program)
rules out deadlocks between two placements. SQLite ignores FOR UPDATE but admits one writer
at a time; a writer that lost the race is retried by the caller (web.database.retrying).
The unique constraints (one placement per candidate and post, one active public-welfare
placement per person) and the slots trigger (never more active placements than slots,
migration 0006) back all of this up in the database.
"""

from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from models import Application, Candidate, Offer, Placement, Post, QuotaProgram, User
from models.placement import over_capacity
from policy import eligibility, graduate_posts
from policy import placements as rules
from policy.errors import Conflict, Forbidden, Invalid, NotFound
from services import audit, policy_settings, registrations
from services.posts import held_offers, lock_post
from services.records import candidate_facts, hire_snapshot


def place_candidate(
    session: Session, actor: User, post_id: int, candidate_id: int, start_date: date,
    contract_months: int | None = None, term_months: int | None = None,
) -> Placement:
    """Place a person in a post: the bureau anyone eligible, an employer only its own applicant
    (hiring, services.applications.advance). A trainee's term (`term_months`, 3 to 12) is set
    here: when not given, the programme's term, else the longest the national notice allows.

    Checks run in an order that tells an employer nothing it should not learn: someone who did
    not apply to its post is "not found" before any rule is read; a full post or program is
    full for everyone; and a refusal on a rule about a sensitive group (hardship, 低保,
    poverty, unemployment, another public-welfare post) reads the same whichever rule failed.
    The bureau gets every reason."""
    post = lock_post(session, post_id)
    if post is None:
        raise NotFound("岗位不存在", code="post_not_found")
    if actor.role == "employer":
        if actor.employer_id != post.employer_id:
            raise NotFound("岗位不存在", code="post_not_found")
        if _application(session, post.id, candidate_id) is None:
            raise NotFound("该求职者未申请此岗位", code="application_not_found")
    elif actor.role != "bureau":
        raise Forbidden("只有人社局或岗位所属单位可以登记安置", code="forbidden")
    if not post.employer.verified:
        raise Forbidden("单位尚未通过审核，不能登记安置", code="employer_not_verified")
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        raise NotFound("求职者不存在", code="candidate_not_found")

    if session.scalar(select(Placement.id).where(
            Placement.post_id == post.id, Placement.candidate_id == candidate.id)):
        raise Conflict("该求职者已安置在此岗位", code="already_placed")
    # Pending offers of others hold slots too (services.offers): an accepted offer never
    # meets a post filled meanwhile.
    active_in_post = session.scalar(select(func.count(Placement.id)).where(
        Placement.post_id == post.id, Placement.ended_on.is_(None)))
    if active_in_post + held_offers(session, post.id, candidate.id) >= post.slots:
        raise _post_full(post)
    # A program's target bounds no placement: a floor （七） counts every person placed beyond
    # it, and a cap （六） bounds the slots its posts offer (services.programs), which the post's
    # slots above already hold; a slot refilled after someone left is the same post.
    program = session.get(QuotaProgram, post.program_id) if post.program_id is not None else None
    check_rules(session, actor, post, candidate, start_date)

    placement = Placement(
        post_id=post.id, candidate_id=candidate.id, program_id=post.program_id, kind=post.kind,
        start_date=start_date, created_by_id=actor.id, contract_months=contract_months,
        term_end=_term_end(session, post.kind, start_date, program_params(program, post.kind),
                           term_months),
        hire_facts=hire_snapshot(
            candidate, registrations.registered_since(session, candidate.id, start_date)),
    )
    try:
        with session.begin_nested():  # added inside: begin_nested() flushes what is pending first
            session.add(placement)
            session.flush()
    except IntegrityError as exc:
        if over_capacity(exc):
            raise _post_full(post) from exc
        # Another transaction placed the same person meanwhile: the constraint decided.
        raise Conflict("该求职者已被安置", code="already_placed") from exc
    audit.record(session, actor.id, "place", "placement", placement.id, post_id=post.id,
                 candidate_id=candidate.id, start_date=start_date.isoformat())
    # Placed (by the bureau, not through the offer): the person's own pending offer of the
    # post would otherwise hold a second slot beside the placement until it expired.
    session.execute(update(Offer).where(
        Offer.post_id == post.id, Offer.status == "pending",
        Offer.application_id.in_(select(Application.id).where(
            Application.post_id == post.id, Application.candidate_id == candidate.id)),
    ).values(status="withdrawn"))
    if post.kind == "regular":
        # A job ends the unemployment registration （就业） on its first day.
        registrations.end_open(session, actor.id, candidate.id, start_date, "employed")
    return placement


def check_trainee_term(session: Session, start_date: date, term_months: int | None) -> date:
    """A traineeship's last day from its term, which must be given and lie within the settings'
    3 to 12 months in effect on the start date (national 2020 就业见习 notice): what an offer
    for a trainee post states, checked by the same rule as the placement it becomes."""
    settings = policy_settings.current(session)
    shortest = settings.value("trainee", "min_term_months", start_date)
    longest = settings.value("trainee", "max_term_months", start_date)
    if term_months is None:
        raise Invalid(f"请填写见习期限（{shortest}至{longest}个月）", code="trainee_term_invalid",
                      fields={"term_months": f"{shortest}至{longest}个月"})
    return rules.trainee_term_end(start_date, term_months, shortest, longest)


def _term_end(session: Session, kind: str, start_date: date, params: dict,
              term_months: int | None) -> date | None:
    """（六）'s term from the programme; a trainee's from the placement, within the settings'
    3 to 12 months in effect on the start date (national 2020 就业见习 notice)."""
    if kind != "trainee":
        return rules.term_end(kind, start_date, params)
    settings = policy_settings.current(session)
    shortest = settings.value("trainee", "min_term_months", start_date)
    longest = settings.value("trainee", "max_term_months", start_date)
    months = term_months or params.get("term_months") or longest
    return rules.trainee_term_end(start_date, months, shortest, longest)


EMPLOYER_REFUSAL = "该申请人目前不符合本岗位的安置条件，如有疑问请联系区人社局"
"""What an employer reads when a trainee or public-welfare rule refuses its applicant: those
rules are about groups an employer must not learn (PIPL Art. 28), so which one failed is
the bureau's to know."""


def check_rules(session: Session, actor: User, post: Post, candidate: Candidate,
                 start_date: date) -> None:
    """Eligibility on verified groups, （七） an 应届高校毕业生 in a post reserved for one, and
    （六） one public-welfare post at a time."""
    facts = candidate_facts(candidate, verified_only=True)
    decision = eligibility.check(post.kind, post.education_min, facts, start_date)
    if decision.eligible and post.reserved_for_graduates:
        # About education and graduation only, no sensitive group: the employer may read why.
        graduate = graduate_posts.fresh_graduate(facts, start_date)
        if not graduate.passed:
            raise Conflict(graduate.message, code="not_fresh_graduate",
                           fields={"reasons": [graduate.message]})
    in_other_post = post.kind == "public_welfare" and _active_public_welfare(session, candidate.id)
    if decision.eligible and not in_other_post:
        return
    if actor.role != "bureau" and post.kind != "regular":
        raise Conflict(EMPLOYER_REFUSAL, code="ineligible")
    if not decision.eligible:
        failed = [r.message for r in decision.reasons if not r.passed]
        raise Conflict("不符合该岗位条件：" + "；".join(failed), code="ineligible",
                       fields={"reasons": failed})
    raise Conflict("该求职者已在其他公益性岗位在岗，同一时间只能安置一个（本区经办规则）",
                   code="already_placed")


def _post_full(post: Post) -> Conflict:
    return Conflict(f"岗位名额已满（共 {post.slots} 个）", code="post_full")


def _application(session: Session, post_id: int, candidate_id: int) -> int | None:
    return session.scalar(select(Application.id).where(
        Application.post_id == post_id, Application.candidate_id == candidate_id))


def roster(session: Session, program_id: int | None, limit: int) -> list[Placement]:
    """The newest placements first, with their posts, employers and people; one program's when
    `program_id` is given."""
    query = (select(Placement).options(joinedload(Placement.post).joinedload(Post.employer),
                                       joinedload(Placement.candidate))
             .order_by(Placement.start_date.desc(), Placement.id.desc()).limit(limit))
    if program_id:
        query = query.where(Placement.program_id == program_id)
    return list(session.scalars(query).unique())


def program_params(program: QuotaProgram | None, kind: str) -> dict:
    """A program's own parameters, else the district defaults for its kind (policy/data)."""
    if kind == "regular":
        return {}
    return (program.params if program else None) or rules.load_program_params(kind)


def _active_public_welfare(session: Session, candidate_id: int) -> bool:
    return session.scalar(select(Placement.id).where(
        Placement.candidate_id == candidate_id, Placement.kind == "public_welfare",
        Placement.ended_on.is_(None))) is not None


def unavailable_for(session: Session, post: Post) -> set[int]:
    """People who cannot be placed in `post` now: already in it, or (public welfare) in another."""
    taken = select(Placement.candidate_id).where(Placement.post_id == post.id)
    if post.kind == "public_welfare":
        taken = taken.union(select(Placement.candidate_id).where(
            Placement.kind == "public_welfare", Placement.ended_on.is_(None)))
    return set(session.scalars(taken))
