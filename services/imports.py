"""The bureau's bulk import of posts and candidates (.xlsx, .csv or .jsonl): whole or not at all.

Every row is checked before anything is written, so a dry run and a real run give the same
report; a real run with any rejected row raises `ImportRejected` carrying that report, and the
caller's transaction writes nothing. Half an import would leave the bureau guessing which rows
made it in, and the fill-rate figures reported upward would silently include half a file.

Decisions (see also the bureau's import page):
- Existing ids (`Post.ref`, `Candidate.ref`) and 身份证号 are rejected as duplicates, never
  updated: an update could shrink a post below its placements or change its kind and program,
  which the post pages check one by one; edits belong there.
- Posts join a registered, verified employer, matched by 统一社会信用代码 when the column is
  there, else by exact name (a name shared by two employers needs the code). Quota kinds join
  the program of that kind whose period covers the post's open date (发布日期, default today).
- Groups of imported candidates are recorded as verified: the bureau imports from its own
  registers (失业登记, 低保 and hardship rolls), so it vouches for them, and the verification
  is attributed to the importing user (None for the operator command) in the audit trail.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from tqdm import tqdm

from matcher.records import RecordError, candidate_from_dict, post_from_dict
from models import Candidate, Employer, GroupClaim, Post, QuotaProgram, User, id_cipher
from models.base import utcnow
from policy.codes import POST_KIND_LABELS
from policy.errors import Conflict, Forbidden, Invalid
from policy.identifiers import (
    InvalidIdentifier,
    validate_credit_code,
    validate_id_number,
    validate_mobile,
)
from services import audit, consent
from services.import_columns import KIND_LABELS, KINDS, Layout, detect_kind, field_label, layout
from services.import_readers import MAX_FILE_BYTES, UnreadableFile, clean_file_name, read_sheet
from services.posts import PostDraft, _check_draft

__all__ = ["MAX_FILE_BYTES", "ImportRejected", "ImportReport", "RejectedRow", "import_file"]

_CHUNK = 500  # values per IN (...) query: well under every database's parameter limit


@dataclass(frozen=True)
class RejectedRow:
    number: int  # as the user sees it: the Excel row (header = 1) or the JSONL line
    ref: str
    reasons: tuple[str, ...]


@dataclass
class ImportReport:
    file_name: str
    format: str
    kind: str
    dry_run: bool
    rows: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    ignored_columns: tuple[str, ...] = ()
    imported: int = 0

    @property
    def accepted(self) -> int:
        return self.rows - len(self.rejected)

    def summary(self) -> str:
        label = KIND_LABELS[self.kind]
        if self.imported:
            return f"{self.file_name}：已导入{label} {self.imported} 条"
        text = (f"{self.file_name}：共 {self.rows} 行{label}，{self.accepted} 行可导入，"
                f"{len(self.rejected)} 行有误")
        if self.dry_run:
            return text + "（试导入，未写入任何数据）"
        return text + "，整个文件未导入"

    def lines(self) -> list[str]:
        """The report as text, for the operator command."""
        out = [self.summary()]
        if self.ignored_columns:
            out.append(f"未识别、已忽略的列：{'、'.join(self.ignored_columns)}")
        for row in self.rejected:
            ref = f"（编号 {row.ref}）" if row.ref else ""
            out.append(f"第 {row.number} 行{ref}：{'；'.join(row.reasons)}")
        return out


class ImportRejected(Invalid):
    """Some rows were rejected, so nothing was imported; `report` says which and why."""

    code = "import_rejected"

    def __init__(self, report: ImportReport):
        super().__init__(f"有 {len(report.rejected)} 行数据有误，整个文件未导入，请修改后重新导入")
        self.report = report


def import_file(
    session: Session, actor: User | None, data: bytes, file_name: str, *, today: date,
    kind: str | None = None, dry_run: bool = False, progress: bool = False,
    read_seconds: float | None = None,
) -> ImportReport:
    """Check every row of the file, then import them all (unless `dry_run`) or raise.

    `actor` None is the operator's command line; otherwise only the bureau may import.
    `progress` shows tqdm bars on the terminal (the CLI sets it). Reading the file stops with
    UnreadableFile after `read_seconds` (the web gives its budget; None: no limit).
    """
    if actor is not None and actor.role != "bureau":
        raise Forbidden("只有人社局可以批量导入", code="forbidden")
    name = clean_file_name(file_name)
    sheet = read_sheet(data, name, seconds=read_seconds)
    if not sheet.rows:
        raise UnreadableFile("文件中没有数据行")
    if kind is not None and kind not in KINDS:
        raise Invalid("导入内容应为岗位（posts）或求职者（candidates）", code="import_kind_unknown")
    kind = kind or detect_kind(sheet.headers)
    columns = layout(kind, sheet.headers)
    report = ImportReport(name, sheet.format, kind, dry_run, rows=len(sheet.rows),
                          ignored_columns=columns.ignored)

    reading = tqdm(sheet.rows, desc="检查", unit="行", disable=not progress)
    parsed = [_parse(columns, row.values, row.problem) for row in reading]
    actor_id = actor.id if actor else None
    rows = (_Posts if kind == "posts" else _Candidates)(
        session, today, [p[0] for p in parsed], actor_id)
    plans = []
    for row, (record, entity, problems) in zip(sheet.rows, parsed, strict=True):
        plan = None if row.problem else rows.check(row.number, record, entity, problems)
        if problems:
            report.rejected.append(RejectedRow(row.number, _ref_of(record), tuple(problems)))
        else:
            plans.append(plan)
    if report.rejected and not dry_run:
        raise ImportRejected(report)
    if dry_run:
        return report

    try:
        created = rows.insert(tqdm(plans, desc="导入", unit="行", disable=not progress))
    except IntegrityError as exc:
        # Only a concurrent import of the same ids gets past the checks above; the unique
        # constraints stop it, and the caller's rollback leaves nothing behind.
        raise Conflict("导入期间有人写入了相同的编号或身份证号，请重新检查后再导入",
                       code="import_conflict") from exc
    entity_name = "post" if kind == "posts" else "candidate"
    report.imported = len(created)
    audit.record(session, actor_id, "import", entity_name, None, file=name, format=sheet.format,
                 kind=kind, rows=report.rows, imported=report.imported)
    session.flush()
    return report


def _parse(columns: Layout, values: dict[str, Any], unreadable: str):
    """(interchange dict, validated matcher record or None, reasons so far) for one row."""
    if unreadable:
        return {}, None, [unreadable]
    record, problems = columns.convert(values)
    entity = None
    if not problems:
        reader = post_from_dict if columns.kind == "posts" else candidate_from_dict
        try:
            entity = reader(record)
        except RecordError as exc:
            problems.append(_worded(columns.kind, str(exc)))
    return record, entity, problems


def _worded(kind: str, message: str) -> str:
    """matcher.records names fields in English (字段 salary_min); say the column's header."""
    return re.sub(r"字段 ([a-z_]+) ?", lambda m: f"「{field_label(kind, m.group(1))}」", message)


