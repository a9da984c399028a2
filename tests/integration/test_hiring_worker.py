"""The worker's hourly hiring job (worker/): reminds the seekers of tomorrow's interviews by the
app's clock (JOBBRIDGE_AS_OF_DATE), once, and expires offers past their last day."""

from datetime import date, datetime

from sqlalchemy import select

from models import Application, Message, Offer, migrate
from models.db import make_engine, make_session_factory
from services import interviews, offers
from tests.factories import make_candidate, make_employer, make_post, make_user
from tests.servers import fresh_database
from worker import make_queue


def test_the_hourly_job_reminds_by_the_app_s_day_once_and_expires_offers(tmp_path):
    url = fresh_database(tmp_path, "hiring_worker")
    migrate.upgrade(url)
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    with sessions() as s, s.begin():
        employer = make_employer(s)
        owner = make_user(s, role="employer", employer=employer)
        post = make_post(s, employer)
        seeker = make_user(s)
        applications = []
        for user in (seeker, make_user(s)):
            application = Application(post_id=post.id, candidate_id=make_candidate(s, user=user).id)
            s.add(application)
            s.flush()
            applications.append(application)
        interviews.schedule(s, owner, applications[0].id,
                            datetime.fromisoformat("2020-09-03T09:30:00+08:00"), "金峰镇工业路8号",
                            "陈经理", "", "", date(2020, 8, 20))
        offer = offers.make_offer(s, owner, applications[1].id, date(2020, 9, 1), 4800, None,
                                  date(2020, 8, 20))
        seeker_id, offer_id = seeker.id, offer.id

    env = {"DATABASE_URL": url, "JOBBRIDGE_QUEUE_URL": f"sqlite:///{tmp_path / 'queue.db'}",
           "JOBBRIDGE_INSTANCE_PATH": str(tmp_path), "JOBBRIDGE_AS_OF_DATE": "2020-09-02"}
    huey = make_queue(env).huey
    [job] = [t for t in huey.read_periodic(datetime(2020, 9, 2, 10, 5)) if t.name == "hiring_daily"]
    assert huey.execute(job) == 1
    assert huey.execute(job) == 0  # the same day again: nobody is told twice
    with sessions() as s:
        kinds = s.scalars(select(Message.kind).where(Message.user_id == seeker_id)).all()
        assert kinds.count("interview_reminder") == 1
        assert s.get(Offer, offer_id).status == "expired"  # made 08-20, last day 08-27
    engine.dispose()
