"""Offers and the bureau's placements racing for a post's last slots, through gunicorn's 4
workers: a pending offer holds its slot, so exactly `SLOTS` requests win, and every offer made
is then accepted into a placement — an accepted offer never meets a full post.

On PostgreSQL an offer and a placement both take the post's row lock before counting (services
.posts.lock_post); on SQLite one writer at a time, the loser starting over."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from sqlalchemy import func, select

from models import Application, Candidate, Employer, Placement, Post, User
from models.base import utcnow
from policy.identifiers import make_credit_code, make_id_number
from services.passwords import hash_password
from tests.live.liveclient import call

PASSWORD = "Changle@2020"
BUREAU_PHONE, EMPLOYER_PHONE = "13800000039", "13800000049"
SLOTS, OFFERS, PLACEMENTS = 3, 8, 8


def _seed(sessions) -> tuple[int, list[int], list[int], dict[int, str]]:
    """The post, the applications offers go to, the people the bureau places, and the
    seekers' phones by application."""
    hashed = hash_password(PASSWORD)
    with sessions() as s, s.begin():
        employer = Employer(name="福州长乐恒达纺织有限公司",
                            credit_code=make_credit_code("91350182MA0000777"),
                            ownership="private", size="small", staff_count=80, industry="纺织",
                            township="金峰镇", verified_at=utcnow())
        s.add(employer)
        s.flush()
        s.add_all([User(phone=BUREAU_PHONE, password_hash=hashed, role="bureau", name="就业股"),
                   User(phone=EMPLOYER_PHONE, password_hash=hashed, role="employer", name="陈经理",
                        employer_id=employer.id)])
        post = Post(ref="LIVE-OFFER-1", kind="regular", title="织造车间质检员", employer_id=employer.id,
                    industry="纺织", township="金峰镇", slots=SLOTS, open_date=date(2020, 8, 1))
        s.add(post)
        s.flush()
        people = []
        for i in range(OFFERS + PLACEMENTS):
            user = User(phone=f"136{i:08d}", password_hash=hashed, role="seeker", name=f"林{i}")
            s.add(user)
            s.flush()
            people.append(Candidate(
                ref=f"LIVE-O{i:03d}", user_id=user.id, name=user.name, phone=user.phone,
                id_number=make_id_number("350182", date(1995, 4, 1 + i % 28), 500 + i),
                birth_date=date(1995, 4, 1 + i % 28), education="high_school"))
        s.add_all(people)
        s.flush()
        applications = [Application(post_id=post.id, candidate_id=c.id) for c in people[:OFFERS]]
        s.add_all(applications)
        s.flush()
        phones = {a.id: c.phone for a, c in zip(applications, people, strict=False)}
        return post.id, [a.id for a in applications], [c.id for c in people[OFFERS:]], phones


def _token(base: str, phone: str) -> str:
    status, body = call("POST", f"{base}/api/v1/auth/token", {"phone": phone, "password": PASSWORD})
    assert status == 200, body
    return body["token"]


def test_offers_and_placements_never_overfill_and_every_offer_made_is_accepted(
        live_server, live_sessions):
    post_id, application_ids, outsiders, phones = _seed(live_sessions)
    employer, bureau = _token(live_server, EMPLOYER_PHONE), _token(live_server, BUREAU_PHONE)
    requests = ([("offer", a) for a in application_ids] + [("place", c) for c in outsiders])
    start = threading.Barrier(len(requests))

    def send(request):
        kind, target = request
        start.wait()
        if kind == "offer":
            return kind, target, call("POST", f"{live_server}/api/v1/applications/{target}/offer",
                                      {"start_date": "2020-09-15", "monthly_pay": 4800}, employer)
        return kind, target, call("POST", f"{live_server}/api/v1/placements",
                                  {"post_id": post_id, "candidate_id": target,
                                   "start_date": "2020-09-01"}, bureau)

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        answers = list(pool.map(send, requests))

    won = [(kind, target, body) for kind, target, (status, body) in answers if status == 201]
    lost = [body["error"]["code"] for _, _, (status, body) in answers if status != 201]
    assert len(won) == SLOTS, answers
    assert set(lost) == {"post_full"}, answers
    for kind, application_id, offer in won:
        if kind == "offer":
            status, body = call("POST", f"{live_server}/api/v1/offers/{offer['id']}/accept", None,
                                _token(live_server, phones[application_id]))
            assert (status, body["stage"]) == (200, "hired"), body
    with live_sessions() as s:
        placed = s.scalar(select(func.count()).select_from(Placement).where(
            Placement.post_id == post_id, Placement.ended_on.is_(None)))
    assert placed == SLOTS
