"""The checks both kinds of row share: an id (`ref`) is new, in the database and in the file."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

CHUNK = 500  # values per IN (...) query: well under every database's parameter limit
BATCHED = {"render_nulls": True}
"""Execution options of the bulk INSERTs: an ORM bulk insert leaves a None value out of its
row, so rows with and without a graduation date differ in their columns and were sent as
thousands of small statements (2,276 for 5,000 people); with NULL written, one statement takes
a thousand rows. Every column the import leaves empty has no default to lose."""


def ref_of(record: dict[str, Any]) -> str:
    ref = record.get("id")
    return ref if isinstance(ref, str) else ""


def chunks(values: Iterable[str]) -> Iterable[list[str]]:
    """The distinct non-empty values, a bounded list at a time for IN (...)."""
    wanted = sorted({v for v in values if v})
    for start in range(0, len(wanted), CHUNK):
        yield wanted[start:start + CHUNK]


def existing(session: Session, column, values: Iterable[str]) -> set[str]:
    """Which of `values` the column already holds."""
    found: set[str] = set()
    for chunk in chunks(values):
        found.update(session.scalars(select(column).where(column.in_(chunk))))
    return found


class Rows:
    """Checks shared by both kinds: an id is new, both in the database and in this file.

    `insert` writes with one bulk INSERT … RETURNING rather than an ORM object per row: that
    is several times faster, so a full 20,000-row file fits within a request's time limit.
    """

    model: type
    written: tuple[str, ...]  # the tables `insert` writes (their statistics are refreshed after)

    def __init__(self, session: Session, today: date, records: list[dict[str, Any]],
                 actor_id: int | None):
        self.session = session
        self.today = today
        self.actor_id = actor_id
        self.existing_refs = existing(session, self.model.ref, (ref_of(r) for r in records))
        self.seen_refs: dict[str, int] = {}

    def check_ref(self, number: int, record: dict[str, Any], problems: list[str]) -> None:
        ref = ref_of(record)
        if not ref:
            return
        if ref in self.existing_refs:
            problems.append(f"编号 {ref} 已存在（导入不修改已有数据）")
        elif ref in self.seen_refs:
            problems.append(f"编号 {ref} 与第 {self.seen_refs[ref]} 行重复")
        else:
            self.seen_refs[ref] = number
