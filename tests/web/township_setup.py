"""Shared records and steps of the township staff tests: two townships, a staff account in
each, a followed person living in each (placed by their unemployment registration), and the
person's 代办 consent given by the SMS code they read out."""

from datetime import date

from sqlalchemy import select

from models import GroupClaim, OutboxMessage, UnemploymentRegistration
from tests.factories import make_candidate, make_user
from tests.web.helpers import csrf_token

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


def send_code(client, person):
    token = csrf_token(client, f"/township/people/{person.id}")
    client.post(f"/township/people/{person.id}/code", data={"csrf_token": token})


def enter_code(client, person, code):
    token = csrf_token(client, f"/township/people/{person.id}")
    return client.post(f"/township/people/{person.id}/code/confirm", follow_redirects=True,
                       data={"csrf_token": token, "code": code})


def sent_code(session, person) -> str:
    """The newest consent code, as the person reads it from their SMS (the outbox row)."""
    sent = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "delegation_code")
                           .order_by(OutboxMessage.id.desc())).first()
    assert sent.recipient == person.phone and "{code}" in sent.text and sent.secret
    return sent.secret


def give_consent(client, session, person):
    """The signed-in staff member asks for the person's consent and the person reads the code out."""
    send_code(client, person)
    enter_code(client, person, sent_code(session, person))
