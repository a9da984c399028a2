"""Quota programs: the bureau creates and edits them, the seed's load from their data file, and
progress reports each one's target, slots offered by its posts and people placed.

A program's `target_rule` decides what its target bounds (policy.placements.fill_rate): a
"cap" on the posts (slots) its posts offer — checked here, under the program's row lock,
whenever a post of the program is created or given more slots — or a "floor" of people
placed, which placements may pass.
"""

import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Employer, Placement, Post, QuotaProgram
from policy import placements as rules
from policy.errors import Conflict, Invalid, NotFound
from policy.text import hidden_characters
from services import audit

PROGRAM_KINDS = ("trainee", "public_welfare")
NAME_MAX = 64


@dataclass(frozen=True)
class ProgramDraft:
    """What the bureau states about a program. `target_rule` None: the kind's rule (trainee a
    floor, public welfare a cap). `term_months` / `monthly_subsidy_fen` None: the district's
    defaults for the kind (policy/data/programs_<year>.json)."""

    kind: str
    name: str
    target: int
    start_date: date
    end_date: date
    target_rule: str | None = None
    term_months: int | None = None
    monthly_subsidy_fen: int | None = None


@dataclass(frozen=True)
class ProgramProgress:
    id: int
    name: str
    kind: str
    target: int
    slots_offered: int
    placed: int
    target_rule: str = "cap"
    start_date: date | None = None
    end_date: date | None = None

    @property
    def fill_rate(self) -> float:
        """A floor's people placed, or a cap's slots offered, over the target; a floor passes
        100 % when more people are placed (（十五） reports the true figure)."""
        return rules.fill_rate(self.target_rule, self.target, self.slots_offered, self.placed)


def program_progress(session: Session) -> list[ProgramProgress]:
    """Slots count only public posts (verified employers); placements count until ended or not."""
    slots = (
        select(Post.program_id, func.coalesce(func.sum(Post.slots), 0).label("slots"))
        .join(Employer, Employer.id == Post.employer_id)
        .where(Employer.verified_at.is_not(None), Post.program_id.is_not(None))
        .group_by(Post.program_id)
        .subquery()
    )
    placed = (
        select(Placement.program_id, func.count(Placement.id).label("placed"))
        .where(Placement.program_id.is_not(None))
        .group_by(Placement.program_id)
        .subquery()
    )
    rows = session.execute(
        select(
            QuotaProgram,
            func.coalesce(slots.c.slots, 0),
            func.coalesce(placed.c.placed, 0),
        )
        .outerjoin(slots, slots.c.program_id == QuotaProgram.id)
        .outerjoin(placed, placed.c.program_id == QuotaProgram.id)
        .order_by(QuotaProgram.start_date, QuotaProgram.id)
    )
    return [
        ProgramProgress(p.id, p.name, p.kind, p.target, int(s), int(n), p.target_rule,
                        p.start_date, p.end_date)
        for p, s, n in rows
    ]


def progress_of(session: Session, program_id: int) -> ProgramProgress:
    """One program's progress (after its creation or an edit)."""
    return next(p for p in program_progress(session) if p.id == program_id)


def get_program(session: Session, program_id: int) -> QuotaProgram:
    program = session.get(QuotaProgram, program_id)
    if program is None:
        raise NotFound("岗位计划不存在", code="program_not_found")
    return program


def programs_by_id(session: Session) -> list[QuotaProgram]:
    """Every program, oldest id first: the choices of a page's program filter."""
    return list(session.scalars(select(QuotaProgram).order_by(QuotaProgram.id)))


def set_target(session: Session, actor_id: int, program_id: int, target: int) -> QuotaProgram:
    """The bureau raises or lowers a target: a cap never below the slots already offered, a
    floor never below the people already placed."""
    program = _locked(session, program_id)
    _check_target(session, program, target)
    before = program.target
    program.target = target
    audit.record(session, actor_id, "set_target", "quota_program", program.id,
                 before={"target": before}, after={"target": target})
    session.flush()
    return program


