"""The hire both subsidy-claim test files start from."""

from datetime import date

from models import GroupClaim
from services.placements import place_candidate
from tests.factories import make_candidate, make_employer, make_post, make_user


def graduate_hire(session, bureau):
    """A fresh graduate hired by a small firm in 2020: （七） 1,000 yuan, claimed by the employer.
    Returns the employer's account and the placement."""
    employer = make_employer(session)
    owner = make_user(session, role="employer", employer=employer)
    post = make_post(session, employer, education_min="none")
    person = make_candidate(session, name="陈思远")
    person.group_claims.append(GroupClaim(group="fresh_graduate", status="verified"))
    session.flush()
    return owner, place_candidate(session, bureau, post.id, person.id, date(2020, 8, 3), 12)
