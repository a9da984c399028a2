"""The listing's search: Chinese through the matcher, filters with facet counts, order, marks."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from models import Placement
from policy.codes import EDUCATION_LEVELS
from policy.parameters import Parameter
from services import post_search
from tests.factories import make_candidate, make_employer, make_post, make_user
from tests.web.conftest import TODAY
from tests.web.helpers import bearer, login

pytestmark = pytest.mark.usefixtures("instant_index")


def _titles(response) -> list[str]:
    return [item["title"] for item in response.json["items"]]


@pytest.fixture
def corpus(session):
    employer = make_employer(session, name="福州长乐恒盛实业有限公司")
    return {
        "cashier": make_post(session, employer, title="出纳", industry="商贸",
                             description="负责公司现金收付、银行对账和财务报销", township="吴航街道"),
        "amazon": make_post(session, employer, title="亚马逊运营专员", industry="跨境电商",
                            description="负责亚马逊店铺日常运营、listing 优化和广告投放",
                            township="航城街道", salary_min=6000, salary_max=9000),
        "weaver": make_post(session, employer, title="织造挡车工", industry="纺织",
                            description="看管喷气织机，处理断经断纬", township="金峰镇",
                            education_min="junior_high", salary_min=4500, salary_max=6000),
    }


def test_accounting_finds_posts_that_say_cashier_or_finance(client, corpus):
    titles = _titles(client.get("/api/v1/posts?q=会计"))
    assert "出纳" in titles
    assert "织造挡车工" not in titles


def test_cross_border_ecommerce_finds_amazon_operations(client, corpus):
    response = client.get("/api/v1/posts?q=跨境电商")
    assert _titles(response)[0] == "亚马逊运营专员"
    assert "亚马逊" in response.json["items"][0]["highlights"]


def test_an_empty_query_lists_the_newest_first(client, session, corpus):
    corpus["weaver"].updated_at = datetime.now(UTC) + timedelta(minutes=5)
    session.flush()
    titles = _titles(client.get("/api/v1/posts?q=%20"))
    assert titles[0] == "织造挡车工" and len(titles) == 3


def test_closed_and_full_posts_leave_the_listing(client, session, corpus):
    corpus["cashier"].status = "closed"
    full = corpus["amazon"]
    full.slots = 1
    session.add(Placement(post_id=full.id, candidate_id=make_candidate(session).id, kind="regular",
                          start_date=TODAY))
    session.flush()
    assert _titles(client.get("/api/v1/posts")) == ["织造挡车工"]
    assert client.get(f"/posts/{full.id}").status_code == 200  # still reachable by its link


def test_facets_count_each_value_under_the_other_filters(client, corpus):
    body = client.get("/api/v1/posts?township=航城街道").json
    assert body["total"] == 1
    assert body["facets"]["township"] == {"吴航街道": 1, "航城街道": 1, "金峰镇": 1}
    assert body["facets"]["industry"] == {"跨境电商": 1}
    assert body["facets"]["salary"] == {"3000": 1, "5000": 1, "8000": 1}
    salaried = client.get("/api/v1/posts?salary=8000").json
    assert _titles(client.get("/api/v1/posts?salary=8000")) == ["亚马逊运营专员"] and salaried["total"] == 1
    assert client.get("/api/v1/posts?education=junior_high").json["total"] == 1


@pytest.mark.parametrize("query", ["township=航城街道&salary=8000", "township=金峰镇&salary=8000",
                                   "industry=纺织&education=junior_high",
                                   "kind=regular&township=吴航街道&salary=3000"])
def test_each_facet_counts_what_the_other_filters_leave(client, corpus, query):
    """Against the definition itself: a facet's counts are the facets of the same search with
    that facet's own filter removed (a post kept out by two filters counts nowhere)."""
    body = client.get(f"/api/v1/posts?{query}").json
    for name in post_search.FACETS:
        without = "&".join(part for part in query.split("&") if not part.startswith(f"{name}="))
        expected: dict[str, int] = {}
        for item in client.get(f"/api/v1/posts?{without}").json["items"]:
            for value in _facet_values(item, name):
                expected[value] = expected.get(value, 0) + 1
        assert body["facets"][name] == expected, (query, name)