def create_program(session: Session, actor_id: int | None, draft: ProgramDraft,
                   key: str | None = None) -> QuotaProgram:
    """A new quota program (bureau only, audited). Its parameters start from the district's
    defaults for its kind and year, with the draft's own term and subsidy on top."""
    rule = _check_draft(draft)
    program = QuotaProgram(
        key=key or f"{draft.kind[:7]}{draft.start_date.year}-{secrets.token_hex(4)}",
        name=draft.name.strip(), kind=draft.kind, target=draft.target, target_rule=rule,
        start_date=draft.start_date, end_date=draft.end_date, params=_params(draft),
    )
    session.add(program)
    session.flush()
    audit.record(session, actor_id, "create", "quota_program", program.id, kind=program.kind,
                 name=program.name, target=program.target, target_rule=rule,
                 start_date=program.start_date.isoformat(), end_date=program.end_date.isoformat())
    return program


def update_program(session: Session, actor_id: int, program_id: int,
                   draft: ProgramDraft) -> QuotaProgram:
    """Edit a program: its kind stays (its posts and placements were made under it); the
    target obeys set_target's bound; every change is audited with before and after."""
    program = _locked(session, program_id)
    if draft.kind != program.kind:
        raise Invalid("岗位计划的类型创建后不能修改", code="invalid_program",
                      fields={"kind": "不能修改"})
    rule = _check_draft(draft)
    before = _snapshot(program)
    program.target_rule = rule
    _check_target(session, program, draft.target)
    program.name, program.target = draft.name.strip(), draft.target
    program.start_date, program.end_date = draft.start_date, draft.end_date
    program.params = _params(draft, program.params)
    session.flush()
    audit.record(session, actor_id, "update", "quota_program", program.id,
                 before=before, after=_snapshot(program))
    return program


def load_programs(session: Session, actor_id: int | None, year: int) -> list[QuotaProgram]:
    """The seed's programs of `year` (policy/data/programs_<year>.json), each created once:
    a program whose key exists is left as the bureau has it, so loading again changes nothing."""
    try:
        definitions = rules.program_definitions(year)
    except ValueError as exc:
        raise NotFound(f"没有 {year} 年的岗位计划数据", code="program_data_not_found") from exc
    created = []
    for item in definitions:
        if session.scalar(select(QuotaProgram.id).where(QuotaProgram.key == item["key"])):
            continue
        draft = ProgramDraft(
            kind=item["kind"], name=item["name"], target=item["target"],
            target_rule=item["target_rule"], start_date=date.fromisoformat(item["start"]),
            end_date=date.fromisoformat(item["end"]))
        created.append(create_program(session, actor_id, draft, key=item["key"]))
    return created


def check_slots_within_cap(session: Session, program_id: int, slots: int,
                           post_id: int | None = None) -> None:
    """（六）: a capped program's posts together offer at most its target in slots.

    `slots` is what the post `post_id` (None: a new post) is to offer. The program's row is
    locked first, so two employers adding posts at once cannot both pass (lock order: post,
    then program, as placements take them). A slot refilled after someone left is the same
    slot: placements do not count here. Every post of the program counts, closed ones too:
    a closed post may be reopened with its slots."""
    program = _locked(session, program_id)
    if program.target_rule != "cap":
        return
    others = session.scalar(
        select(func.coalesce(func.sum(Post.slots), 0))
        .where(Post.program_id == program.id, Post.id != (post_id or 0))) or 0
    if others + slots > program.target:
        room = max(program.target - others, 0)
        raise Conflict(
            f"“{program.name}”最多提供 {program.target} 个岗位，已提供 {others} 个，"
            f"本岗位最多还可设 {room} 个", code="program_slots_full",
            fields={"slots": f"最多 {room}"})


