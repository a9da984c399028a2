"""A phone search as people type it (issue 10): a word nothing matches is named and the others
still search, pinyin gets 您是不是要找, and the results sort by 薪资."""

import re

from playwright.sync_api import expect

from tests.e2e.helpers import PHONE


def _top_pay(text: str) -> int:
    """The highest figure of a listing line's pay (0 for 面议)."""
    pay = text.split(" · ")[2] if text.count(" · ") >= 2 else ""
    return max((int(n) for n in re.findall(r"\d+", pay)), default=0)


def test_a_phone_search_names_the_word_that_matched_nothing_suggests_by_pinyin_and_sorts(browse):
    page = browse(PHONE)
    page.goto("/")
    page.get_by_placeholder("想做什么工作？").fill("会计 兼职")
    with page.expect_navigation():
        page.get_by_role("button", name="找岗位").click()
    expect(page.locator(".notice.unmatched")).to_have_text("没有与“兼职”相关的岗位，已按其他词查找。")
    expect(page.locator(".post-list .post-item mark").first).to_be_visible()

    page.locator("#q").fill("kuaiji")
    with page.expect_navigation():
        page.locator("#q").press("Enter")
    suggestion = page.locator(".notice.suggestion")
    expect(suggestion).to_contain_text("您是不是要找：会计")
    with page.expect_navigation():
        suggestion.get_by_role("link", name="会计").click()
    expect(page.locator("#q")).to_have_value("会计")

    with page.expect_navigation():
        page.locator(".sorts").get_by_role("link", name="薪资").click()
    expect(page.locator('.sorts [aria-current="true"]')).to_have_text("薪资")
    lines = page.locator("ul.post-list").first.locator(".post-item > .muted").all_inner_texts()
    pays = [_top_pay(line) for line in lines]
    assert len(pays) > 1 and pays == sorted(pays, reverse=True)
