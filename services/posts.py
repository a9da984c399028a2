"""Employers' posts of the three kinds: drafting, creating, editing, closing and reopening them.

The listing and search of posts are services.post_search.
"""

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models import Application, Employer, Offer, Placement, Post, QuotaProgram, User
from models.placement import over_capacity
from policy import graduate_posts
from policy.codes import EDUCATION_LEVELS, POST_KINDS, TOWNSHIPS, WORK_TYPES
from policy.errors import Conflict, Forbidden, Invalid, NotFound
from services import audit, programs


@dataclass(frozen=True)
class PostDraft:
    kind: str
    title: str
    industry: str
    description: str
    requirements: str
    education_min: str
    majors: tuple[str, ...]
    township: str
    slots: int
    salary_min: int | None
    salary_max: int | None
    close_date: date | None = None
    # （七）: an SOE's regular post whose slots are reserved for 应届高校毕业生.
    reserved_for_graduates: bool = False
    work_type: str = "full_time"  # policy.codes.WORK_TYPES

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> "PostDraft":
        """The one way a post's fields become a draft — a form's data, an API body, an imported
        row: missing texts are empty, majors a tuple, salaries and the close date optional."""
        return cls(
            kind=values["kind"], title=values.get("title") or "",
            industry=values.get("industry") or "", description=values.get("description") or "",
            requirements=values.get("requirements") or "", education_min=values["education_min"],
            majors=tuple(values.get("majors") or ()), township=values["township"],
            slots=values["slots"], salary_min=values.get("salary_min"),
            salary_max=values.get("salary_max"), close_date=values.get("close_date"),
            reserved_for_graduates=bool(values.get("reserved_for_graduates")),
            work_type=values.get("work_type") or "full_time",
        )


def active_placements(session: Session, post_id: int) -> int:
    return session.scalar(select(func.count(Placement.id)).where(
        Placement.post_id == post_id, Placement.ended_on.is_(None))) or 0


def held_offers(session: Session, post_id: int, excluding_candidate: int | None = None) -> int:
    """Slots held by pending offers (services.offers): taken for anyone else until answered
    or expired. Count under the post's lock (lock_post), as the placements are."""
    query = select(func.count(Offer.id)).where(Offer.post_id == post_id, Offer.status == "pending")
    if excluding_candidate is not None:
        query = query.join(Application, Application.id == Offer.application_id).where(
            Application.candidate_id != excluding_candidate)
    return session.scalar(query) or 0


def get_post(session: Session, post_id: int) -> Post:
    """Any post, public or not (the bureau's view of it)."""
    post = session.get(Post, post_id)
    if post is None:
        raise NotFound("岗位不存在", code="post_not_found")
    return post


def create_post(
    session: Session, actor: User, employer_id: int, draft: PostDraft, today: date
) -> Post:
    """A verified employer's (or the bureau's) new post; quota kinds join their program."""
    if actor.role == "employer" and actor.employer_id != employer_id:
        raise Forbidden("只能为本单位发布岗位", code="not_your_employer")
    employer = session.get(Employer, employer_id)
    if employer is None:
        raise NotFound("找不到该单位", code="employer_not_found")
    if not employer.verified:
        raise Forbidden("单位尚未通过人社局审核，暂不能发布岗位", code="employer_not_verified")
    check_draft(draft)
    check_reservation(employer.ownership, draft)
    if draft.close_date is not None and draft.close_date < today:
        # The post opens today; the database's date-order check would otherwise fail the insert.
        raise Invalid("截止日期不能早于发布日期", code="invalid_post",
                      fields={"close_date": "早于发布日期"})
    program_id = None
    if draft.kind != "regular":
        program_id = session.scalar(
            select(QuotaProgram.id)
            .where(QuotaProgram.kind == draft.kind, QuotaProgram.start_date <= today,
                   QuotaProgram.end_date >= today)
            .order_by(QuotaProgram.start_date.desc())
        )
        if program_id is None:
            raise Invalid("当前没有进行中的该类岗位计划，请联系人社局", code="no_open_program",
                          fields={"kind": "无进行中的计划"})
        programs.check_slots_within_cap(session, program_id, draft.slots)
    post = Post(
        ref=f"P{secrets.token_hex(5).upper()}", kind=draft.kind, title=draft.title.strip(),
        employer_id=employer.id, program_id=program_id, industry=draft.industry.strip(),
        description=draft.description.strip(), requirements=draft.requirements.strip(),
        education_min=draft.education_min, majors=list(draft.majors), township=draft.township,
        slots=draft.slots, salary_min=draft.salary_min, salary_max=draft.salary_max,
        work_type=draft.work_type, status="open", open_date=today, close_date=draft.close_date,
        reserved_for_graduates=draft.reserved_for_graduates,
    )
    session.add(post)
    session.flush()
    audit.record(session, actor.id, "create", "post", post.id, kind=post.kind, slots=post.slots,
                 reserved_for_graduates=post.reserved_for_graduates)
    return post


def lock_post(session: Session, post_id: int) -> Post | None:
    """The post, its row locked until the transaction ends (SELECT … FOR UPDATE on PostgreSQL).

    Whatever changes how many people a post holds — a placement, an edit of its slots — takes
    this lock first, so the check "active placements ≤ slots" and the write that follows it run
    one after another. The row is read again even when the session already holds the post:
    a value loaded before the lock was granted may be stale."""
    return session.scalar(select(Post).where(Post.id == post_id).with_for_update()
                          .execution_options(populate_existing=True))


