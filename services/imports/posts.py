"""Imported posts: each joins a registered, verified employer and, for the quota kinds, the
program whose period covers its open date; all are written with one bulk INSERT."""

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from models import Employer, Post, QuotaProgram
from policy import graduate_posts
from policy.codes import POST_KIND_LABELS
from policy.errors import Invalid
from policy.identifiers import InvalidIdentifier, validate_credit_code
from services.imports.rows import BATCHED, Rows, chunks
from services.posts import PostDraft, check_draft
from services.programs import offered_slots


@dataclass(frozen=True)
class PostPlan:
    post: Any  # matcher.records.Post
    employer_id: int
    program_id: int | None
    open_date: date
    reserved_for_graduates: bool = False


class PostRows(Rows):
    model = Post
    written = (Post.__tablename__,)

    def __init__(self, session: Session, today: date, records: list[dict[str, Any]],
                 actor_id: int | None):
        super().__init__(session, today, records, actor_id)
        wanted = select(Employer.id, Employer.name, Employer.credit_code, Employer.verified_at,
                        Employer.ownership)
        employers = {}
        for chunk in chunks(self._code(r) for r in records):
            employers.update((e.id, e) for e in session.execute(
                wanted.where(Employer.credit_code.in_(chunk))))
        for chunk in chunks(str(r.get("employer", "")).strip() for r in records):
            employers.update((e.id, e) for e in session.execute(wanted.where(Employer.name.in_(chunk))))
        self.by_code = {e.credit_code: e for e in employers.values()}
        self.by_name: dict[str, list] = {}
        for employer in employers.values():
            self.by_name.setdefault(employer.name, []).append(employer)
        self.programs = list(session.scalars(
            select(QuotaProgram).order_by(QuotaProgram.start_date.desc(), QuotaProgram.id.desc())))
        # Slots offered so far per capped program （六）: the database's, then each accepted row's.
        self.offered: dict[int, int] = {}

    @staticmethod
    def _code(record: dict[str, Any]) -> str:
        try:
            return validate_credit_code(str(record.get("credit_code", "")))
        except InvalidIdentifier:
            return ""

    def check(self, number: int, record: dict[str, Any], post, problems: list[str]) -> PostPlan | None:
        self.check_ref(number, record, problems)
        employer = self._employer(record, problems)
        if post is None:
            return None
        try:
            check_draft(PostDraft.from_values(asdict(post)))
        except Invalid as error:
            problems.extend(error.fields.values())
        open_date = date.fromisoformat(record["open_date"]) if "open_date" in record else self.today
        program_id = None
        if post.kind != "regular":
            program_id = next((p.id for p in self.programs if p.kind == post.kind
                               and p.start_date <= open_date <= p.end_date), None)
            if program_id is None:
                problems.append(f"没有覆盖 {open_date.isoformat()} 的{POST_KIND_LABELS[post.kind]}计划")
            else:
                self._check_cap(program_id, post.slots, problems)
        reserved = bool(record.get("reserved_for_graduates"))
        if reserved and employer is not None:
            problem = graduate_posts.reservation_problem(employer.ownership, post.kind)
            if problem:
                problems.append(problem)
        if problems or employer is None:
            return None
        return PostPlan(post, employer.id, program_id, open_date, reserved)

    def _check_cap(self, program_id: int, slots: int, problems: list[str]) -> None:
        """（六）: a capped program's posts offer at most its target in slots, the rows of this
        file included (a row refused for another reason reserves nothing, but the whole file is
        refused then anyway)."""
        program = next(p for p in self.programs if p.id == program_id)
        if program.target_rule != "cap":
            return
        if program_id not in self.offered:
            self.offered[program_id] = offered_slots(self.session, program_id)
        if self.offered[program_id] + slots > program.target:
            room = max(program.target - self.offered[program_id], 0)
            problems.append(f"“{program.name}”最多提供 {program.target} 个岗位，本行最多还可设 {room} 个")
        else:
            self.offered[program_id] += slots

    def _employer(self, record: dict[str, Any], problems: list[str]):
        name = str(record.get("employer", "")).strip()
        raw_code = str(record.get("credit_code", "")).strip()
        if raw_code:
            try:
                code = validate_credit_code(raw_code)
            except InvalidIdentifier as error:
                problems.append(error.message)
                return None
            employer = self.by_code.get(code)
            if employer is None:
                problems.append(f"统一社会信用代码 {code} 对应的单位未在本系统注册")
                return None
            if name and name != employer.name:
                problems.append(f"单位名称与统一社会信用代码不符（系统中为「{employer.name}」）")
                return None
        elif not name:
            problems.append("缺少「单位」")
            return None
        else:
            matches = self.by_name.get(name, [])
            if not matches:
                problems.append(f"单位「{name}」未在本系统注册")
                return None
            if len(matches) > 1:
                problems.append(f"有多个名为「{name}」的单位，请填写统一社会信用代码")
                return None
            employer = matches[0]
        if employer.verified_at is None:
            problems.append(f"单位「{employer.name}」尚未通过人社局审核，暂不能发布岗位")
            return None
        return employer

    def insert(self, plans: Iterable[PostPlan]) -> list[int]:
        values = [
            dict(
                ref=p.post.id, kind=p.post.kind, title=p.post.title.strip(),
                employer_id=p.employer_id, program_id=p.program_id,
                industry=p.post.industry.strip(), description=p.post.description.strip(),
                requirements=p.post.requirements.strip(), education_min=p.post.education_min,
                majors=list(p.post.majors), township=p.post.township, slots=p.post.slots,
                salary_min=p.post.salary_min, salary_max=p.post.salary_max, status="open",
                open_date=p.open_date, reserved_for_graduates=p.reserved_for_graduates,
            )
            for p in plans
        ]
        return list(self.session.scalars(
            insert(Post).returning(Post.id, sort_by_parameter_order=True), values,
            execution_options=BATCHED))
