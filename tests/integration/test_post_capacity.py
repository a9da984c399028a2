"""Never more active placements in a post than its slots: the database's trigger refuses it
whatever writes (migration 0006), and a refusal reaches people as a 409, never a 500."""

from datetime import date

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from models import Placement, Post
from models.placement import over_capacity
from policy.errors import Conflict
from services import integrity, posts
from services.posts import PostDraft
from tests.factories import make_candidate, make_employer, make_post, make_user
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



@pytest.fixture
def committing(engine):
    """A session whose commits are real, as in production: the test savepoint would hide a
    flush that ends the whole transaction. Its rows are removed afterwards."""
    made = sessionmaker(bind=engine, expire_on_commit=False)
    with made() as session:
        last_change = session.scalar(text("SELECT COALESCE(MAX(id), 0) FROM matcher_changes"))
        yield session
        session.rollback()
        # The change log's rows too: the session events record every committed change.
        session.execute(text("DELETE FROM matcher_changes WHERE id > :id"), {"id": last_change})
        for table in ("placements", "posts", "users", "candidates", "employers"):
            for row_id in session.info.get(table, ()):
                session.execute(text(f"DELETE FROM {table} WHERE id = :id"), {"id": row_id})
        session.commit()


def test_an_edit_the_trigger_refuses_in_the_service_is_a_conflict_and_the_session_lives_on(
        committing, monkeypatch):
    # The race the row lock prevents, forced: the edit counted before another writer placed.
    post = _filled(committing)
    owner = make_user(committing, role="employer", employer=post.employer)
    committing.commit()
    placed = committing.scalars(select(Placement).where(Placement.post_id == post.id)).all()
    committing.info.update(placements=[p.id for p in placed], posts=[post.id], users=[owner.id],
                           candidates=[p.candidate_id for p in placed], employers=[post.employer_id])
    stale, real_count = [0], posts.active_placements
    monkeypatch.setattr(posts, "active_placements",
                        lambda s, post_id: stale.pop() if stale else real_count(s, post_id))
    draft = PostDraft.from_values({"kind": post.kind, "title": "质检组长", "industry": post.industry,
                                   "education_min": post.education_min, "township": post.township,
                                   "slots": 1})
    with pytest.raises(Conflict) as refused:
        posts.update_post(committing, owner, post.id, draft)
    assert refused.value.code == "slots_below_placements"
    assert "2 人在岗" in refused.value.message
    assert committing.scalar(select(Post.slots).where(Post.id == post.id)) == 2
