"""Never more active placements in a post than its slots: the database's trigger refuses it
whatever writes (migration 0006), and a refusal reaches people as a 409, never a 500."""

from datetime import date

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from models import Placement, Post
from models.placement import over_capacity
from policy.errors import Conflict
from services import integrity
from tests.factories import make_candidate, make_employer, make_post
from web.database import transaction

START = date(2020, 9, 1)


def _filled(session, slots: int = 2, placed: int = 2) -> Post:
    post = make_post(session, make_employer(session), slots=slots)
    for _ in range(placed):
        session.add(Placement(post_id=post.id, candidate_id=make_candidate(session).id,
                              kind="regular", start_date=START))
    session.flush()
    return post


def _refused(session, statement: str, **params) -> IntegrityError:
    with pytest.raises(IntegrityError) as error:
        with session.begin_nested():
            session.execute(text(statement), params)
    assert over_capacity(error.value), error.value
    return error.value


def test_the_database_refuses_fewer_slots_than_active_placements(session):
    post = _filled(session)
    _refused(session, "UPDATE posts SET slots = 1 WHERE id = :id", id=post.id)
    session.execute(text("UPDATE posts SET slots = 2, title = '质检组长' WHERE id = :id"),
                    {"id": post.id})
    assert integrity.breaches(session) == []


def test_the_database_refuses_a_placement_beyond_the_slots(session):
    post = _filled(session)
    session.add(Placement(post_id=post.id, candidate_id=make_candidate(session).id,
                          kind="regular", start_date=START))
    with pytest.raises(IntegrityError) as error:
        with session.begin_nested():
            session.flush()
    assert over_capacity(error.value)


def test_an_ended_placement_frees_its_slot_and_cannot_come_back_into_a_full_post(session):
    post = _filled(session)
    first = session.scalar(select(Placement).where(Placement.post_id == post.id))
    session.execute(text("UPDATE placements SET ended_on = :day, end_reason = 'resigned' "
                         "WHERE id = :id"), {"day": START, "id": first.id})
    session.execute(text("UPDATE posts SET slots = 1 WHERE id = :id"), {"id": post.id})
    _refused(session, "UPDATE placements SET ended_on = NULL, end_reason = NULL WHERE id = :id",
             id=first.id)


def test_a_write_the_trigger_refuses_is_a_conflict_for_the_view(app, session):
    post = _filled(session)
    with app.test_request_context("/"), pytest.raises(Conflict) as error:
        with transaction() as s:
            s.execute(text("UPDATE posts SET slots = 1 WHERE id = :id"), {"id": post.id})
    assert error.value.code == "post_full"
    assert session.scalar(select(Post.slots).where(Post.id == post.id)) == 2
