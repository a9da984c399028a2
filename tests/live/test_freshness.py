"""Four gunicorn workers, four in-memory indexes: a post created or closed through one request is
seen the same way by every worker within 2 seconds, through the database's change log."""

import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

from models import Employer, User
from models.base import utcnow
from policy.identifiers import make_credit_code
from services.passwords import hash_password
from tests.live.liveclient import call

PHONE = "13800000077"
PASSWORD = "Changle@2020"
DEADLINE = 2.0
ROUND = 16  # parallel searches per round: each of the 4 workers answers some of them


def _employer(sessions) -> None:
    with sessions() as s, s.begin():
        employer = Employer(name="福州长乐云翼农业科技有限公司",
                            credit_code=make_credit_code("91350182MA0000077"),
                            ownership="private", size="small", staff_count=40, industry="现代农业",
                            township="潭头镇", verified_at=utcnow())
        s.add(employer)
        s.flush()
        s.add(User(phone=PHONE, password_hash=hash_password(PASSWORD), role="employer",
                   name="郑云", employer_id=employer.id))


def _found(base: str, query: str, pool: ThreadPoolExecutor) -> list[bool]:
    url = f"{base}/api/v1/posts?" + urllib.parse.urlencode({"q": query})
    answers = list(pool.map(lambda _: call("GET", url), range(ROUND)))
    assert all(status == 200 for status, _ in answers), answers
    return [body["total"] > 0 for _, body in answers]


def _wait_until(moment: float) -> None:
    time.sleep(max(0.0, moment - time.monotonic()))


def _seconds_until(base: str, query: str, wanted: bool, pool) -> float:
    """Seconds until a whole round of parallel searches agrees that the post is (not) found."""
    start = time.monotonic()
    while time.monotonic() - start < DEADLINE + 3:
        if all(found == wanted for found in _found(base, query, pool)):
            return time.monotonic() - start
    return float("inf")


def test_a_new_post_reaches_every_worker_within_two_seconds_and_a_closed_one_leaves(
        live_server, live_sessions):
    _employer(live_sessions)
    status, body = call("POST", f"{live_server}/api/v1/auth/token", {"phone": PHONE, "password": PASSWORD})
    assert status == 200, body
    token = body["token"]
    query = "无人机植保"
    with ThreadPoolExecutor(max_workers=ROUND) as pool:
        assert not any(_found(live_server, query, pool))

        status, post = call("POST", f"{live_server}/api/v1/posts", {
            "kind": "regular", "title": "无人机植保飞手", "industry": "现代农业", "township": "潭头镇",
            "slots": 3, "description": "操作植保无人机，为果园和稻田喷洒农药"}, token)
        assert status == 201, post
        created = time.monotonic()
        assert _seconds_until(live_server, query, True, pool) <= DEADLINE
        _wait_until(created + DEADLINE)  # a round may miss a worker: by now every one must know
        for _ in range(3):
            assert all(_found(live_server, query, pool))

        status, closed = call("POST", f"{live_server}/api/v1/posts/{post['id']}/close", None, token)
        assert status == 200 and closed["status"] == "closed", closed
        closed_at = time.monotonic()
        assert _seconds_until(live_server, query, False, pool) <= DEADLINE
        _wait_until(closed_at + DEADLINE)
        for _ in range(3):
            assert not any(_found(live_server, query, pool))