def _facet_values(item: dict, name: str) -> list[str]:
    if name == "education":
        levels = list(EDUCATION_LEVELS)
        return levels[levels.index(item["education_min"]):]
    if name == "salary":
        best = item["salary_max"] or item["salary_min"] or 0
        return [str(step) for step in post_search.SALARY_STEPS if best >= step]
    return [item[name]]


@pytest.mark.parametrize("query", ["page=-1", "page=abc", "per_page=100000", "salary=1", "kind=vip"])
def test_bad_paging_and_filter_values_are_refused_in_chinese_not_500(client, corpus, query):
    response = client.get(f"/api/v1/posts?{query}")
    assert 400 <= response.status_code < 500
    assert response.json["error"]["code"] == "invalid_query"


@pytest.mark.parametrize("page", ["-1", "abc", "0"])
def test_the_listing_page_treats_a_bad_page_number_as_the_first(client, corpus, page):
    response = client.get(f"/posts?page={page}")
    assert response.status_code == 200
    assert all(post.title in response.get_data(as_text=True) for post in corpus.values())


def test_sql_looking_searches_are_just_text(client, corpus):
    for q in ("' OR 1=1 --", "出纳'; DROP TABLE posts; --", "%", "_"):
        assert client.get("/api/v1/posts", query_string={"q": q}).status_code == 200
        assert client.get("/posts", query_string={"q": q}).status_code == 200
    assert client.get("/api/v1/posts").json["total"] == 3


def test_the_page_highlights_matched_words_and_escapes_the_rest(client, session, corpus):
    employer = make_employer(session)
    make_post(session, employer, title="<script>alert(1)</script>出纳",
              description="出纳<img src=x onerror=alert(1)>")
    page = client.get("/posts", query_string={"q": "出纳"}).get_data(as_text=True)
    assert "<mark>出纳</mark>" in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "<img src=x" not in page


def test_the_page_keeps_every_filter_in_shareable_links(client, session):
    employer = make_employer(session)
    for n in range(25):
        make_post(session, employer, title=f"纺织质检员{n}", township="金峰镇")
    page = client.get("/posts", query_string={"q": "质检", "township": "金峰镇"}).get_data(as_text=True)
    assert "共 25 个岗位" in page
    assert "page=2" in page
    assert "township=%E9%87%91%E5%B3%B0%E9%95%87" in page and "q=%E8%B4%A8%E6%A3%80" in page


def test_a_post_not_updated_for_thirty_days_is_marked_possibly_stale(client, session, corpus):
    corpus["weaver"].updated_at = datetime(2020, 7, 1, tzinfo=UTC)
    corpus["cashier"].updated_at = datetime(2020, 8, 25, tzinfo=UTC)
    session.flush()
    items = {i["title"]: i["stale"] for i in client.get("/api/v1/posts").json["items"]}
    assert items["织造挡车工"] is True and items["出纳"] is False
    assert "信息可能已过期" in client.get("/posts").get_data(as_text=True)


def test_the_stale_mark_follows_the_bureau_setting_and_says_it_is_one(client, session, corpus, monkeypatch):
    corpus["weaver"].updated_at = datetime(2020, 7, 1, tzinfo=UTC)
    corpus["cashier"].updated_at = datetime(2020, 8, 25, tzinfo=UTC)  # 7 days before TODAY
    session.flush()
    page = client.get(f"/posts/{corpus['weaver'].id}").get_data(as_text=True)
    assert "超过30天未更新" in page and "本区经办规则" in page
    monkeypatch.setattr(post_search, "STALE_AFTER", Parameter(6, "bureau", "本区经办规则"))
    items = {i["title"]: i["stale"] for i in client.get("/api/v1/posts").json["items"]}
    assert items["出纳"] is True


