"""Search in tiers (issue 10): what a search counts are the posts matching its words directly;
neighbouring work follows apart, uncounted; a word that found nothing is named; pinyin is read;
everyday phrases reach the work they mean; a named township comes first; three orders."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import make_employer, make_post
from tests.web.conftest import TODAY

pytestmark = pytest.mark.usefixtures("instant_index")


def _titles(items) -> list[str]:
    return [item["title"] for item in items]


@pytest.fixture
def corpus(session):
    employer = make_employer(session, name="福州长乐恒盛实业有限公司")
    posts = {
        "cashier": make_post(session, employer, title="出纳", industry="商贸", township="吴航街道",
                             description="负责现金收付、银行对账和费用报销", salary_min=4000,
                             salary_max=5000),
        "accountant": make_post(session, employer, title="成本会计", industry="制造",
                                township="松下镇", description="负责成本核算和月末结账",
                                salary_min=6000, salary_max=8000),
        "clerk": make_post(session, employer, title="综合文员", industry="商贸", township="松下镇",
                           description="负责文件收发、会议记录和数据录入", salary_min=3500,
                           salary_max=4000),
        "cleaner": make_post(session, employer, title="道路清扫工", industry="环卫", township="潭头镇",
                             description="负责集镇主干道清扫和垃圾清运", salary_min=2500,
                             salary_max=3000),
        "porter": make_post(session, employer, title="装卸工", industry="物流运输", township="金峰镇",
                            description="负责货物装车卸车、码放", salary_min=5000, salary_max=7000),
    }
    for offset, post in enumerate(posts.values()):
        post.updated_at = datetime.now(UTC) - timedelta(minutes=offset)
    session.flush()
    return posts


def test_the_count_is_of_direct_matches_and_neighbouring_work_follows_uncounted(client, corpus):
    page = client.get("/api/v1/posts?q=会计").json
    assert set(_titles(page["items"])) == {"出纳", "成本会计"}
    assert page["total"] == 2
    assert "综合文员" in _titles(page["related"])  # 文员 is neighbouring work of 会计
    assert not set(_titles(page["related"])) & set(_titles(page["items"]))


def test_related_posts_come_with_the_last_page_only(client, corpus):
    first = client.get("/api/v1/posts?q=会计&per_page=1&page=1").json
    last = client.get("/api/v1/posts?q=会计&per_page=1&page=2").json
    assert first["related"] == [] and _titles(last["related"]) == ["综合文员"]


def test_a_word_that_matched_nothing_is_named_and_the_others_still_search(client, corpus):
    page = client.get("/api/v1/posts?q=文员 兼职").json
    assert page["unmatched"] == ["兼职"]
    assert _titles(page["items"]) == ["综合文员"]
    html = client.get("/posts?q=文员 兼职").get_data(as_text=True)
    assert "没有与“兼职”相关的岗位，已按其他词查找" in html


def test_posts_matching_all_the_words_come_first(client, corpus):
    titles = _titles(client.get("/api/v1/posts?q=清扫 文员 会议记录").json["items"])
    assert titles[0] == "综合文员" and set(titles) == {"综合文员", "道路清扫工"}


def test_pinyin_is_searched_as_the_word_it_spells_and_suggested(client, corpus):
    page = client.get("/api/v1/posts?q=kuaiji").json
    assert page["suggestion"] == "会计" and "成本会计" in _titles(page["items"])
    assert "您是不是要找：" in client.get("/posts?q=kuaiji").get_data(as_text=True)


def test_everyday_words_reach_the_occupations_they_mean(client, corpus):
    assert _titles(client.get("/api/v1/posts?q=扫马路").json["items"]) == ["道路清扫工"]
    assert _titles(client.get("/api/v1/posts?q=搬货").json["items"]) == ["装卸工"]


def test_a_named_township_puts_its_posts_first_without_dropping_the_others(client, corpus):
    titles = _titles(client.get("/api/v1/posts?q=松下 会计 出纳").json["items"])
    assert titles[0] == "成本会计" and "出纳" in titles
    only_town = client.get("/api/v1/posts?q=潭头").json
    assert _titles(only_town["items"]) == ["道路清扫工"]


def test_unanswerable_queries_claim_nothing(client, corpus):
    page = client.get("/api/v1/posts?q=潜水员").json
    assert page["total"] == 0 and page["items"] == [] and page["unmatched"] == ["潜水员"]


def test_sorting_by_salary_and_by_newest(client, session, corpus):
    by_pay = _titles(client.get("/api/v1/posts?q=会计&sort=salary").json["items"])
    assert by_pay == ["成本会计", "出纳"]
    corpus["cashier"].updated_at = datetime.now(UTC) + timedelta(minutes=5)
    session.flush()
    assert _titles(client.get("/api/v1/posts?q=会计&sort=newest").json["items"])[0] == "出纳"
    html = client.get("/posts?q=会计&sort=salary").get_data(as_text=True)
    assert '<strong aria-current="true">薪资</strong>' in html


def test_a_stale_post_loses_rank_to_a_current_one_of_like_fit(client, session, corpus):
    cashier = corpus["cashier"]
    twin = make_post(session, cashier.employer, title=cashier.title, industry=cashier.industry,
                     township=cashier.township, description=cashier.description)
    twin.updated_at = datetime.combine(TODAY, datetime.min.time(), UTC) - timedelta(days=400)
    session.flush()
    items = client.get("/api/v1/posts?q=出纳").json["items"]
    assert items[0]["id"] == cashier.id
    assert [item["id"] for item in items if item["stale"]] == [twin.id]
    assert [item["id"] for item in items].index(twin.id) > 0


def test_the_home_page_has_the_keyword_box_and_the_newest_posts(client, corpus):
    html = client.get("/").get_data(as_text=True)
    assert 'name="q"' in html and "最新岗位" in html and "岗位计划进度" in html
    assert html.index("出纳") < html.index("装卸工")  # newest first
