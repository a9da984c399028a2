"""What the browser tests share: viewports, logging in, screenshots, fresh identities."""

import itertools
import json
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

from playwright.sync_api import Page, expect
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models import Candidate, Placement, Post, User
from policy import eligibility
from policy.codes import education_rank
from policy.identifiers import make_id_number
from services.passwords import hash_password
from services.records import candidate_facts
from settings import PROJECT_ROOT

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = PROJECT_ROOT / "artifacts" / "screenshots"
PASSWORD = "Changle2020"  # every demo login's password
CHANGLE = "350182"  # 长乐区's administrative area code
# The server's 身份证号 key, also here: numbers are found by their keyed digest (models.id_cipher).
ID_KEY = "e2e-test-id-key-0123456789-abcdefghijklmnop"
_phones = itertools.count(1)
_sequences = itertools.count(101, 2)


def log_in(page: Page, phone: str, password: str = PASSWORD) -> None:
    page.goto("/login")
    page.get_by_label("手机号").fill(phone)
    page.get_by_label("密码", exact=True).fill(password)
    page.get_by_role("button", name="登录").click()
    expect(page.locator(".flash-success")).to_contain_text("欢迎回来")
    page.wait_for_load_state("load")


def screenshot(page: Page, name: str) -> Path:
    """A full-page PNG in artifacts/screenshots/, named by page and viewport."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = "phone" if page.viewport_size["width"] < 720 else "desktop"
    path = SCREENSHOTS / f"{name}-{size}.png"
    page.screenshot(path=path, full_page=True)
    return path


def new_phone(db) -> str:
    """A mobile number no user or candidate of the demo has."""
    with db() as s:
        taken = set(s.scalars(select(User.phone))) | set(s.scalars(select(Candidate.phone)))
    while True:
        phone = f"1990000{next(_phones):04d}"
        if phone not in taken:
            return phone


def new_id_number(birth_date: date) -> str:
    """A valid 身份证号 of 长乐区 (odd sequence: male). The demo's numbers come from a fixed seed;
    one of them taken here would show as the registration's "已登记" message."""
    return make_id_number(CHANGLE, birth_date, next(_sequences) % 1000)


def employer_login_of(db, post_id: int) -> str:
    """The phone of a login of the employer that owns the post."""
    with db() as s:
        employer_id = s.scalar(select(Post.employer_id).where(Post.id == post_id))
        return s.scalar(select(User.phone).where(User.employer_id == employer_id).order_by(User.id))


def post_id_of(page: Page) -> int:
    """The id in a /posts/<id> or /employer/posts/<id> address."""
    return int(page.url.rstrip("/").rsplit("/", 1)[1])


def api(base_url: str, method: str, path: str, body: dict | None = None, token: str | None = None):
    """(status, JSON) of one API call; HTTP errors are answers, not exceptions."""
    request = urllib.request.Request(base_url + path, method=method,
                                     data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def token_for(base_url: str, phone: str, password: str = PASSWORD) -> str:
    status, body = api(base_url, "POST", "/api/v1/auth/token", {"phone": phone, "password": password})
    assert status == 200, body
    return body["token"]


def people_for(db, kind: str, education_min: str, as_of: date, eligible: bool, count: int,
               major=lambda major: True, without_login: bool = True) -> list[Candidate]:
    """Demo candidates who may (or may not) take a post of `kind` on `as_of`, by the verified
    groups placements rest on, never placed anywhere, and a major `major` accepts."""
    with db() as s:
        busy = set(s.scalars(select(Placement.candidate_id)))
        query = (select(Candidate).options(selectinload(Candidate.group_claims))
                 .where(Candidate.employed.is_(False)).order_by(Candidate.id))
        if without_login:
            query = query.where(Candidate.user_id.is_(None))
        found = []
        for candidate in s.scalars(query):
            if (candidate.id in busy or not major(candidate.major or "")
                    or education_rank(candidate.education) < education_rank(education_min)):
                continue
            decision = eligibility.check(kind, education_min, candidate_facts(candidate, verified_only=True),
                                         as_of)
            if decision.eligible == eligible:
                found.append(candidate)
                if len(found) == count:
                    return found
    raise AssertionError(f"the demo has fewer than {count} such candidates")


def give_logins(db, candidates: list[Candidate]) -> list[str]:
    """Seeker logins (the demo password) for demo candidates who had none; their phones."""
    password_hash = hash_password(PASSWORD)
    with db.begin() as s:
        for candidate in candidates:
            user = User(phone=candidate.phone, password_hash=password_hash, role="seeker",
                        name=candidate.name)
            s.add(user)
            s.flush()
            s.get(Candidate, candidate.id).user_id = user.id
    return [c.phone for c in candidates]
