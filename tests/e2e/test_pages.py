"""The main pages of every role: phone layout, keyboard use, accessibility, screenshots."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from models import Application, Placement, Post, User
from tests.e2e.helpers import (
    DESKTOP,
    PHONE,
    api,
    give_logins,
    log_in,
    people_for,
    screenshot,
    token_for,
)

MIN_TAP_HEIGHT = 40
PUBLIC = ["/", "/posts", "/posts?q=%E4%BC%9A%E8%AE%A1", "/posts/{public_post}", "/programs", "/login",
          "/register", "/register/seeker", "/register/employer"]
SEEKER = ["/seeker/", "/seeker/profile/basic", "/seeker/profile/education", "/seeker/profile/intent",
          "/seeker/profile/situation", "/seeker/applications", "/seeker/recommendations",
          "/seeker/unemployment", "/posts/{public_post}", "/account"]
EMPLOYER = ["/employer/", "/employer/profile", "/employer/posts/new", "/employer/posts/{own_post}",
            "/employer/posts/{own_post}/edit"]
BUREAU = ["/bureau/", "/bureau/dashboard", "/bureau/posts", "/bureau/posts/{public_post}/candidates",
          "/bureau/expiring", "/bureau/placements", "/bureau/subsidies", "/bureau/programs",
          "/bureau/claims", "/bureau/unemployment", "/bureau/followups", "/bureau/audit", "/bureau/import",
          "/bureau/monitoring"]

# Measured in the page: sideways scrolling, tap targets, labels, language and chart text.
# A link inside a sentence is exempt from the tap-target height (WCAG 2.5.8's inline exception).
AUDIT = """(minHeight) => {
  const visible = el => { const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
  const text = el => (el.innerText || el.value || el.name || '').trim();
  const inSentence = el => el.tagName === 'A' && getComputedStyle(el).display === 'inline'
    && el.parentElement.innerText.trim().length > text(el).length;
  const small = [];
  for (const el of document.querySelectorAll('a, button, input, select')) {
    if (el.type === 'hidden' || inSentence(el)) continue;
    // A checkbox or radio is tapped through its label.
    const target = ['checkbox', 'radio'].includes(el.type) ? (el.closest('label') || el) : el;
    if (!visible(target)) continue;
    const height = target.getBoundingClientRect().height;
    if (height < minHeight) {
      small.push(`<${el.tagName.toLowerCase()}> "${text(el).slice(0, 30)}" ${height.toFixed(0)}px`);
    }
  }
  const unlabelled = [...document.querySelectorAll('input, select, textarea')]
    .filter(el => !['hidden', 'submit', 'button'].includes(el.type))
    .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                  && !el.getAttribute('aria-labelledby'))
    .map(el => `${el.tagName.toLowerCase()}#${el.id}[name=${el.name}]`);
  const charts = [...document.querySelectorAll('svg[role=img]')];
  return {
    lang: document.documentElement.lang,
    scrollWidth: document.scrollingElement.scrollWidth,
    innerWidth: window.innerWidth,
    small, unlabelled,
    charts: charts.length,
    unnamedCharts: charts.filter(svg => !(svg.getAttribute('aria-label') || '').trim()).length,
    imagesWithoutAlt: [...document.querySelectorAll('img:not([alt])')].map(img => img.src),
  };
}"""


@pytest.fixture(scope="module")
def ids(db, demo) -> dict[str, int]:
    """A public regular post, the demo employer's first post (with two applicants)."""
    with db() as s:
        public_post = s.scalar(select(Post.id).where(Post.kind == "regular", Post.status == "open")
                               .order_by(Post.id))
        employer_id = s.scalar(select(User.employer_id).where(User.phone == demo.employer))
        own = s.scalar(select(Post).where(Post.employer_id == employer_id, Post.status == "open")
                       .order_by(Post.id))
    applicants = people_for(db, own.kind, own.education_min, date(2020, 9, 1), eligible=True, count=2)
    for phone in give_logins(db, applicants):
        status, body = api(demo.base_url, "POST", f"/api/v1/posts/{own.id}/applications",
                           token=token_for(demo.base_url, phone))
        assert status == 201, body
    return {"public_post": public_post, "own_post": own.id}


def pages_of(browse, demo, ids, viewport):
    """(page, paths) for each role, each page logged in as the demo's login of that role."""
    for phone, paths in [(None, PUBLIC), (demo.seeker, SEEKER), (demo.employer, EMPLOYER),
                         (demo.bureau, BUREAU)]:
        page = browse(viewport)
        if phone:
            log_in(page, phone)
        yield page, [path.format(**ids) for path in paths]


