"""How a search query is read (matcher/query.py) and the tiers it gives (matcher/search.py)."""

import pytest

from matcher import Matcher, post_from_dict
from matcher.query import QueryReader
from matcher.tokenizer import load


@pytest.fixture(scope="module")
def reader():
    return QueryReader(load())


def labels(query):
    return [w.label for w in query.words]


def test_a_township_and_a_kind_are_named_not_searched_as_words(reader):
    query = reader.read("潭头 见习 保洁")
    assert labels(query) == ["保洁"]
    assert query.townships == {"潭头镇"} and query.kinds == {"trainee"}


def test_an_everyday_phrase_is_searched_as_the_occupation_it_means(reader):
    word, rest = reader.read("我想扫马路").words
    assert word.label == "扫马路" and "环卫" in word.direct
    assert rest.by_sound  # "我想" spells no word: only a suggestion could come of it


def test_filler_is_dropped_and_an_unsearchable_condition_is_named(reader):
    query = reader.read("文员兼职 上班")
    assert labels(query) == ["文员"] and query.unanswerable == ("兼职",)


def test_a_word_is_read_whole_and_a_generic_compound_by_its_known_parts(reader):
    assert labels(reader.read("工程师")) == ["工程师"]  # not 工程 (construction)
    assert labels(reader.read("英语老师")) == ["英语", "老师"]


def test_broad_families_are_kept_apart_from_direct_terms(reader):
    (word,) = reader.read("会计").words
    assert "=会计" in word.direct and all(t[0] != "~" for t in word.direct)
    assert word.broad and all(t[0] == "~" for t in word.broad)


def post(id, title, description=""):
    return post_from_dict({"id": id, "kind": "regular", "title": title, "employer": "某公司",
                           "industry": "其他", "description": description, "requirements": "",
                           "education_min": "none", "township": "吴航街道"})


@pytest.fixture(scope="module")
def index():
    return Matcher().fit([post("A", "出纳", "现金收付"), post("B", "综合文员", "文件收发"),
                          post("C", "装卸工", "货物装车")], [])


def test_tiers_count_direct_matches_and_keep_neighbouring_work_apart(index):
    tiers = index.search_tiers("会计", index.post_mask(["A", "B", "C"]))
    assert set(tiers.direct) == {"A"}
    assert [doc_id for doc_id, _ in tiers.related] == ["B"]


def test_pinyin_searches_the_word_it_spells(index):
    tiers = index.search_tiers("chuna", index.post_mask(["A", "B", "C"]))
    assert tiers.suggestion == "出纳" and set(tiers.direct) == {"A"} and tiers.unmatched == ()


def test_characters_that_spell_no_word_get_a_suggestion_and_no_results(index):
    tiers = index.search_tiers("出那", index.post_mask(["A", "B", "C"]))
    assert tiers.suggestion == "出纳" and tiers.direct == {} and tiers.unmatched == ()
    assert index.search_tiers("我想", index.post_mask(["A", "B", "C"])).unmatched == ()


def test_a_word_nothing_matches_is_named(index):
    tiers = index.search_tiers("装卸 潜水员", index.post_mask(["A", "B", "C"]))
    assert set(tiers.direct) == {"C"} and tiers.unmatched == ("潜水员",)


def test_only_the_allowed_posts_are_searched(index):
    assert index.search_tiers("出纳", index.post_mask(["B", "C"])).direct == {}