def _ref_of(record: dict[str, Any]) -> str:
    ref = record.get("id")
    return ref if isinstance(ref, str) else ""


def _chunks(values: Iterable[str]) -> Iterable[list[str]]:
    """The distinct non-empty values, a bounded list at a time for IN (...)."""
    wanted = sorted({v for v in values if v})
    for start in range(0, len(wanted), _CHUNK):
        yield wanted[start:start + _CHUNK]


def _existing(session: Session, column, values: Iterable[str]) -> set[str]:
    """Which of `values` the column already holds."""
    found: set[str] = set()
    for chunk in _chunks(values):
        found.update(session.scalars(select(column).where(column.in_(chunk))))
    return found


class _Rows:
    """Checks shared by both kinds: an id is new, both in the database and in this file.

    `insert` writes with one bulk INSERT … RETURNING rather than an ORM object per row: that
    is several times faster, so a full 20,000-row file fits within a request's time limit.
    """

    model: type

    def __init__(self, session: Session, today: date, records: list[dict[str, Any]],
                 actor_id: int | None):
        self.session = session
        self.today = today
        self.actor_id = actor_id
        self.existing_refs = _existing(session, self.model.ref, (_ref_of(r) for r in records))
        self.seen_refs: dict[str, int] = {}

    def check_ref(self, number: int, record: dict[str, Any], problems: list[str]) -> None:
        ref = _ref_of(record)
        if not ref:
            return
        if ref in self.existing_refs:
            problems.append(f"编号 {ref} 已存在（导入不修改已有数据）")
        elif ref in self.seen_refs:
            problems.append(f"编号 {ref} 与第 {self.seen_refs[ref]} 行重复")
        else:
            self.seen_refs[ref] = number