def offered_slots(session: Session, program_id: int) -> int:
    """Slots offered by every post of the program (closed posts and unverified employers too)."""
    return int(session.scalar(select(func.coalesce(func.sum(Post.slots), 0))
                              .where(Post.program_id == program_id)) or 0)


def _locked(session: Session, program_id: int) -> QuotaProgram:
    program = session.scalar(
        select(QuotaProgram).where(QuotaProgram.id == program_id).with_for_update()
        .execution_options(populate_existing=True))
    if program is None:
        raise NotFound("岗位计划不存在", code="program_not_found")
    return program


def _check_target(session: Session, program: QuotaProgram, target: int) -> None:
    if program.target_rule == "cap":
        offered = offered_slots(session, program.id)
        if target < max(offered, 1):
            raise Invalid(f"上限不能低于已提供的岗位数（{offered} 个）", code="target_below_offered",
                          fields={"target": f"至少 {max(offered, 1)}"})
        return
    placed = session.scalar(select(func.count(Placement.id)).where(
        Placement.program_id == program.id)) or 0
    if target < max(placed, 1):
        raise Invalid(f"目标不能低于已安置人数（{placed}）", code="target_below_placed",
                      fields={"target": f"至少 {max(placed, 1)}"})


def _check_draft(draft: ProgramDraft) -> str:
    """The draft's shape and sense; returns its target rule."""
    problems = {}
    rule = draft.target_rule or rules.default_target_rule(draft.kind)
    if draft.kind not in PROGRAM_KINDS:
        problems["kind"] = "应为 trainee（就业见习）或 public_welfare（临时性公益岗位）"
    name = draft.name.strip()
    if not name or len(name) > NAME_MAX:
        problems["name"] = f"请填写名称（不超过 {NAME_MAX} 个字）"
    elif hidden_characters(name):
        problems["name"] = "含有不可见的格式控制字符"
    if not 1 <= draft.target <= 1_000_000:
        problems["target"] = "目标应为正整数"
    if rule not in rules.TARGET_RULES:
        problems["target_rule"] = "应为 cap（上限）或 floor（下限）"
    if draft.end_date < draft.start_date:
        problems["end_date"] = "结束日期不能早于开始日期"
    if draft.term_months is not None:
        low, high = (1, 6) if draft.kind == "public_welfare" else (3, 12)
        if not low <= draft.term_months <= high:
            problems["term_months"] = f"期限应为 {low} 至 {high} 个月"
    if draft.monthly_subsidy_fen is not None and (
            draft.kind != "public_welfare" or not 0 <= draft.monthly_subsidy_fen <= 10_000_000):
        problems["monthly_subsidy_fen"] = "仅公益性岗位可设，0 至 10000000 分"
    if problems:
        raise Invalid("岗位计划信息有误：" + "；".join(problems.values()), code="invalid_program",
                      fields=problems)
    return rule


def _params(draft: ProgramDraft, current: dict | None = None) -> dict:
    """The district's defaults for the kind and year (2020's when that year has no data file),
    or the program's current parameters, with the draft's term and subsidy on top."""
    params = dict(current) if current else _defaults(draft.kind, draft.start_date.year)
    if draft.term_months is not None:
        params["term_months"] = draft.term_months
    if draft.monthly_subsidy_fen is not None:
        params["monthly_subsidy_fen"] = draft.monthly_subsidy_fen
    return params


def _defaults(kind: str, year: int) -> dict:
    try:
        return rules.load_program_params(kind, year)
    except (FileNotFoundError, ValueError):
        return rules.load_program_params(kind, 2020)


def _snapshot(program: QuotaProgram) -> dict:
    return {"name": program.name, "target": program.target, "target_rule": program.target_rule,
            "start_date": program.start_date.isoformat(), "end_date": program.end_date.isoformat(),
            "term_months": (program.params or {}).get("term_months"),
            "monthly_subsidy_fen": (program.params or {}).get("monthly_subsidy_fen")}
