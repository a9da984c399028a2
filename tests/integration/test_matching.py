"""One process's index (services/index_sync.py): fitted from the database, kept current from the
change log that session events write, saved as a base and started from."""

from datetime import timedelta

import pytest
from sqlalchemy import event, func, select

import matcher
from models import GroupClaim, MatcherChange
from models.base import utcnow
from services import index_sync, placement_terms, placements
from tests.factories import make_candidate, make_employer, make_post, make_user


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


def _sync(clock, refresh_seconds=0.0, **kwargs) -> index_sync.IndexSync:
    return index_sync.IndexSync(refresh_seconds=refresh_seconds, monotonic=clock, **kwargs)


def _titles(index, query):
    return [h.id for h in index.search_posts(query)]


def _log(session) -> set[tuple[str, int, str]]:
    return set(session.execute(select(MatcherChange.entity, MatcherChange.entity_id, MatcherChange.op)))


def test_a_new_post_is_applied_at_the_next_due_check_even_under_constant_traffic(session, clock):
    holder = _sync(clock, refresh_seconds=0.5)
    holder.current(lambda: session)
    post = make_post(session, make_employer(session), title="无人机植保飞手")
    session.flush()
    for _ in range(4):  # requests every 0.2 s must not postpone the check forever
        clock.now += 0.2
        index = holder.current(lambda: session).matcher
    assert _titles(index, "无人机") == [str(post.id)]


def test_a_check_is_skipped_within_the_interval(session, clock):
    holder = _sync(clock, refresh_seconds=0.5)
    holder.current(lambda: session)
    make_post(session, make_employer(session), title="无人机植保飞手")
    session.flush()
    clock.now += 0.1
    assert _titles(holder.current(lambda: session).matcher, "无人机") == []


def test_a_change_committed_late_with_a_lower_id_is_still_applied(session, clock):
    holder = _sync(clock)
    employer = make_employer(session)
    early = make_post(session, employer, title="无人机植保飞手")
    late = make_post(session, employer, title="电商直播主播")
    session.execute(MatcherChange.__table__.delete())
    holder.current(lambda: session)
    session.add(MatcherChange(id=50, entity="post", entity_id=late.id, op="upsert"))
    session.flush()
    clock.now += 1
    holder.current(lambda: session)
    session.add(MatcherChange(id=40, entity="post", entity_id=early.id, op="upsert"))
    session.flush()
    clock.now += 1
    index = holder.current(lambda: session).matcher
    assert _titles(index, "无人机") == [str(early.id)] and _titles(index, "直播") == [str(late.id)]


def test_closing_removes_the_post_and_a_profile_change_replaces_the_candidate(session, clock):
    employer = make_employer(session)
    post = make_post(session, employer, title="无人机植保飞手")
    other = make_post(session, employer, title="无人机巡检员", description="巡检输电线路")
    person = make_candidate(session, desired="纺织挡车工")
    holder = _sync(clock)
    assert _titles(holder.current(lambda: session).matcher, "植保") == [str(post.id)]
    post.status = "closed"
    person.desired = "无人机巡检"
    session.flush()
    clock.now += 1
    index = holder.current(lambda: session).matcher
    assert _titles(index, "植保") == [] and not index.has_post(str(post.id))
    ranked = index.rank_posts(str(person.id), utcnow().date())
    assert ranked and ranked[0].id == str(other.id)


def test_the_position_moves_past_changes_older_than_the_horizon_only(session, clock):
    holder = _sync(clock)
    holder.current(lambda: session)
    post = make_post(session, make_employer(session), title="无人机植保飞手")
    session.flush()
    newest = session.scalar(select(func.max(MatcherChange.id)))
    clock.now += 1
    holder.current(lambda: session)
    assert holder.position < newest  # applied, but a transaction with a lower id may still commit
    old = utcnow() - timedelta(seconds=index_sync.HORIZON_SECONDS + 1)
    later = _sync(clock, now=lambda: old + timedelta(seconds=2 * index_sync.HORIZON_SECONDS + 2))
    later.current(lambda: session)
    assert later.position >= newest and _titles(later.matcher, "无人机") == [str(post.id)]


def test_the_horizon_outlasts_the_request_timeout_and_the_longest_transaction():
    assert index_sync.HORIZON_SECONDS > index_sync.REQUEST_TIMEOUT_SECONDS
    assert index_sync.HORIZON_SECONDS > index_sync.LONGEST_TRANSACTION_SECONDS