@dataclass(frozen=True)
class _PostPlan:
    post: Any  # matcher.records.Post
    employer_id: int
    program_id: int | None
    open_date: date


class _Posts(_Rows):
    model = Post

    def __init__(self, session: Session, today: date, records: list[dict[str, Any]],
                 actor_id: int | None):
        super().__init__(session, today, records, actor_id)
        wanted = select(Employer.id, Employer.name, Employer.credit_code, Employer.verified_at)
        employers = {}
        for chunk in _chunks(self._code(r) for r in records):
            employers.update((e.id, e) for e in session.execute(
                wanted.where(Employer.credit_code.in_(chunk))))
        for chunk in _chunks(str(r.get("employer", "")).strip() for r in records):
            employers.update((e.id, e) for e in session.execute(wanted.where(Employer.name.in_(chunk))))
        self.by_code = {e.credit_code: e for e in employers.values()}
        self.by_name: dict[str, list] = {}
        for employer in employers.values():
            self.by_name.setdefault(employer.name, []).append(employer)
        self.programs = list(session.scalars(
            select(QuotaProgram).order_by(QuotaProgram.start_date.desc(), QuotaProgram.id.desc())))

    @staticmethod
    def _code(record: dict[str, Any]) -> str:
        try:
            return validate_credit_code(str(record.get("credit_code", "")))
        except InvalidIdentifier:
            return ""

    def check(self, number: int, record: dict[str, Any], post, problems: list[str]) -> _PostPlan | None:
        self.check_ref(number, record, problems)
        employer = self._employer(record, problems)
        if post is None:
            return None
        draft = PostDraft(
            kind=post.kind, title=post.title, industry=post.industry, description=post.description,
            requirements=post.requirements, education_min=post.education_min, majors=post.majors,
            township=post.township, slots=post.slots, salary_min=post.salary_min,
            salary_max=post.salary_max,
        )
        try:
            _check_draft(draft)
        except Invalid as error:
            problems.extend(error.fields.values())
        open_date = date.fromisoformat(record["open_date"]) if "open_date" in record else self.today
        program_id = None
        if post.kind != "regular":
            program_id = next((p.id for p in self.programs if p.kind == post.kind
                               and p.start_date <= open_date <= p.end_date), None)
            if program_id is None:
                problems.append(f"没有覆盖 {open_date.isoformat()} 的{POST_KIND_LABELS[post.kind]}计划")
        if problems or employer is None:
            return None
        return _PostPlan(post, employer.id, program_id, open_date)

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

    def insert(self, plans: Iterable[_PostPlan]) -> list[int]:
        values = [
            dict(
                ref=p.post.id, kind=p.post.kind, title=p.post.title.strip(),
                employer_id=p.employer_id, program_id=p.program_id,
                industry=p.post.industry.strip(), description=p.post.description.strip(),
                requirements=p.post.requirements.strip(), education_min=p.post.education_min,
                majors=list(p.post.majors), township=p.post.township, slots=p.post.slots,
                salary_min=p.post.salary_min, salary_max=p.post.salary_max, status="open",
                open_date=p.open_date,
            )
            for p in plans
        ]
        return list(self.session.scalars(
            insert(Post).returning(Post.id, sort_by_parameter_order=True), values))


