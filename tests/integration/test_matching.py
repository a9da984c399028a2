"""The per-process matcher holder: fitted from the database, caught up from the change log."""

import pytest

from models import MatcherChange
from services import matching
from tests.factories import make_candidate, make_employer, make_post


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(matching.time, "monotonic", fake)
    return fake


def _titles(index, query):
    return [h.id for h in index.search_posts(query)]


def test_a_logged_post_is_applied_at_the_next_due_check_even_under_constant_traffic(session, clock):
    holder = matching.MatcherHolder(refresh_seconds=0.5)
    holder.current(session)
    post = make_post(session, make_employer(session), title="无人机植保飞手")
    matching.record_change(session, "post", post.id)
    session.flush()
    for _ in range(4):  # requests every 0.2 s must not postpone the check forever
        clock.now += 0.2
        index = holder.current(session)
    assert _titles(index, "无人机") == [str(post.id)]


def test_a_check_is_skipped_within_the_interval(session, clock):
    holder = matching.MatcherHolder(refresh_seconds=0.5)
    holder.current(session)
    post = make_post(session, make_employer(session), title="无人机植保飞手")
    matching.record_change(session, "post", post.id)
    session.flush()
    clock.now += 0.1
    assert _titles(holder.current(session), "无人机") == []


def test_a_change_committed_late_with_a_lower_id_is_still_applied(session, clock):
    holder = matching.MatcherHolder(refresh_seconds=0)
    employer = make_employer(session)
    early = make_post(session, employer, title="无人机植保飞手")
    late = make_post(session, employer, title="电商直播主播")
    holder.current(session)
    session.add(MatcherChange(id=50, entity="post", entity_id=late.id, op="upsert"))
    session.flush()
    clock.now += 1
    holder.current(session)
    session.add(MatcherChange(id=40, entity="post", entity_id=early.id, op="upsert"))
    session.flush()
    clock.now += 1
    index = holder.current(session)
    assert _titles(index, "无人机") == [str(early.id)] and _titles(index, "直播") == [str(late.id)]


def test_closing_removes_the_post_and_a_profile_change_replaces_the_candidate(session, clock):
    employer = make_employer(session)
    post = make_post(session, employer, title="无人机植保飞手")
    person = make_candidate(session, desired="纺织挡车工")
    holder = matching.MatcherHolder(refresh_seconds=0)
    assert _titles(holder.current(session), "无人机") == [str(post.id)]
    post.status = "closed"
    person.desired = "无人机植保"
    matching.record_change(session, "post", post.id, "remove")
    matching.record_change(session, "candidate", person.id)
    session.flush()
    clock.now += 1
    index = holder.current(session)
    assert _titles(index, "无人机") == []
    assert "无人机" in index.candidates_.vocabulary.terms
    assert str(person.id) in index.candidates_.slot_of


def test_old_changes_fall_behind_the_horizon_and_are_not_read_again(session, clock):
    holder = matching.MatcherHolder(refresh_seconds=0)
    holder.current(session)
    post = make_post(session, make_employer(session), title="无人机植保飞手")
    matching.record_change(session, "post", post.id)
    session.flush()
    clock.now += 1
    holder.current(session)
    clock.now += matching.HORIZON_SECONDS + 1
    holder.current(session)
    assert holder._horizon > 0 and holder._seen == {}


def test_a_burst_of_changes_is_met_with_one_refit(session, clock, monkeypatch):
    monkeypatch.setattr(matching, "REFIT_AFTER_CHANGES", 1)
    holder = matching.MatcherHolder(refresh_seconds=0.5)
    before = holder.current(session)
    employer = make_employer(session)
    posts = [make_post(session, employer, title=title) for title in ("无人机植保飞手", "无人机巡检员")]
    for post in posts:
        matching.record_change(session, "post", post.id)
    session.flush()
    clock.now += 1
    after = holder.current(session)
    assert after is not before
    assert sorted(_titles(after, "无人机")) == sorted(str(p.id) for p in posts)
    clock.now += 1
    assert holder.current(session) is after  # the burst is not refitted twice


def test_the_generation_moves_on_only_when_a_change_is_applied(session, clock):
    holder = matching.MatcherHolder(refresh_seconds=0)
    holder.current(session)
    fitted = holder.generation
    clock.now += 1
    holder.current(session)
    assert holder.generation == fitted  # nothing logged: cached answers stay good
    post = make_post(session, make_employer(session), title="无人机植保飞手")
    matching.record_change(session, "post", post.id)
    session.flush()
    clock.now += 1
    holder.current(session)
    assert holder.generation == fitted + 1


def test_expire_makes_the_next_request_catch_up_within_the_interval(session, clock):
    holder = matching.MatcherHolder(refresh_seconds=60)
    holder.current(session)
    post = make_post(session, make_employer(session), title="无人机植保飞手")
    matching.record_change(session, "post", post.id)
    session.flush()
    holder.expire()
    clock.now += 0.1
    assert _titles(holder.current(session), "无人机") == [str(post.id)]


def test_a_candidates_change_leaves_the_listing_generation_alone(session, clock):
    holder = matching.MatcherHolder(refresh_seconds=0)
    holder.current(session)
    fitted = holder.generation
    person = make_candidate(session, desired="无人机植保")
    matching.record_change(session, "candidate", person.id)
    session.flush()
    clock.now += 1
    holder.current(session)
    assert holder.generation == fitted


def test_a_catch_up_that_fails_half_way_is_replayed_whole(session, clock, monkeypatch):
    holder = matching.MatcherHolder(refresh_seconds=0)
    holder.current(session)
    post = make_post(session, make_employer(session), title="无人机植保飞手")
    matching.record_change(session, "post", post.id)
    session.flush()
    fitted = holder.generation
    apply = holder._apply_post
    monkeypatch.setattr(holder, "_apply_post", lambda *args: (_ for _ in ()).throw(RuntimeError("db gone")))
    clock.now += 1
    with pytest.raises(RuntimeError):
        holder.current(session)
    assert holder.generation > fitted  # whatever was cached may be stale now
    monkeypatch.setattr(holder, "_apply_post", apply)
    clock.now += 1
    assert _titles(holder.current(session), "无人机") == [str(post.id)]