def test_a_burst_of_changes_is_applied_over_several_checks_without_a_refit(session, clock, monkeypatch):
    monkeypatch.setattr(index_sync, "MAX_APPLIED_PER_CHECK", 1)
    holder = _sync(clock, refresh_seconds=60)
    before = holder.current(lambda: session).matcher
    employer = make_employer(session)  # an employer's insert records nothing: it has no posts yet
    posts = [make_post(session, employer, title=title) for title in ("无人机植保飞手", "无人机巡检员")]
    session.flush()
    holder.expire()
    first = holder.current(lambda: session).matcher
    assert first is before and holder.fits == 1
    assert len(_titles(first, "无人机")) == 1
    second = holder.current(lambda: session).matcher  # behind: checked again without waiting 60 s
    assert sorted(_titles(second, "无人机")) == sorted(str(p.id) for p in posts) and holder.fits == 1


def test_the_generation_moves_on_only_when_a_change_is_applied(session, clock):
    holder = _sync(clock)
    fitted = holder.current(lambda: session).generation
    clock.now += 1
    assert holder.current(lambda: session).generation == fitted  # nothing logged: cached answers stay good
    make_post(session, make_employer(session), title="无人机植保飞手")
    session.flush()
    clock.now += 1
    assert holder.current(lambda: session).generation == fitted + 1


def test_a_snapshot_keeps_its_generation_while_the_holder_moves_on(session, clock):
    holder = _sync(clock)
    snapshot = holder.current(lambda: session)
    make_post(session, make_employer(session), title="无人机植保飞手")
    session.flush()
    clock.now += 1
    assert holder.current(lambda: session).generation == snapshot.generation + 1
    assert snapshot.generation == holder.generation - 1


def test_expire_makes_the_next_request_catch_up_within_the_interval(session, clock):
    holder = _sync(clock, refresh_seconds=60)
    holder.current(lambda: session)
    post = make_post(session, make_employer(session), title="无人机植保飞手")
    session.flush()
    holder.expire()
    clock.now += 0.1
    assert _titles(holder.current(lambda: session).matcher, "无人机") == [str(post.id)]


def test_a_candidates_change_leaves_the_listing_generation_alone(session, clock):
    holder = _sync(clock)
    fitted = holder.current(lambda: session).generation
    make_candidate(session, desired="无人机植保")
    session.flush()
    clock.now += 1
    assert holder.current(lambda: session).generation == fitted


def test_a_catch_up_that_fails_half_way_is_replayed_whole(session, clock, monkeypatch):
    holder = _sync(clock)
    fitted = holder.current(lambda: session).generation
    post = make_post(session, make_employer(session), title="无人机植保飞手")
    session.flush()
    add = matcher.Matcher.add_post
    monkeypatch.setattr(matcher.Matcher, "add_post",
                        lambda *args: (_ for _ in ()).throw(RuntimeError("db gone")))
    clock.now += 1
    with pytest.raises(RuntimeError):
        holder.current(lambda: session)
    assert holder.generation > fitted  # whatever was cached may be stale now
    monkeypatch.setattr(matcher.Matcher, "add_post", add)
    clock.now += 1
    assert _titles(holder.current(lambda: session).matcher, "无人机") == [str(post.id)]


# -- the base ---------------------------------------------------------------------------------

def test_a_process_started_from_the_saved_base_replays_only_what_came_after(session, clock, tmp_path):
    employer = make_employer(session)
    kept = make_post(session, employer, title="织造车间质检员")
    session.flush()
    _sync(clock, base_dir=tmp_path).save_base(session)
    later = make_post(session, employer, title="无人机植保飞手", description="操作植保无人机",
                      requirements="")
    session.flush()

    worker = _sync(clock, base_dir=tmp_path)
    assert worker.warm(session).startswith("loaded")
    assert worker.fits == 0 and worker.applied_changes == 1
    assert str(kept.id) in _titles(worker.matcher, "质检员")
    assert _titles(worker.matcher, "无人机") == [str(later.id)]


def test_the_master_loads_a_newer_base_before_forking_without_the_database(session, clock, tmp_path):
    master = _sync(clock, base_dir=tmp_path)
    master.warm(session)
    assert master.refresh_base() is False  # nothing saved yet
    post = make_post(session, make_employer(session), title="无人机植保飞手")
    session.flush()
    _sync(clock, base_dir=tmp_path).save_base(session)  # the refit job, in another process
    assert master.refresh_base() is True
    assert _titles(master.matcher, "无人机") == [str(post.id)] and master.fits == 1
    assert master.refresh_base() is False


