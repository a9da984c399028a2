"""50 simultaneous placements at 5 free slots through gunicorn's workers: exactly 5 succeed."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from sqlalchemy import func, select

from models import Candidate, Employer, GroupClaim, Placement, Post, QuotaProgram, User
from models.base import utcnow
from policy.identifiers import make_credit_code, make_id_number
from services.passwords import hash_password
from tests.live.liveclient import call

BUREAU_PHONE = "13800000009"
PASSWORD = "Changle@2020"
CONTENDERS = 50
SLOTS = 5


def _seed(sessions) -> tuple[int, list[int]]:
    with sessions() as s, s.begin():
        s.add(User(phone=BUREAU_PHONE, password_hash=hash_password(PASSWORD), role="bureau",
                   name="区人社局就业股"))
        program = QuotaProgram(key="pw-live", name="2020年临时性公益岗位", kind="public_welfare",
                               target=500, start_date=date(2020, 7, 2),
                               end_date=date(2020, 12, 31))
        employer = Employer(name="长乐区营前街道长安社区居民委员会",
                            credit_code=make_credit_code("55350182MJ0000001"),
                            ownership="public_institution", size="micro", staff_count=12,
                            industry="社区服务", township="营前街道", verified_at=utcnow())
        s.add_all([program, employer])
        s.flush()
        post = Post(ref="LIVE-PW-1", kind="public_welfare", title="社区消杀防疫员",
                    employer_id=employer.id, program_id=program.id, industry="社区服务",
                    township="营前街道", slots=SLOTS, open_date=date(2020, 7, 10))
        s.add(post)
        candidates = [
            Candidate(ref=f"LIVE-C{i:03d}", name=f"林{'春夏秋冬'[i % 4]}{i}",
                      id_number=make_id_number("350182", date(1975, 3, 1 + i % 28), i),
                      phone=f"137{i:08d}", birth_date=date(1975, 3, 1 + i % 28),
                      education="junior_high", unemployed_since=date(2020, 2, 1),
                      group_claims=[GroupClaim(group="registered_unemployed", status="verified")])
            for i in range(CONTENDERS)
        ]
        s.add_all(candidates)
        s.flush()
        return post.id, [c.id for c in candidates]


def test_fifty_simultaneous_placements_fill_exactly_five_slots(live_server, live_sessions):
    post_id, candidate_ids = _seed(live_sessions)
    status, body = call("POST", f"{live_server}/api/v1/auth/token",
                        {"phone": BUREAU_PHONE, "password": PASSWORD})
    assert status == 200, body
    token = body["token"]
    start = threading.Barrier(CONTENDERS)

    def place(candidate_id):
        start.wait()
        return call("POST", f"{live_server}/api/v1/placements",
                    {"post_id": post_id, "candidate_id": candidate_id,
                     "start_date": "2020-09-01"}, token)

    with ThreadPoolExecutor(max_workers=CONTENDERS) as pool:
        answers = list(pool.map(place, candidate_ids))

    statuses = [status for status, _ in answers]
    assert statuses.count(201) == SLOTS, answers
    assert statuses.count(409) == CONTENDERS - SLOTS, answers
    codes = {body["error"]["code"] for status, body in answers if status == 409}
    assert codes == {"post_full"}
    with live_sessions() as s:
        placed = s.scalar(select(func.count()).select_from(Placement).where(
            Placement.post_id == post_id))
    assert placed == SLOTS