def test_a_new_post_is_found_at_once_and_a_closed_one_leaves_at_once(client, session, employer_user, corpus):
    headers = bearer(client, employer_user.phone)
    assert client.get("/api/v1/posts?q=无人机").json["total"] == 0
    created = client.post("/api/v1/posts", headers=headers, json={
        "kind": "regular", "title": "无人机植保飞手", "industry": "农业", "township": "潭头镇",
        "slots": 2, "description": "操作无人机为果园喷洒农药"})
    assert created.status_code == 201
    assert _titles(client.get("/api/v1/posts?q=无人机")) == ["无人机植保飞手"]
    closed = client.post(f"/api/v1/posts/{created.json['id']}/close", headers=headers)
    assert closed.status_code == 200 and closed.json["status"] == "closed"
    assert client.get("/api/v1/posts?q=无人机").json["total"] == 0


def test_the_listing_answers_from_its_cache_until_the_change_log_moves(client, session, corpus):
    """Only changes made through the ORM (whose session events log them) reach the listing."""
    assert _titles(client.get("/api/v1/posts?q=出纳")) == ["出纳"]
    cashier = corpus["cashier"]
    session.execute(text("UPDATE posts SET title = '出纳（已改名）' WHERE id = :id"), {"id": cashier.id})
    assert _titles(client.get("/api/v1/posts?q=出纳")) == ["出纳"]  # behind the ORM's back: nothing logged
    session.refresh(cashier)
    cashier.title = "出纳（已改名）"  # the same value: the ORM sees no change
    cashier.updated_at = cashier.updated_at + timedelta(seconds=1)
    session.flush()
    assert _titles(client.get("/api/v1/posts?q=出纳")) == ["出纳（已改名）"]


def test_whoever_fills_a_post_no_longer_finds_it_even_before_the_next_refresh(app, client, session,
                                                                            corpus):
    app.extensions["matcher"].refresh_seconds = 3600  # only the worker's own commit can refresh
    weaver = corpus["weaver"]
    weaver.slots = 1
    person = make_candidate(session, education="junior_high", graduation_date=None)
    session.flush()
    assert "织造挡车工" in _titles(client.get("/api/v1/posts"))
    assert "织造挡车工" in client.get("/posts").get_data(as_text=True)
    bureau = bearer(client, make_user(session, role="bureau").phone)
    placed = client.post("/api/v1/placements", headers=bureau, json={
        "post_id": weaver.id, "candidate_id": person.id, "start_date": TODAY.isoformat()})
    assert placed.status_code == 201, placed.json
    assert "织造挡车工" not in _titles(client.get("/api/v1/posts"))
    assert "织造挡车工" not in client.get("/posts").get_data(as_text=True)


def test_the_cached_results_page_still_offers_each_seeker_their_own_save_button(client, corpus,
                                                                             seeker):
    anonymous = client.get("/posts?q=出纳").get_data(as_text=True)
    assert "保存此搜索" not in anonymous and "出纳" in anonymous
    login(client, seeker.phone)
    page = client.get("/posts?q=出纳").get_data(as_text=True)
    assert "保存此搜索" in page and page.count('class="post-item"') == anonymous.count('class="post-item"')


def test_the_cached_post_page_counts_the_slots_left_after_a_placement(app, client, session, corpus):
    app.extensions["matcher"].refresh_seconds = 3600  # only the worker's own commit can refresh
    weaver = corpus["weaver"]
    weaver.slots = 1
    person = make_candidate(session, education="junior_high", graduation_date=None)
    session.flush()
    assert "剩余 1 个名额" in client.get(f"/posts/{weaver.id}").get_data(as_text=True)
    bureau = bearer(client, make_user(session, role="bureau").phone)
    client.post("/api/v1/placements", headers=bureau, json={
        "post_id": weaver.id, "candidate_id": person.id, "start_date": TODAY.isoformat()})
    page = client.get(f"/posts/{weaver.id}").get_data(as_text=True)
    assert "剩余 0 个名额" in page and "登录后申请" in page