@dataclass(frozen=True)
class _CandidatePlan:
    person: Any  # matcher.records.Candidate
    id_number: str
    phone: str
    birth_date: date


class _Candidates(_Rows):
    model = Candidate

    def __init__(self, session: Session, today: date, records: list[dict[str, Any]],
                 actor_id: int | None):
        super().__init__(session, today, records, actor_id)
        # Each distinct 身份证号 is validated once: (normalised number or "", the problem or "").
        self.id_numbers = {raw: self._validated(raw) for raw in
                           {str(r["id_number"]) for r in records if r.get("id_number")}}
        # Looked up by digest: the column holds no number in clear (models.id_cipher).
        digests = {id_cipher.current().digest(number): number
                   for number, _ in self.id_numbers.values() if number}
        self.existing_ids = {digests[d] for d in _existing(session, Candidate.id_number_hash, digests)}
        self.seen_ids: dict[str, int] = {}

    def _validated(self, raw: str) -> tuple[str, str]:
        try:
            return validate_id_number(raw, as_of=self.today), ""
        except InvalidIdentifier as error:
            return "", error.message

    def check(self, number: int, record: dict[str, Any], person,
              problems: list[str]) -> _CandidatePlan | None:
        self.check_ref(number, record, problems)
        if not str(record.get("name", "")).strip():
            problems.append("缺少「姓名」")
        id_number = self._checked_id_number(number, record, problems)
        phone = ""
        if not record.get("phone"):
            problems.append("缺少「手机号」")
        else:
            try:
                phone = validate_mobile(record["phone"])
            except InvalidIdentifier as error:
                problems.append(error.message)
        if person is None or not id_number:
            return None
        born = date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))  # valid: a date
        if person.birth_date is not None and person.birth_date != born:
            problems.append(f"出生日期 {person.birth_date.isoformat()} 与身份证号中的"
                            f" {born.isoformat()} 不一致")
        if problems:
            return None
        return _CandidatePlan(person, id_number, phone, born)

    def _checked_id_number(self, number: int, record: dict[str, Any], problems: list[str]) -> str:
        raw = record.get("id_number")
        if not raw:
            problems.append("缺少「身份证号」")
            return ""
        id_number, problem = self.id_numbers[str(raw)]
        if problem:
            problems.append(problem)
            return ""
        if id_number in self.existing_ids:
            problems.append("该身份证号已登记（导入不修改已有人员）")
        elif id_number in self.seen_ids:
            problems.append(f"身份证号与第 {self.seen_ids[id_number]} 行重复")
        else:
            self.seen_ids[id_number] = number
        return id_number

    def insert(self, plans: Iterable[_CandidatePlan]) -> list[int]:
        groups, values = [], []
        for plan in plans:
            p = plan.person
            groups.append(dict.fromkeys(p.groups))
            values.append(dict(
                ref=p.id, name=p.name.strip(), **Candidate.id_number_columns(plan.id_number),
                phone=plan.phone,
                gender="male" if int(plan.id_number[16]) % 2 else "female",
                birth_date=plan.birth_date, education=p.education, school=p.school.strip(),
                major=p.major.strip(), graduation_date=p.graduation_date, skills=p.skills.strip(),
                experience=p.experience.strip(), desired=p.desired.strip(),
                townships=list(dict.fromkeys(p.townships)), unemployed_since=p.unemployed_since,
                employed=p.employed,
            ))
        ids = list(self.session.scalars(
            insert(Candidate).returning(Candidate.id, sort_by_parameter_order=True), values))
        now = utcnow()
        claims = [dict(candidate_id=candidate_id, group=group, status="verified",
                       decided_by_id=self.actor_id, decided_at=now)
                  for candidate_id, chosen in zip(ids, groups, strict=True) for group in chosen]
        if claims:
            self.session.execute(insert(GroupClaim), claims)
        # The bureau's own registry rolls (困难/低保/脱贫): its statutory duty is the basis.
        consent.record_import_basis(self.session, self.actor_id, dict(zip(ids, groups, strict=True)))
        return ids
