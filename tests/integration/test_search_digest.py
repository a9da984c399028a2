"""The saved searches' daily digest (services/search_digest.py, the worker's `search_digest`):
one message a day per seeker, of the posts new since the last digest or visit that the search
finds as the listing does; nobody is told twice, nobody with nothing new is told."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from models import Message, OutboxMessage, SavedSearch, migrate
from models.db import make_engine, make_session_factory
from services import saved_searches, search_digest
from services.index_sync import IndexSync
from services.post_search import visible_posts
from tests.factories import make_candidate, make_employer, make_post, make_program, make_user
from tests.servers import fresh_database
from worker import make_queue

SAVED = datetime(2020, 9, 1, 2, 0, tzinfo=UTC)  # 10:00 in 长乐 on 09-01
TODAY = date(2020, 9, 2)
RUN = datetime(2020, 9, 2, 0, 0, tzinfo=UTC)  # 08:00 in 长乐 on 09-02


def _seeker(session, name="", **params):
    user = make_user(session, email="lin@example.com")
    make_candidate(session, user=user)
    search = saved_searches.save(session, user, name, params)
    search.last_seen_at = SAVED
    session.flush()
    return user, search


def _post(session, employer, title, hours_after_save, **overrides):
    return make_post(session, employer, title=title, description=title,
                     created_at=SAVED + timedelta(hours=hours_after_save), **overrides)


def _run(session, today=TODAY, now=RUN) -> int:
    index = IndexSync()
    index.fit(session)
    return search_digest.send_due(session, index.matcher, today, now)


def _digests(session, user) -> list[Message]:
    return list(session.scalars(select(Message).where(
        Message.user_id == user.id, Message.kind == search_digest.KIND).order_by(Message.id)))


def test_new_posts_the_search_finds_are_told_once_and_older_or_filtered_ones_are_not(session):
    employer = make_employer(session)
    user, search = _seeker(session, q="会计", township="金峰镇")
    _post(session, employer, "财务会计", 3)
    _post(session, employer, "会计助理", 5)
    _post(session, employer, "成本会计", -24)  # before the search was saved
    _post(session, employer, "总账会计", 4, township="吴航街道")  # another township
    _post(session, employer, "织造挡车工", 4)  # another trade
    _post(session, employer, "税务会计", 30)  # after this run's moment: the next digest's

    assert _run(session) == 1
    [message] = _digests(session, user)
    assert message.text == "您保存的搜索有2个新岗位。【会计 · 金峰镇】2个：会计助理、财务会计。"
    assert (message.subject, message.subject_id) == ("saved_search", search.id)
    rows = session.scalars(select(OutboxMessage).where(OutboxMessage.user_id == user.id)
                           .order_by(OutboxMessage.channel)).all()
    assert [(r.channel, r.recipient, r.idempotency_key) for r in rows] == [
        ("email", "lin@example.com", f"digest-{user.id}-2020-09-02-email"),
        ("sms", user.phone, f"digest-{user.id}-2020-09-02-sms")]
    assert rows[0].text == "您保存的搜索有2个新岗位，如“会计助理”，详情请登录就业直通车查看"
    assert (search.digest_on, search.digested_at) == (TODAY, RUN)

    assert _run(session) == 0  # the same day again, even an hour later: nothing twice
    assert _run(session, now=RUN + timedelta(hours=1)) == 0
    assert len(_digests(session, user)) == 1
    assert _run(session, TODAY + timedelta(days=1), RUN + timedelta(days=1)) == 1
    assert _digests(session, user)[-1].text == "您保存的搜索有1个新岗位。【会计 · 金峰镇】1个：税务会计。"


def test_the_listing_s_filters_decide_what_is_told(session):
    employer = make_employer(session)
    user, _ = _seeker(session, "高中可做的高薪岗位", kind="regular", salary="5000",
                      education="high_school")
    _post(session, employer, "机修工", 2, salary_min=6000, salary_max=8000)
    _post(session, employer, "质检员", 2, salary_min=3000, salary_max=4000)  # pays less
    _post(session, employer, "技术员", 2, salary_max=9000, education_min="bachelor")  # asks more
    _post(session, employer, "见习生", 2, salary_max=9000, kind="trainee",  # another kind
          program_id=make_program(session, kind="trainee").id)

    assert _run(session) == 1
    assert _digests(session, user)[0].text == "您保存的搜索有1个新岗位。【高中可做的高薪岗位】1个：机修工。"


def test_a_seeker_with_nothing_new_hears_nothing_and_others_searches_are_left_as_they_were(session):
    employer = make_employer(session)
    told, _ = _seeker(session, q="会计")
    quiet, quiet_search = _seeker(session, q="司机")
    opened, opened_search = _seeker(session, q="会计")
    opened_search.last_seen_at = SAVED + timedelta(hours=6)  # opened since the post came
    _post(session, employer, "财务会计", 3)

    assert _run(session) == 1
    assert len(_digests(session, told)) == 1
    assert _digests(session, quiet) == [] and _digests(session, opened) == []
    assert session.scalars(select(OutboxMessage).where(
        OutboxMessage.user_id.in_((quiet.id, opened.id)))).all() == []
    # Looking does not count as a visit: the seeker's page still counts the post as new.
    assert quiet_search.last_seen_at == SAVED
    index = IndexSync()
    index.fit(session)
    [view] = saved_searches.saved_searches(session, index.matcher, visible_posts(session, TODAY), told)
    assert view.new == 1


def test_one_message_names_a_few_titles_of_each_search_and_the_distinct_count(session):
    employer = make_employer(session)
    user, first = _seeker(session, q="会计")
    second = saved_searches.save(session, user, "金峰的岗位", {"township": "金峰镇"})
    second.last_seen_at = SAVED
    for hours, title in enumerate(["财务会计", "会计助理", "成本会计", "总账会计"], start=1):
        _post(session, employer, title, hours)

    assert _run(session) == 1
    [message] = _digests(session, user)
    assert message.text == ("您保存的搜索有4个新岗位。【会计】4个：总账会计、成本会计、会计助理等；"
                            "【金峰的岗位】4个：总账会计、成本会计、会计助理等。")
    assert message.subject_id is None  # several searches: the inbox links to the list of them
    assert first.digest_on == second.digest_on == TODAY


def test_an_account_no_longer_active_is_not_told(session):
    employer = make_employer(session)
    user, _ = _seeker(session, q="会计")
    user.active = False
    _post(session, employer, "财务会计", 3)
    assert _run(session) == 0 and _digests(session, user) == []


def test_the_worker_sends_the_digest_at_eight_by_the_app_s_day_once(tmp_path):
    url = fresh_database(tmp_path, "search_digest_worker")
    migrate.upgrade(url)
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    with sessions() as s, s.begin():
        user, search = _seeker(s, q="会计")
        search.last_seen_at = datetime.now(UTC) - timedelta(days=1)
        make_post(s, make_employer(s), title="财务会计", description="会计核算",
                  created_at=datetime.now(UTC) - timedelta(hours=1))
        user_id = user.id

    env = {"DATABASE_URL": url, "JOBBRIDGE_QUEUE_URL": f"sqlite:///{tmp_path / 'queue.db'}",
           "JOBBRIDGE_INSTANCE_PATH": str(tmp_path), "JOBBRIDGE_AS_OF_DATE": "2020-09-02"}
    huey = make_queue(env).huey
    assert "search_digest" not in [t.name for t in huey.read_periodic(datetime(2020, 9, 2, 12, 0))]
    [job] = [t for t in huey.read_periodic(datetime(2020, 9, 2, 0, 0)) if t.name == "search_digest"]
    assert huey.execute(job) == 1
    assert huey.execute(job) == 0
    with sessions() as s:
        [message] = s.scalars(select(Message).where(Message.user_id == user_id)).all()
        assert message.kind == "search_digest" and "财务会计" in message.text
        keys = s.scalars(select(OutboxMessage.idempotency_key).where(OutboxMessage.user_id == user_id))
        assert sorted(keys) == [f"digest-{user_id}-2020-09-02-email", f"digest-{user_id}-2020-09-02-sms"]
        assert s.scalar(select(SavedSearch.digest_on)) == date(2020, 9, 2)

    # The next day a post published since is found: the worker's index replayed the change log.
    with sessions() as s, s.begin():
        make_post(s, make_employer(s), title="会计助理", description="会计核算")
    env["JOBBRIDGE_AS_OF_DATE"] = "2020-09-03"
    assert huey.execute(job) == 1
    with sessions() as s:
        texts = s.scalars(select(Message.text).where(Message.user_id == user_id).order_by(Message.id))
        assert list(texts)[-1] == "您保存的搜索有1个新岗位。【会计】1个：会计助理。"
    engine.dispose()