def owned_post(session: Session, actor: User, post_id: int, lock: bool = False) -> Post:
    """The post if `actor` may manage it (its employer or the bureau); another's is "not found".
    `lock`: take the post's row lock (lock_post) before changing its slots."""
    post = lock_post(session, post_id) if lock else session.get(Post, post_id)
    may_manage(actor, post.employer_id if post is not None else None)
    return cast(Post, post)  # may_manage refused a missing one


def may_manage(actor: User, employer_id: int | None) -> None:
    """Refuse unless `actor` may manage a post of this employer (None: no such post). Another
    employer's post is "not found", as a missing one is, so ids reveal nothing."""
    if employer_id is None or (actor.role == "employer" and employer_id != actor.employer_id):
        raise NotFound("岗位不存在", code="post_not_found")
    if actor.role not in ("employer", "bureau"):
        raise Forbidden("只有岗位所属单位或人社局可以管理岗位", code="forbidden")


def update_post(session: Session, actor: User, post_id: int, draft: PostDraft) -> Post:
    """Edit a post. Its kind (and so its quota program) stays; slots never drop below the
    people already placed in it.

    The post's row is locked before counting, as a placement locks it (services.placements):
    an edit to fewer slots and a placement into the last one cannot both pass their checks.
    The database's trigger (migration 0006) refuses the state all the same."""
    post = owned_post(session, actor, post_id, lock=True)
    check_draft(draft)
    if draft.kind != post.kind:
        raise Invalid("岗位类型发布后不能修改，请关闭后重新发布", code="kind_fixed",
                      fields={"kind": "不能修改"})
    check_reservation(post.employer.ownership, draft)
    if draft.reserved_for_graduates and not post.reserved_for_graduates and session.scalar(
            select(Placement.id).where(Placement.post_id == post.id).limit(1)):
        # Hires into a reserved post are checked and counted as 应届高校毕业生 （七）; those
        # made before the reservation were not.
        raise Invalid("该岗位已有录用人员，不能再设为专项招聘应届高校毕业生，请另行发布专项岗位",
                      code="reservation_after_hires",
                      fields={"reserved_for_graduates": "已有录用人员"})
    # A slot held by a pending offer is as taken as a filled one (services.offers).
    placed = active_placements(session, post.id) + held_offers(session, post.id)
    if draft.slots < placed:
        raise _slots_below(placed)
    if post.program_id is not None and draft.slots > post.slots:
        programs.check_slots_within_cap(session, post.program_id, draft.slots, post.id)
    if draft.close_date is not None and draft.close_date < post.open_date:
        raise Invalid("截止日期不能早于发布日期", code="invalid_post",
                      fields={"close_date": "早于发布日期"})
    post_id = post.id
    try:
        # The changes are made inside the savepoint: begin_nested() flushes what is pending
        # before its SAVEPOINT, and a trigger refusing that flush would end the whole
        # transaction instead of this savepoint.
        with session.begin_nested():
            post.title, post.industry = draft.title.strip(), draft.industry.strip()
            post.description, post.requirements = draft.description.strip(), draft.requirements.strip()
            post.education_min, post.majors = draft.education_min, list(draft.majors)
            post.township, post.slots = draft.township, draft.slots
            post.salary_min, post.salary_max = draft.salary_min, draft.salary_max
            post.close_date, post.work_type = draft.close_date, draft.work_type
            post.reserved_for_graduates = draft.reserved_for_graduates
            session.flush()
    except IntegrityError as exc:
        if not over_capacity(exc):
            raise
        raise _slots_below(active_placements(session, post_id)) from exc
    audit.record(session, actor.id, "update", "post", post.id, slots=post.slots,
                 reserved_for_graduates=post.reserved_for_graduates)
    return post


def _slots_below(placed: int) -> Conflict:
    return Conflict(f"已有 {placed} 人在岗或待答复录用，招聘人数不能少于 {placed}",
                    code="slots_below_placements", fields={"slots": f"不能少于 {placed}"})


def set_post_status(session: Session, actor: User, post_id: int, status: str) -> Post:
    """Close a post (it leaves the listing and every worker's index) or reopen it."""
    post = owned_post(session, actor, post_id)
    if post.status != status:
        post.status = status
        session.flush()
        audit.record(session, actor.id, "close" if status == "closed" else "reopen", "post", post.id)
    return post


def employer_posts(session: Session, employer_id: int) -> list[Post]:
    return list(session.scalars(
        select(Post).where(Post.employer_id == employer_id).order_by(Post.id.desc())))


def check_reservation(ownership: str, draft: PostDraft) -> None:
    """（七）: only an SOE's regular post may be reserved for 应届高校毕业生."""
    problem = draft.reserved_for_graduates and graduate_posts.reservation_problem(ownership, draft.kind)
    if problem:
        raise Invalid(problem, code="reservation_not_allowed",
                      fields={"reserved_for_graduates": problem})


def check_draft(draft: PostDraft) -> None:
    problems = {}
    if draft.kind not in POST_KINDS:
        problems["kind"] = "未知的岗位类型"
    if not draft.title.strip():
        problems["title"] = "请填写岗位名称"
    if not draft.industry.strip():
        problems["industry"] = "请填写行业"
    if draft.education_min not in EDUCATION_LEVELS:
        problems["education_min"] = "未知的学历"
    if draft.work_type not in WORK_TYPES:
        problems["work_type"] = "请选择全职或兼职"
    if draft.township not in TOWNSHIPS:
        problems["township"] = "请选择长乐区的乡镇（街道）"
    if draft.slots < 1:
        problems["slots"] = "招聘人数至少为 1"
    if (draft.salary_min is not None and draft.salary_max is not None
            and draft.salary_min > draft.salary_max):
        problems["salary_max"] = "最高薪资不能低于最低薪资"
    if problems:
        raise Invalid("岗位信息有误：" + "；".join(problems.values()), code="invalid_post",
                      fields=problems)
