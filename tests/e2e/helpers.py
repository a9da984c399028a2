"""What the browser tests share: viewports, logging in, screenshots, fresh identities."""

import itertools
from datetime import date
from pathlib import Path

from playwright.sync_api import Page, expect
from sqlalchemy import select

from models import Candidate, Post, User
from policy.identifiers import make_id_number
from web.config import PROJECT_ROOT

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = PROJECT_ROOT / "artifacts" / "screenshots"
PASSWORD = "Changle2020"  # every demo login's password
CHANGLE = "350182"  # 长乐区's administrative area code
_phones = itertools.count(1)
_sequences = itertools.count(101, 2)


def log_in(page: Page, phone: str, password: str = PASSWORD) -> None:
    page.goto("/login")
    page.get_by_label("手机号").fill(phone)
    page.get_by_label("密码", exact=True).fill(password)
    page.get_by_role("button", name="登录").click()
    expect(page.locator(".flash-success")).to_contain_text("欢迎回来")


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


def new_id_number(db, birth_date: date) -> str:
    """A valid 身份证号 of 长乐区 that no candidate has (odd sequence: male)."""
    with db() as s:
        taken = set(s.scalars(select(Candidate.id_number)))
    while True:
        number = make_id_number(CHANGLE, birth_date, next(_sequences) % 1000)
        if number not in taken:
            return number


def employer_login_of(db, post_id: int) -> str:
    """The phone of a login of the employer that owns the post."""
    with db() as s:
        employer_id = s.scalar(select(Post.employer_id).where(Post.id == post_id))
        return s.scalar(select(User.phone).where(User.employer_id == employer_id).order_by(User.id))


def post_id_of(page: Page) -> int:
    """The id in a /posts/<id> or /employer/posts/<id> address."""
    return int(page.url.rstrip("/").rsplit("/", 1)[1])
