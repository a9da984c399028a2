"""The monthly follow-up worklist （十四）: who is due this month, and recording each contact.

Due: a person whose verified groups include one the program follows (registered unemployed,
hardship) and who has no contact yet in the as-of date's calendar month.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from models import Candidate, FollowUp, GroupClaim
from models.followup import CHANNELS, OUTCOMES
from policy.errors import Invalid, NotFound
from policy.placements import followup_due, load_program_params
from services import audit
from services.records import candidate_facts

CHANNEL_LABELS = {"phone": "电话", "visit": "上门走访", "wechat": "微信", "other": "其他"}
OUTCOME_LABELS = {"employed": "已就业", "seeking": "仍在求职", "training": "参加培训",
                  "unreachable": "未联系上", "other": "其他"}


@dataclass(frozen=True)
class Coverage:
    due: int
    contacted: int
    population: int

    @property
    def share(self) -> float:
        return self.contacted / self.population if self.population else 1.0


def worklist(session: Session, as_of: date) -> tuple[list[tuple[Candidate, date | None]], Coverage]:
    """People due this month (with their last contact), and this month's coverage."""
    params = load_program_params("followup")
    followed = select(GroupClaim.candidate_id).where(
        GroupClaim.status == "verified", GroupClaim.group.in_(params["groups"]))
    people = session.scalars(
        select(Candidate).where(Candidate.id.in_(followed))
        .order_by(Candidate.id).options(selectinload(Candidate.group_claims))
    ).all()
    last = dict(session.execute(
        select(FollowUp.candidate_id, func.max(FollowUp.contacted_on))
        .where(FollowUp.contacted_on <= as_of).group_by(FollowUp.candidate_id)
    ).all())
    due = [(c, last.get(c.id)) for c in people
           if followup_due(candidate_facts(c, verified_only=True), last.get(c.id), as_of, params)]
    return due, Coverage(len(due), len(people) - len(due), len(people))


def record_contact(
    session: Session, actor_id: int, candidate_id: int, contacted_on: date, channel: str,
    outcome: str, note: str, as_of: date,
) -> FollowUp:
    if session.get(Candidate, candidate_id) is None:
        raise NotFound("求职者不存在", code="candidate_not_found")
    if channel not in CHANNELS or outcome not in OUTCOMES:
        raise Invalid("请选择联系方式和结果", code="invalid_followup")
    if contacted_on > as_of:
        raise Invalid("联系日期不能晚于今天", code="followup_in_future",
                      fields={"contacted_on": "不能晚于今天"})
    contact = FollowUp(candidate_id=candidate_id, contacted_on=contacted_on, channel=channel,
                       outcome=outcome, note=note.strip()[:500], created_by_id=actor_id)
    session.add(contact)
    session.flush()
    audit.record(session, actor_id, "followup", "candidate", candidate_id, outcome=outcome,
                 contacted_on=contacted_on.isoformat())
    return contact
