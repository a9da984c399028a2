"""The index's base: the full fit from the database, and the copy of it saved on disk that
processes start from (when each is done: services/index_sync.py). Apart from the holder, which
decides when to fit, save or load, and from the catch-up (services/index_replay.py), which
applies what the log recorded since: a base is the one place a whole index is built or read.

A base folder holds the state file (`BASE_STATE`) and one `matcher-<time>` folder per saved
matcher, the newest and the one before it: a master may still be reading the previous one.
"""

from __future__ import annotations

import json
import logging
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

import matcher
from models import Candidate, MatcherChange, Post
from models.base import utcnow
from services.matching import candidate_indexed, candidate_record, post_indexed, post_record

log = logging.getLogger("jobbridge.index")

BASE_STATE = "sync.json"
"""The state file of a base folder: the log position the base reflects, the ids applied above
it, when it was saved and the folder that holds the matcher's files."""


@dataclass(frozen=True)
class Fit:
    """A matcher fitted from the database, and the log rows it reflects: everything up to
    `position`, and the rows above it that were visible when the fit began (`applied`)."""

    matcher: matcher.Matcher
    position: int
    applied: set[int]


def fit(session: Session, settled_before: datetime) -> Fit:
    """Build the index from every open post and every person. The log's position is the newest
    row written before `settled_before` (the horizon's cutoff)."""
    # The log first: the rows visible now are reflected by the data read after them.
    settled = session.scalar(select(func.max(MatcherChange.id)).where(MatcherChange.at < settled_before))
    position = settled or 0
    recent = set(session.scalars(select(MatcherChange.id).where(MatcherChange.id > position)))
    posts = session.scalars(
        select(Post).where(Post.status == "open").options(joinedload(Post.employer))
    ).all()
    candidates = session.scalars(
        select(Candidate).options(selectinload(Candidate.group_claims))
    ).all()
    index = matcher.Matcher(matcher.load()).fit(
        [post_record(p) for p in posts if post_indexed(p)],
        [candidate_record(c) for c in candidates if candidate_indexed(c)],
    )
    return Fit(index, position, recent)


def read_state(base_dir: Path | None) -> dict[str, Any] | None:
    """The state of the base saved in `base_dir`, None when there is none."""
    if base_dir is None or not (base_dir / BASE_STATE).is_file():
        return None
    return json.loads((base_dir / BASE_STATE).read_text("utf-8"))


def save(base_dir: Path, index: matcher.Matcher, position: int, applied: list[int]) -> str:
    """Save `index` as the base reflecting the log up to `position` and `applied` above it;
    returns when it was saved (the state's `saved_at`)."""
    # Each base in a folder of its own, named by the state file written last: a master
    # loading a base never reads one half overwritten by the next.
    saved_at = utcnow()
    folder = f"matcher-{saved_at:%Y%m%dT%H%M%S%f}"
    index.save(base_dir / folder)
    previous = (read_state(base_dir) or {}).get("folder")
    stamp = saved_at.isoformat()
    state = {"position": position, "applied": applied, "saved_at": stamp, "folder": folder}
    tmp = base_dir / (BASE_STATE + ".tmp")
    tmp.write_text(json.dumps(state), "utf-8")
    tmp.replace(base_dir / BASE_STATE)
    for old in base_dir.glob("matcher-*"):  # the previous one may be being read
        if old.name not in (folder, previous):
            shutil.rmtree(old, ignore_errors=True)
    return stamp


def load(base_dir: Path, state: dict[str, Any], session: Session | None) -> matcher.Matcher | None:
    """The matcher of the base `state` describes, or None (logged) when it cannot be used: saved
    by another matcher version, damaged, or ahead of the change log `session` reads (checked
    only when a session is given)."""
    if session is not None:
        # A database restored from an older backup: the base describes rows it lacks.
        newest = session.scalar(select(func.max(MatcherChange.id))) or 0
        if newest < state["position"]:
            log.warning("index base is ahead of the change log (restored database?): refitting")
            return None
    try:
        return matcher.Matcher.load(base_dir / state["folder"])
    except (matcher.IndexVersionError, OSError, ValueError, KeyError) as exc:
        log.warning("index base not loaded (%s): refitting", exc)
        return None