def audit(page: Page, path: str) -> dict:
    response = page.goto(path)
    assert response.ok, f"{path}: {response.status}"
    return page.evaluate(AUDIT, MIN_TAP_HEIGHT)


def test_at_phone_width_no_main_page_scrolls_sideways_and_every_tap_target_is_at_least_40px_high(
        browse, demo, ids):
    wide, small = [], []
    for page, paths in pages_of(browse, demo, ids, PHONE):
        for path in paths:
            found = audit(page, path)
            if found["scrollWidth"] > found["innerWidth"]:
                wide.append(f"{path}: {found['scrollWidth']}px > {found['innerWidth']}px")
            small += [f"{path}: {item}" for item in found["small"]]
    assert not wide, "pages scroll sideways at 390 px:\n" + "\n".join(wide)
    assert not small, f"tap targets under {MIN_TAP_HEIGHT} px:\n" + "\n".join(small)


def test_every_main_page_is_in_chinese_labels_every_input_and_names_its_charts(browse, demo, ids):
    problems, charts = [], 0
    for page, paths in pages_of(browse, demo, ids, DESKTOP):
        for path in paths:
            found = audit(page, path)
            charts += found["charts"]
            if found["lang"] != "zh-CN":
                problems.append(f"{path}: lang={found['lang']!r}")
            problems += [f"{path}: no label for {item}" for item in found["unlabelled"]]
            if found["unnamedCharts"]:
                problems.append(f"{path}: {found['unnamedCharts']} chart(s) without aria-label")
            problems += [f"{path}: image without alt {src}" for src in found["imagesWithoutAlt"]]
    assert not problems, "\n".join(problems)
    assert charts >= 2, "the dashboard should draw its charts as svg[role=img]"


def focus_by_tab(page: Page, accept, limit: int = 60) -> None:
    """Press Tab until the focused element satisfies `accept` (a JS predicate on it)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => ({accept})(el))(document.activeElement)"):
            return
    raise AssertionError(f"{limit} Tabs never reached an element where {accept}")


def test_the_search_box_and_the_apply_button_work_with_tab_and_enter_alone(browse, demo, db):
    with db() as s:
        # Other browser tests share the demo: a post they filled or applied to has no button.
        post = s.scalar(select(Post).where(
            Post.kind == "regular", Post.status == "open", Post.education_min == "none",
            ~select(Placement.id).where(Placement.post_id == Post.id).exists(),
            ~select(Application.id).where(Application.post_id == Post.id).exists(),
        ).order_by(Post.id.desc()))
    page = browse()
    log_in(page, demo.seeker)
    page.goto("/posts")

    focus_by_tab(page, "el => el.id === 'q'")
    page.keyboard.type("会计")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url("/posts?q=%E4%BC%9A%E8%AE%A1")
    expect(page.locator(".post-list mark").first).to_be_visible()

    first = page.locator(".post-list .post-item a").first
    title = first.inner_text()
    focus_by_tab(page, "el => el.closest('.post-list') !== null && el.tagName === 'A'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    page.goto(f"/posts/{post.id}")
    focus_by_tab(page, "el => el.tagName === 'BUTTON' && el.innerText.trim() === '申请该岗位'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".flash-success")).to_contain_text("申请已提交")
    expect(page.locator("#apply-heading + p")).to_contain_text("当前状态：已申请")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_full_page_screenshots_of_the_main_pages_are_saved(browse, demo, ids, viewport):
    shots = []
    visitor = browse(viewport)
    visitor.goto("/posts?q=%E4%BC%9A%E8%AE%A1")
    shots.append(screenshot(visitor, "listings"))
    visitor.goto(f"/posts/{ids['public_post']}")
    shots.append(screenshot(visitor, "post-detail"))

    seeker = browse(viewport)
    log_in(seeker, demo.seeker)
    seeker.goto("/seeker/profile/situation")
    shots.append(screenshot(seeker, "profile"))

    employer = browse(viewport)
    log_in(employer, demo.employer)
    employer.goto(f"/employer/posts/{ids['own_post']}")
    expect(employer.get_by_role("heading", name="应聘人（2）")).to_be_visible()
    shots.append(screenshot(employer, "employer-applicants"))

    bureau = browse(viewport)
    log_in(bureau, demo.bureau)
    bureau.goto("/bureau/dashboard")
    expect(bureau.locator("svg[role=img]").first).to_be_visible()
    shots.append(screenshot(bureau, "bureau-dashboard"))

    for path in shots:
        data = path.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(data[16:20], "big") == viewport["width"], path
