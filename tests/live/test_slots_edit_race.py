"""An employer lowering a post's slots while the bureau places the last person, through
gunicorn's 4 workers: one of the two wins each round, and never more people than slots.

On PostgreSQL both take the post's row lock; on SQLite (the suite's other pass) one writer at a
time, the loser starting over (web.database.retrying). The triggers of 0006 back both."""

import http.cookiejar
import os
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from sqlalchemy import func, select

from models import Candidate, Employer, Placement, Post, User
from models.base import utcnow
from policy.identifiers import make_credit_code, make_id_number
from services.passwords import hash_password
from settings import PROJECT_ROOT
from tests.live.conftest import SECRET
from tests.live.liveclient import call

BUREAU_PHONE = "13800000019"
EMPLOYER_PHONE = "13800000029"
PASSWORD = "Changle@2020"
ROUNDS = 20
SLOTS = 5
_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _seed(sessions) -> list[tuple[int, int]]:
    """ROUNDS posts of SLOTS slots, each with SLOTS - 1 people placed: (post, the next person)."""
    with sessions() as s, s.begin():
        employer = Employer(name="福州长乐恒顺纺织有限公司",
                            credit_code=make_credit_code("91350182MA0000191"),
                            ownership="private", size="small", staff_count=80, industry="纺织",
                            township="金峰镇", verified_at=utcnow())
        s.add(employer)
        s.flush()
        s.add_all([
            User(phone=BUREAU_PHONE, password_hash=hash_password(PASSWORD), role="bureau",
                 name="区人社局就业股"),
            User(phone=EMPLOYER_PHONE, password_hash=hash_password(PASSWORD), role="employer",
                 name="陈恒", employer_id=employer.id),
        ])
        rounds = []
        for r in range(ROUNDS):
            post = Post(ref=f"RACE-{r:02d}", kind="regular", title="织造挡车工",
                        employer_id=employer.id, industry="纺织", township="金峰镇",
                        education_min="none", slots=SLOTS, open_date=date(2020, 8, 1))
            people = [Candidate(ref=f"RACE-C{r:02d}{i}", name=f"郑{'甲乙丙丁戊'[i]}{r}",
                                id_number=make_id_number("350182", date(1980, 1 + i, 1 + r), r * 10 + i),
                                phone=f"1366{r:02d}{i:05d}", birth_date=date(1980, 1 + i, 1 + r),
                                education="junior_high")
                      for i in range(SLOTS)]
            s.add(post)
            s.add_all(people)
            s.flush()
            s.add_all([Placement(post_id=post.id, candidate_id=c.id, kind="regular",
                                 start_date=date(2020, 8, 15)) for c in people[:-1]])
            rounds.append((post.id, people[-1].id))
        return rounds


class _Browser:
    """An employer's logged-in browser: a cookie jar and the forms' CSRF tokens."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=60) as response:
            return response.read().decode()

    def post(self, path: str, fields: dict) -> tuple[int, str]:
        data = urllib.parse.urlencode(fields).encode()
        try:
            with self.opener.open(self.base + path, data=data, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def token(self, path: str) -> str:
        return _TOKEN.search(self.get(path)).group(1)

    def login(self, phone: str) -> None:
        status, page = self.post("/login", {"phone": phone, "password": PASSWORD,
                                            "csrf_token": self.token("/login")})
        assert status == 200 and "欢迎回来" in page, page[-2000:]


def _edit_form(token: str) -> dict:
    return {"csrf_token": token, "kind": "regular", "title": "织造挡车工", "industry": "纺织",
            "township": "金峰镇", "slots": "4", "education_min": "none", "majors": "",
            "salary_min": "", "salary_max": "", "description": "", "requirements": "",
            "close_date": ""}


def _race(pool, employer: _Browser, base: str, bureau: str, post_id: int, person_id: int):
    """The employer's edit to 4 slots and the bureau's fifth placement, released together."""
    form = _edit_form(employer.token(f"/employer/posts/{post_id}/edit"))
    start = threading.Barrier(2)

    def edit():
        start.wait()
        return employer.post(f"/employer/posts/{post_id}/edit", form)

    def place():
        start.wait()
        return call("POST", f"{base}/api/v1/placements",
                    {"post_id": post_id, "candidate_id": person_id, "start_date": "2020-09-01"},
                    bureau)

    edited, placed = pool.submit(edit), pool.submit(place)
    return edited.result(), placed.result()


def test_lowering_slots_and_placing_the_last_person_at_once_never_overfill_a_post(
        live_server, live_sessions, live_db_url, tmp_path):
    rounds = _seed(live_sessions)
    status, body = call("POST", f"{live_server}/api/v1/auth/token",
                        {"phone": BUREAU_PHONE, "password": PASSWORD})
    assert status == 200, body
    bureau = body["token"]
    employer = _Browser(live_server)
    employer.login(EMPLOYER_PHONE)
    with ThreadPoolExecutor(max_workers=2) as pool:
        for post_id, person_id in rounds:
            (edit_status, page), (place_status, answer) = _race(
                pool, employer, live_server, bureau, post_id, person_id)
            assert edit_status == 200, page[-2000:]
            assert place_status in (201, 409), answer
            if place_status == 409:
                assert answer["error"]["code"] == "post_full", answer
            else:
                assert "招聘人数不能少于 5" in page

    with live_sessions() as s:
        active = dict(s.execute(
            select(Placement.post_id, func.count(Placement.id))
            .where(Placement.ended_on.is_(None)).group_by(Placement.post_id)).all())
        slots = dict(s.execute(select(Post.id, Post.slots)).all())
    violations = [p for p, _ in rounds if active[p] > slots[p]]
    assert violations == []
    # Each round one side won: the person placed (5 of 5) or the slots lowered (4 of 4).
    assert all(active[p] == slots[p] for p, _ in rounds)

    check = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "check"], cwd=PROJECT_ROOT,
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "DATABASE_URL": live_db_url, "SECRET_KEY": SECRET,
             "JOBBRIDGE_INSTANCE_PATH": str(tmp_path)})
    assert check.returncode == 0, check.stdout + check.stderr
    assert "✔" in check.stdout