def test_the_refit_prunes_the_log_behind_its_base_and_the_horizon(session, clock, tmp_path):
    old = utcnow() - timedelta(seconds=index_sync.HORIZON_SECONDS + 60)
    employer = make_employer(session)
    make_post(session, employer, title="织造车间质检员")
    session.flush()
    session.execute(MatcherChange.__table__.update().values(at=old))
    make_post(session, employer, title="无人机植保飞手")
    session.flush()
    recent = session.scalar(select(func.max(MatcherChange.id)))
    holder = _sync(clock, base_dir=tmp_path)
    holder.save_base(session)
    left = session.scalars(select(MatcherChange.id)).all()
    assert recent in left and min(left) >= holder.position


def test_a_base_ahead_of_the_log_is_not_loaded(session, clock, tmp_path):
    make_post(session, make_employer(session), title="织造车间质检员")
    session.flush()
    old = utcnow() - timedelta(seconds=index_sync.HORIZON_SECONDS + 60)
    session.execute(MatcherChange.__table__.update().values(at=old))
    _sync(clock, base_dir=tmp_path).save_base(session)
    session.execute(MatcherChange.__table__.delete())  # a database restored from an older backup
    worker = _sync(clock, base_dir=tmp_path)
    assert worker.warm(session).startswith("fitted")


# -- recording by session events ----------------------------------------------------------------

def test_every_change_that_matters_to_the_index_is_logged_without_being_asked(session):
    bureau = make_user(session, role="bureau")
    employer = make_employer(session)
    post = make_post(session, employer, title="织造车间质检员")
    person = make_candidate(session, desired="质检")
    session.flush()
    assert {("post", post.id, "upsert"), ("candidate", person.id, "upsert")} <= _log(session)

    def logged(change) -> set:
        session.execute(MatcherChange.__table__.delete())
        change()
        session.flush()
        return _log(session)

    # listed and indexed with its employer's name and verification
    renamed = logged(lambda: setattr(employer, "name", "福州长乐新织造有限公司"))
    assert renamed == {("post", post.id, "upsert")}
    # a placement may fill the post, and its end frees a slot
    placed = []
    assert ("post", post.id, "upsert") in logged(lambda: placed.append(
        placements.place_candidate(session, bureau, post.id, person.id, utcnow().date())))
    assert ("post", post.id, "upsert") in logged(lambda: placement_terms.end_placement(
        session, bureau, placed[0].id, utcnow().date(), "left_for_job"))
    # a group claim decides ranking and eligibility
    assert logged(lambda: person.group_claims.append(GroupClaim(group="hardship"))) == {
        ("candidate", person.id, "upsert")}
    # a change that alters nothing logs nothing
    assert logged(lambda: setattr(person, "desired", person.desired)) == set()
    assert ("post", post.id, "remove") in logged(lambda: (session.delete(placed[0]), session.delete(post)))


def test_a_bulk_update_of_indexed_rows_is_refused(session):
    from sqlalchemy import update

    from models import Post

    with pytest.raises(RuntimeError, match="change log"):
        session.execute(update(Post).values(slots=9))


@pytest.mark.parametrize("worker_class, threads", [("gthread", 1), ("sync", 4), ("gevent", 1)])
def test_threaded_workers_are_refused(worker_class, threads):
    with pytest.raises(ValueError, match="sync"):
        index_sync.require_sync_workers(worker_class, threads)


def test_sync_workers_with_one_thread_are_accepted():
    index_sync.require_sync_workers("sync", 1)


def test_each_base_is_saved_beside_the_previous_one_and_older_ones_go(session, clock, tmp_path):
    post = make_post(session, make_employer(session), title="织造车间质检员")
    session.flush()
    job = _sync(clock, base_dir=tmp_path)
    for _ in range(3):
        job.save_base(session)
    assert len(list(tmp_path.glob("matcher-*"))) == 2
    worker = _sync(clock, base_dir=tmp_path)
    assert worker.warm(session).startswith("loaded")
    assert str(post.id) in _titles(worker.matcher, "质检员")


def test_a_burst_of_new_people_is_read_in_a_few_queries_not_one_each(session, clock):
    holder = _sync(clock)
    holder.current(lambda: session)
    people = [make_candidate(session, desired=f"纺织挡车工{i}") for i in range(30)]
    session.flush()
    session.expunge_all()  # as in a worker, which never held them
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    connection = session.connection()
    event.listen(connection, "before_cursor_execute", record)
    clock.now += 1
    index = holder.current(lambda: session).matcher
    event.remove(connection, "before_cursor_execute", record)
    assert all(index.has_candidate(str(p.id)) for p in people)
    assert len(statements) < 10
