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
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from matcher.records import RecordError, candidate_from_dict, post_from_dict
from models import User
from policy.errors import Conflict, Forbidden, Invalid
from services import audit
from services.imports.candidates import CandidateRows
from services.imports.columns import KINDS, Layout, detect_kind, field_label, layout
from services.imports.limits import MAX_FILE_BYTES, Limits, UnreadableFile
from services.imports.posts import PostRows
from services.imports.readers import clean_file_name, read_sheet
from services.imports.report import ImportRejected, ImportReport, RejectedRow
from services.imports.rows import ref_of

__all__ = ["MAX_FILE_BYTES", "ImportRejected", "ImportReport", "Limits", "Progress", "RejectedRow",
           "UnreadableFile", "import_file"]

INSERT_BATCH = 2000
"""Rows per bulk INSERT: progress moves as batches are written, and no statement holds a
whole registry's parameters at once."""

T = TypeVar("T")
Progress = Callable[[Iterable[T], str], Iterable[T]]
"""Wraps the rows of one stage ("检查", "导入") to show how far it got; the caller chooses how
(the operator command: tqdm on a terminal). The service only reports; it draws nothing."""


def no_progress(items: Iterable[T], stage: str) -> Iterable[T]:
    return items


def import_file(
    session: Session, actor: User | None, data: bytes, file_name: str, *, today: date,
    kind: str | None = None, dry_run: bool = False, progress: Progress = no_progress,
    read_seconds: float | None = None, limits: Limits | None = None,
) -> ImportReport:
    """Check every row of the file, then import them all (unless `dry_run`) or raise.

    `actor` None is the operator's command line; otherwise only the bureau may import.
    `progress` wraps each stage's rows (the CLI shows tqdm bars on a terminal). Reading the
    file stops with UnreadableFile after `read_seconds` (the web gives its budget; None: no
    limit) or when it exceeds `limits` (default: the web page's; the CLI takes a registry).
    """
    if actor is not None and actor.role != "bureau":
        raise Forbidden("只有人社局可以批量导入", code="forbidden")
    name = clean_file_name(file_name)
    sheet = read_sheet(data, name, seconds=read_seconds, limits=limits)
    if not sheet.rows:
        raise UnreadableFile("文件中没有数据行")
    if kind is not None and kind not in KINDS:
        raise Invalid("导入内容应为岗位（posts）或求职者（candidates）", code="import_kind_unknown")
    kind = kind or detect_kind(sheet.headers)
    columns = layout(kind, sheet.headers)
    report = ImportReport(name, sheet.format, kind, dry_run, rows=len(sheet.rows),
                          ignored_columns=columns.ignored)

    parsed = [_parse(columns, row.values, row.problem) for row in progress(sheet.rows, "检查")]
    actor_id = actor.id if actor else None
    rows = (PostRows if kind == "posts" else CandidateRows)(
        session, today, [p[0] for p in parsed], actor_id)
    plans = []
    for row, (record, entity, problems) in zip(sheet.rows, parsed, strict=True):
        plan = None if row.problem else rows.check(row.number, record, entity, problems)
        if problems:
            report.rejected.append(RejectedRow(row.number, ref_of(record), tuple(problems)))
        else:
            plans.append(plan)
    if report.rejected and not dry_run:
        raise ImportRejected(report)
    if dry_run:
        return report

    try:
        created = [i for batch in _batches(progress(plans, "导入"), INSERT_BATCH)
                   for i in rows.insert(batch)]
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
    _refresh_statistics(session, rows.written)
    return report


def _refresh_statistics(session: Session, tables: Iterable[str]) -> None:
    """The database plans each query from table statistics that a bulk insert leaves stale:
    PostgreSQL's until autovacuum next analyzes the table (minutes later, or never where it is
    turned off). After 100,000 people were imported, the ten ranked people's group claims were
    read by a scan of the whole claims table, 14 ms instead of 0.2 ms a request. ANALYZE runs
    in the import's transaction (both databases allow it there), so the first request after
    the commit is planned on the rows it brought."""
    for table in tables:
        session.execute(text("ANALYZE " + table))


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


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
