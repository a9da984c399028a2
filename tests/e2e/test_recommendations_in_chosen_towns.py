"""Recommendations start in the chosen towns (issue 10: within a level of fit, posts in the
townships a person chose come first; a post that fits much better elsewhere still shows, marked),
as a seeker reads them on a phone."""

from playwright.sync_api import Page, expect
from sqlalchemy import select

from models import Candidate, Placement
from tests.e2e.helpers import PHONE, give_logins, log_in

ELSEWHERE = "明显更匹配，仍排在前面"  # matcher/ordering.elsewhere's words


def _items(page: Page) -> list[tuple[str, str, str]]:
    """(township, level of fit, what does not fit) of each recommendation, in the page's order."""
    items = page.locator("ul.post-list > li.post-item.card")
    expect(items.first).to_be_visible()
    found = []
    for item in items.all():
        township = item.locator(":scope > .muted").inner_text().split(" · ")[1]
        misses = " ".join(item.locator(".why-miss").all_inner_texts())
        found.append((township, item.locator(".fit-level").inner_text(), misses))
    return found


def _person_without_towns(db) -> Candidate:
    """A demo person with work in mind, no township chosen, no login and no placement: from the
    end of the list, where the other browser tests (which take people from the start) do not go."""
    with db() as s:
        placed = set(s.scalars(select(Placement.candidate_id)))
        for candidate in s.scalars(select(Candidate).where(
                Candidate.user_id.is_(None), Candidate.employed.is_(False), Candidate.desired != "")
                .order_by(Candidate.id.desc())):
            if not candidate.townships and candidate.id not in placed:
                return candidate
    raise AssertionError("the demo has no such person")


def test_a_seeker_who_chooses_towns_sees_recommendations_there_first_on_a_phone(browse, db):
    phone = give_logins(db, [_person_without_towns(db)])[0]
    page = browse(PHONE)
    log_in(page, phone)

    # Anywhere at first: the best fits, wherever they are.
    page.goto("/seeker/recommendations")
    before = _items(page)
    top_level = [town for town, fit, _ in before if fit == before[0][1]]
    chosen = list(dict.fromkeys(t for t in top_level[1:] if t and t != top_level[0]))[:2]
    assert chosen, f"the best fits are all in {top_level[0]}: no other town to choose"

    # The person chooses two of the towns where the next-best fits are.
    page.goto("/seeker/profile/intent")
    for box in page.locator("fieldset.checks input[type=checkbox]").all():
        box.uncheck()
    for town in chosen:
        page.get_by_label(town, exact=True).check()
    page.get_by_role("button", name="保存并继续").click()
    expect(page.locator(".flash-success")).to_contain_text("求职意向已保存")

    page.goto("/seeker/recommendations")
    after = _items(page)
    first_town, _, first_misses = after[0]
    assert first_town in chosen or ELSEWHERE in first_misses, after[0]
    # Nothing outside the chosen towns comes before the first one inside them unless marked.
    inside = next(i for i, (town, _, _) in enumerate(after) if town in chosen)
    assert all(ELSEWHERE in misses for _, _, misses in after[:inside]), after[:inside + 1]
    assert inside < 3, f"the chosen towns start at #{inside + 1}: {after[:inside + 1]}"
    # A post marked as a better fit elsewhere is indeed elsewhere, and says so.
    for town, _, misses in after:
        if ELSEWHERE in misses:
            assert town not in chosen and f"意向镇街不含{town}" in misses
