"""Shared records of the township staff tests: two townships, a staff account in each, and a
followed person living in each (placed by their unemployment registration)."""

from datetime import date

from models import GroupClaim, UnemploymentRegistration
from tests.factories import make_candidate, make_user

HOME, OTHER = "吴航街道", "金峰镇"


def staff(session, township=HOME, name="王协理"):
    return make_user(session, role="township", township=township, name=name)


def resident(session, township, name, registered=True, **fields):
    """A verified hardship person of `township`: by a pending registration there, or (not
    registered) by the first township they look for work in."""
    person = make_candidate(session, name=name, townships=[township], **fields)
    person.group_claims.append(GroupClaim(group="hardship", status="verified"))
    if registered:
        session.add(UnemploymentRegistration(candidate_id=person.id, township=township,
                                             unemployed_since=date(2020, 3, 1)))
    session.flush()
    return person
