"""The invariants the fill-rate figures rest on, checked against the stored rows.

The database constraints and the placement service keep them; this check is for after a
restore, an import or a manual repair: it reads, and reports every breach it finds.
"""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Candidate, Placement, Post, QuotaProgram


def breaches(session: Session) -> list[str]:
    """Chinese descriptions of every broken invariant; empty when all hold."""
    found = []
    overfull = session.execute(
        select(Post.id, Post.title, Post.slots, func.count(Placement.id))
        .join(Placement, Placement.post_id == Post.id)
        .where(Placement.ended_on.is_(None))
        .group_by(Post.id, Post.title, Post.slots)
        .having(func.count(Placement.id) > Post.slots)
    )
    found += [f"岗位 {pid}（{title}）在岗 {n} 人，超过名额 {slots}" for pid, title, slots, n in overfull]
    # （六）: a capped program's posts offer at most its target in slots. A floor （七） may be
    # passed, and people placed in a capped program may outnumber its slots (refills).
    over_cap = session.execute(
        select(QuotaProgram.name, QuotaProgram.target, func.sum(Post.slots))
        .join(Post, Post.program_id == QuotaProgram.id)
        .where(QuotaProgram.target_rule == "cap")
        .group_by(QuotaProgram.id, QuotaProgram.name, QuotaProgram.target)
        .having(func.sum(Post.slots) > QuotaProgram.target)
    )
    found += [f"“{name}”已提供岗位 {n} 个，超过上限 {target} 个" for name, target, n in over_cap]
    doubled = session.execute(
        select(Candidate.id, func.count(Placement.id))
        .join(Placement, Placement.candidate_id == Candidate.id)
        .where(Placement.kind == "public_welfare", Placement.ended_on.is_(None))
        .group_by(Candidate.id)
        .having(func.count(Placement.id) > 1)
    )
    found += [f"求职者 {cid} 同时在 {n} 个公益性岗位在岗" for cid, n in doubled]
    return found
