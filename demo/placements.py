"""Demo placements: the programmes two months in, so the dashboard and ledger have figures.

People are placed through services.placements — the same checks as the bureau's own
placements — choosing, for each post, eligible people who live in or asked for its township
first. The numbers (40% of the public-welfare target, about 40% of the trainee target and a
few dozen regular hires by 2020-09-01) read like a programme running since July.
"""

import random
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models import Candidate, Employer, Post, User
from policy.eligibility import check
from policy.graduate_posts import fresh_graduate
from services.placements import place_candidate
from services.records import candidate_facts

TARGETS = {"public_welfare": 200, "trainee": 22, "regular": 60}
LAST_START = date(2020, 8, 31)


def place_demo_people(session: Session, bureau: User, seed: int) -> int:
    # bandit B311: deterministic demo data, not a secret
    rng = random.Random(seed)  # nosec B311
    people = session.scalars(
        select(Candidate).options(selectinload(Candidate.group_claims)).order_by(Candidate.id)
    ).all()
    facts = {c.id: candidate_facts(c, verified_only=True) for c in people}
    taken: set[int] = set()
    placed = 0
    for kind, target in TARGETS.items():
        posts = session.scalars(
            select(Post).join(Employer, Employer.id == Post.employer_id)
            .where(Post.kind == kind, Post.status == "open", Employer.verified_at.is_not(None))
            .order_by(Post.open_date, Post.id)
        ).all()
        count = 0
        for post in posts:
            if count >= target:
                break
            start_floor = post.open_date + timedelta(days=7)
            if start_floor > LAST_START:
                continue
            wanted = min(post.slots, target - count, rng.randint(1, post.slots))
            start = start_floor + timedelta(days=rng.randint(0, (LAST_START - start_floor).days))
            local = [c for c in people if post.township in c.townships]
            others = [c for c in people if post.township not in c.townships]
            for person in _eligible(local + others, post, facts, taken, start, wanted):
                place_candidate(session, bureau, post.id, person.id, start)
                taken.add(person.id)
                count += 1
        placed += count
    return placed


def _eligible(people, post, facts, taken, start, wanted):
    """The first `wanted` people not yet placed who may take `post` on `start`."""
    chosen = []
    for person in people:
        if len(chosen) == wanted:
            break
        if person.id not in taken and check(
                post.kind, post.education_min, facts[person.id], start).eligible and (
                not post.reserved_for_graduates or fresh_graduate(facts[person.id], start).passed):
            chosen.append(person)
    return chosen
