"""Posts: the public listing and employers' creation of posts of the three kinds."""

import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, joinedload

from models import Employer, Post, QuotaProgram, User
from policy.codes import EDUCATION_LEVELS, POST_KINDS, TOWNSHIPS, education_rank
from policy.errors import Forbidden, Invalid, NotFound
from services import audit


@dataclass(frozen=True)
class PostFilter:
    kind: str | None = None
    township: str | None = None
    industry: str | None = None
    education: str | None = None  # the seeker's level: posts asking at most this


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


def public_posts_query(filters: PostFilter) -> Select:
    """Open posts of verified employers: what anyone may see (（十四） keeps them current)."""
    query = (
        select(Post)
        .join(Employer, Employer.id == Post.employer_id)
        .where(Employer.verified_at.is_not(None), Post.status == "open")
    )
    if filters.kind:
        query = query.where(Post.kind == filters.kind)
    if filters.township:
        query = query.where(Post.township == filters.township)
    if filters.industry:
        query = query.where(Post.industry == filters.industry)
    if filters.education:
        allowed = EDUCATION_LEVELS[: education_rank(filters.education) + 1]
        query = query.where(Post.education_min.in_(allowed))
    return query


def list_public_posts(
    session: Session, filters: PostFilter, page: int, per_page: int
) -> tuple[list[Post], int]:
    query = public_posts_query(filters)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    posts = session.scalars(
        query.options(joinedload(Post.employer))
        .order_by(Post.updated_at.desc(), Post.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return list(posts), total


def get_public_post(session: Session, post_id: int) -> Post:
    post = session.scalar(
        select(Post)
        .join(Employer, Employer.id == Post.employer_id)
        .where(Post.id == post_id, Employer.verified_at.is_not(None))
        .options(joinedload(Post.employer))
    )
    if post is None:
        raise NotFound("岗位不存在或尚未公开", code="post_not_found")
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
    _check_draft(draft)
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
    post = Post(
        ref=f"P{secrets.token_hex(5).upper()}", kind=draft.kind, title=draft.title.strip(),
        employer_id=employer.id, program_id=program_id, industry=draft.industry.strip(),
        description=draft.description.strip(), requirements=draft.requirements.strip(),
        education_min=draft.education_min, majors=list(draft.majors), township=draft.township,
        slots=draft.slots, salary_min=draft.salary_min, salary_max=draft.salary_max,
        status="open", open_date=today, close_date=draft.close_date,
    )
    session.add(post)
    session.flush()
    audit.record(session, actor.id, "create", "post", post.id, kind=post.kind, slots=post.slots)
    return post


def _check_draft(draft: PostDraft) -> None:
    problems = {}
    if draft.kind not in POST_KINDS:
        problems["kind"] = "未知的岗位类型"
    if not draft.title.strip():
        problems["title"] = "请填写岗位名称"
    if not draft.industry.strip():
        problems["industry"] = "请填写行业"
    if draft.education_min not in EDUCATION_LEVELS:
        problems["education_min"] = "未知的学历"
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
