"""Matcher behaviour on records small enough to reason about by hand."""

from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from matcher import Matcher, NotFittedError, candidate_from_dict, pairs, post_from_dict

AS_OF = date(2020, 9, 1)


def post(id, kind="regular", title="出纳", education_min="none", **more):
    return post_from_dict({"id": id, "kind": kind, "title": title, "education_min": education_min, **more})


def person(id, desired="会计", education="associate", **more):
    return candidate_from_dict({"id": id, "desired": desired, "education": education, **more})


POSTS = [
    post(
        "P1",
        title="出纳",
        description="负责现金收付、银行对账和费用报销",
        township="湖南镇",
        majors=["会计", "会计学"],
        education_min="associate",
    ),
    post("P2", kind="public_welfare", title="环卫保洁员（公益性岗位）", description="负责道路清扫和垃圾清运"),
    post(
        "P3",
        kind="trainee",
        title="软件测试见习生",
        description="编写测试用例，执行功能测试",
        education_min="associate",
    ),
]
PEOPLE = [
    person("C1", desired="会计、财务", major="会计学", townships=["湖南镇"]),
    person("C2", desired="会计、财务", major="会计学", townships=["松下镇"]),
    person("C3", desired="会计、财务", major="会计学", education="high_school"),
    person("C4", desired="保洁", education="junior_high", groups=["low_income"]),
    person("C5", desired="保洁", education="junior_high", groups=["registered_unemployed"]),
    person("C6", desired="保洁", education="junior_high", groups=["low_income"], employed=True),
    person("C7", desired="软件测试", education="bachelor", graduation_date="2020-06-30"),
    person("C8", desired="软件测试", education="bachelor", graduation_date="2016-06-30"),
]


@pytest.fixture(scope="module")
def matcher():
    return Matcher().fit(POSTS, PEOPLE)


def ids(results):
    return [r.id for r in results]


def test_a_query_on_an_unfitted_matcher_says_so():
    with pytest.raises(NotFittedError):
        Matcher().rank_candidates("P1", AS_OF)


def test_synonyms_rank_an_accountant_for_a_cashier_post_and_township_fit_comes_first(matcher):
    assert ids(matcher.rank_candidates("P1", AS_OF)) == ["C1", "C2"]


def test_candidates_below_the_education_minimum_are_never_ranked(matcher):
    assert "C3" not in ids(matcher.rank_candidates("P1", AS_OF))


def test_public_welfare_post_ranks_only_eligible_groups_priority_first(matcher):
    assert ids(matcher.rank_candidates("P2", AS_OF)) == ["C4", "C5"]


def test_trainee_post_takes_only_recent_graduates(matcher):
    assert ids(matcher.rank_candidates("P3", AS_OF)) == ["C7"]


def test_every_result_explains_itself_with_the_seed_clause(matcher):
    (first, *_) = matcher.rank_candidates("P2", AS_OF)
    assert "符合公益性岗位条件：低保家庭成员（本区经办规则）" in first.why
    assert any(w.startswith("同类工作：") or w.startswith("关键词匹配：") for w in first.why)
    (trainee,) = matcher.rank_candidates("P3", AS_OF)
    notice = "人力资源社会保障部等七部门2020年《关于进一步加强就业见习工作的通知》"
    assert f"离校未满两年，可参加就业见习（{notice}）" in trainee.why


def test_explain_says_why_a_filtered_out_candidate_is_not_recommended(matcher):
    result = matcher.explain("P1", "C3", AS_OF)
    assert not result.eligible
    assert result.why[0] == "不推荐：学历不足：高中 < 大专"
    assert "不推荐：已就业，不符合公益性岗位条件（本区经办规则）" in matcher.explain("P2", "C6", AS_OF).why
    assert any("离校已超过两年" in w for w in matcher.explain("P3", "C8", AS_OF).why)


def test_explain_gives_the_ranking_score(matcher):
    for result in matcher.rank_candidates("P1", AS_OF):
        assert matcher.explain("P1", result.id, AS_OF).score == pytest.approx(result.score)


def test_candidate_ids_restrict_the_ranking_to_applicants(matcher):
    assert ids(matcher.rank_candidates("P1", AS_OF, candidate_ids=["C2", "C3", "C4"])) == ["C2"]


def test_excluded_ids_leave_the_ranking_and_the_next_best_moves_up(matcher):
    assert ids(matcher.rank_candidates("P1", AS_OF, exclude=["C1", "UNKNOWN"])) == ["C2"]
    assert ids(matcher.rank_candidates("P1", AS_OF)) == ["C1", "C2"]  # the kept mask is unchanged


def test_open_only_leaves_out_people_closed_to_offers_and_follows_their_change():
    m = Matcher().fit(POSTS, [replace(PEOPLE[0], open_to_offers=False), PEOPLE[1]])
    assert ids(m.rank_candidates("P1", AS_OF, open_only=True)) == ["C2"]
    assert ids(m.rank_candidates("P1", AS_OF)) == ["C1", "C2"]
    m.replace_candidate(PEOPLE[0])
    assert ids(m.rank_candidates("P1", AS_OF, open_only=True)) == ["C1", "C2"]
    assert ids(m.rank_candidates("P1", AS_OF, open_only=True, exhaustive=True)) == ["C1", "C2"]


def test_posts_for_a_candidate_leave_out_posts_they_may_not_take(matcher):
    assert ids(matcher.rank_posts("C6", AS_OF)) == []
    assert ids(matcher.rank_posts("C4", AS_OF)) == ["P2"]


def test_ties_break_by_id():
    twins = [person("B", desired="保洁"), person("A", desired="保洁"), person("C", desired="保洁")]
    m = Matcher().fit([post("P", title="保洁员")], twins)
    assert ids(m.rank_candidates("P", AS_OF)) == ["A", "B", "C"]


def test_search_finds_posts_by_synonym_and_names_the_words_to_highlight(matcher):
    hits = matcher.search_posts("会计")
    assert [h.id for h in hits] == ["P1"]
    assert "出纳" in hits[0].terms


@pytest.mark.parametrize("query", ["", "   ", "的 了 和", "上班地点无所谓"])
def test_empty_or_all_stop_word_query_returns_nothing(matcher, query):
    assert matcher.search_posts(query) == []


def test_added_replaced_and_removed_documents_rank_without_refitting():
    m = Matcher().fit(POSTS, PEOPLE)
    m.add_candidate(person("C9", desired="出纳、会计", major="会计", townships=["湖南镇"]))
    assert "C9" in ids(m.rank_candidates("P1", AS_OF))
    m.replace_candidate(person("C9", desired="保洁", education="junior_high", groups=["poverty"]))
    assert "C9" not in ids(m.rank_candidates("P1", AS_OF))
    assert "C9" in ids(m.rank_candidates("P2", AS_OF))
    m.remove_candidate("C1")
    assert "C1" not in ids(m.rank_candidates("P1", AS_OF))
    m.add_post(post("P4", title="会计助理"))
    assert "P4" in ids(m.rank_posts("C2", AS_OF))
    m.remove_post("P4")
    assert "P4" not in ids(m.rank_posts("C2", AS_OF))


def test_a_listing_s_post_mask_follows_the_index_as_its_posts_change():
    """post_mask keeps the mask of the ids it was last given; a post replaced (a new slot),
    added or removed since is seen the next time the same ids are passed."""
    m = Matcher().fit(POSTS, PEOPLE)
    listing = ("P1", "P3", "P4")
    assert {m.posts_.ids[s] for s in m.post_mask(listing).nonzero()[0]} == {"P1", "P3"}
    m.add_post(post("P4", title="会计助理"))
    m.replace_post(post("P1", title="出纳（兼职）"))
    m.remove_post("P3")
    found = m.post_mask(listing)
    assert {m.posts_.ids[s] for s in found.nonzero()[0]} == {"P1", "P4"}
    found[:] = False  # a copy: the next caller's mask is whole
    assert m.post_mask(listing).sum() == 2
    restricted = ids(m.rank_posts("C2", AS_OF, allowed=m.post_mask(listing)))
    assert restricted and restricted == [t for t in ids(m.rank_posts("C2", AS_OF)) if t in ("P1", "P4")]
    assert "P4" not in ids(m.rank_posts("C2", AS_OF, allowed=m.post_mask(listing), exclude=["P4"]))


def test_the_posts_words_read_ahead_follow_their_posts_through_a_compaction():
    m = Matcher().fit(POSTS, PEOPLE)
    m.read_post_words()
    slots = {doc_id: m.posts_.slot_of[doc_id] for doc_id in ("P2", "P3")}
    before = {doc_id: m.post_words(slot) for doc_id, slot in slots.items()}
    m.remove_post("P1")  # every later slot moves down at the compaction
    m.refit()
    for doc_id, words in before.items():
        assert m.posts_.slot_of[doc_id] == slots[doc_id] - 1
        assert m.post_words(m.posts_.slot_of[doc_id]) is words


def test_refit_after_updates_ranks_like_a_fresh_fit():
    updated = Matcher().fit(POSTS, PEOPLE[:4])
    for candidate in PEOPLE[4:]:
        updated.add_candidate(candidate)
    updated.refit()
    fresh = Matcher().fit(POSTS, PEOPLE)
    for p in POSTS:
        assert updated.rank_candidates(p.id, AS_OF) == fresh.rank_candidates(p.id, AS_OF)


def test_unknown_ids_raise_key_error(matcher):
    with pytest.raises(KeyError):
        matcher.rank_candidates("nope", AS_OF)
    with pytest.raises(KeyError):
        matcher.explain("P1", "nope", AS_OF)


def test_highlights_are_computed_for_the_asked_posts_only():
    index = Matcher().fit([post("H1", title="会计"), post("H2", title="仓库管理员")], [])
    hits = index.search_posts("会计", highlight=False)
    assert hits and all(h.terms == () for h in hits)
    tiers = index.search_tiers("会计", index.post_mask(["H1", "H2"]))
    shown = index.highlights(tiers.query, ["H1", "missing"])
    assert set(shown) == {"H1"} and "会计" in shown["H1"]


def test_reasons_are_worded_when_read_from_the_index_as_it_is_then():
    m = Matcher().fit(POSTS, PEOPLE)
    ranked = {r.id: r for r in m.rank_candidates("P1", AS_OF)}
    assert set(ranked) == {"C1", "C2"}
    before = ranked["C1"].score
    m.replace_candidate(person("C1", desired="会计、财务", major="会计学", townships=["松下镇"]))
    assert ranked["C1"].score == before  # the ranking's score stays as ranked
    assert "意向镇街不含湖南镇" in ranked["C1"].why  # the reasons read the new row
    m.remove_candidate("C2")
    with pytest.raises(KeyError, match="C2"):
        ranked["C2"].why_for("bureau")


def test_a_result_read_at_once_equals_the_explain_of_the_same_pair(matcher):
    (best, *_) = matcher.rank_candidates("P1", AS_OF)
    alone = matcher.explain("P1", best.id, AS_OF)
    assert (best.eligible, best.reasons) == (alone.eligible, alone.reasons)
    assert best.score == pytest.approx(alone.score) and best.why


def test_a_list_s_reasons_worded_together_equal_each_pair_s_alone(matcher):
    """A ranked list words all its reasons at its first read, in one pass over its rows:
    each equals what its pair gives explained by itself, whichever result is read first."""
    posts = matcher.rank_posts("C1", AS_OF, top=10) + matcher.rank_posts("C4", AS_OF, top=10)
    people = matcher.rank_candidates("P2", AS_OF, served_first=False)
    assert len(posts) >= 2 and len(people) >= 2
    for result in reversed(people):  # read from the last: the whole list is worded at once
        alone = matcher.explain("P2", result.id, AS_OF)
        assert (result.eligible, result.reasons) == (alone.eligible, alone.reasons)
    for result in posts:
        assert any(line.startswith("关键词匹配") for line in result.why)


@pytest.mark.parametrize("placed", [(0, True), (1, False), (2, True)])
def test_reasons_worded_for_many_pairs_at_once_equal_each_pair_worded_alone(placed):
    """pairs.reasons words each rule once per post kind and minimum on a person's list, and
    reads the rows in one pass: every pair's lines equal those it gets by itself, on a
    person's list of posts and on the bureau's list of a post's candidates (served first)."""
    junior = post("P4", title="出纳", description="现金收付", education_min="junior_high")
    matcher = Matcher().fit([*POSTS, junior], PEOPLE)  # P1 and P4: one kind, two minimums
    posts, people = matcher.posts_, matcher.candidates_
    for person in ("C1", "C3", "C4", "C7"):
        c = people.slot_of[person]
        many = [(posts.slot_of[p], c) for p in ("P1", "P2", "P3", "P4")]
        query = matcher.query(people, c)
        together = pairs.reasons(matcher, many, AS_OF, False, query, [placed] * len(many))
        assert together == [pairs.reasons(matcher, [pair], AS_OF, False, query, [placed])[0]
                            for pair in many]
    p = posts.slot_of["P2"]
    many = [(p, people.slot_of[c]) for c in ("C4", "C5", "C6", "C1")]
    query = matcher.query(posts, p)
    together = pairs.reasons(matcher, many, AS_OF, True, query, [placed] * len(many))
    assert together == [pairs.reasons(matcher, [pair], AS_OF, True, query, [placed])[0] for pair in many]
    if placed[1]:  # the bureau's served-first line names the group of the one served first
        assert any(line.text.startswith("优先安排") for _, lines in together for line in lines)


def test_reading_one_result_words_it_and_the_next_few_not_the_whole_list(monkeypatch):
    """The bureau ranks three pages' worth and shows one: reading a result words a window of
    pairs.WORDED_TOGETHER from it, not every result of the list."""
    people = [person(f"K{i:02}", desired="保洁", education="junior_high", groups=["low_income"])
              for i in range(25)]
    m = Matcher().fit(POSTS, people)
    ranked = m.rank_candidates("P2", AS_OF, top=25, served_first=False)
    assert len(ranked) == 25
    asked = []
    real = pairs.reasons
    monkeypatch.setattr(pairs, "reasons", lambda index, many, *rest: asked.append(len(many)) or real(
        index, many, *rest))
    assert ranked[0].why and ranked[9].why and ranked[12].why
    assert asked == [pairs.WORDED_TOGETHER, pairs.WORDED_TOGETHER]  # results 0–9, then 12–21
    assert ranked[10].why and asked[-1] == 2  # 10 and 11, which nothing had worded yet


def test_one_pass_over_several_rows_gives_each_row_s_own_contributions(matcher):
    store = matcher.posts_
    cols, weights = matcher.query(matcher.candidates_, matcher.candidates_.slot_of["C1"])
    slots = list(range(store.n_slots))
    cosines = store.exact(np.array(slots), cols, weights)
    for slot, (shared, parts), cosine in zip(slots, store.dots(slots, cols, weights), cosines, strict=True):
        assert shared == sorted(set(store.row(slot)[0].tolist()) & set(cols.tolist()))
        assert sum(parts) == pytest.approx(cosine)
    assert any(shared for shared, _ in store.dots(slots, cols, weights))


def test_reasons_read_after_a_document_is_replaced_describe_the_new_text_only():
    m = Matcher().fit(POSTS, PEOPLE)
    (best, *_) = m.rank_candidates("P1", AS_OF)
    m.replace_post(post("P1", title="软件测试", description="编写测试用例", township="湖南镇",
                        majors=["计算机"], education_min="associate"))
    assert not any(line.startswith("关键词匹配") for line in best.why)  # no word of the old text
    assert best.why == m.explain("P1", best.id, AS_OF).why


def test_a_new_post_with_only_new_words_ranks_beside_newly_added_candidates():
    m = Matcher().fit(POSTS, PEOPLE)
    m.add_post(post("PD", title="无人机飞手", description="无人机航拍"))
    m.add_candidate(person("N9", desired="保洁"))  # in the delta segment, sharing no word
    assert m.rank_candidates("PD", AS_OF) == []
    m.add_candidate(person("N10", desired="无人机飞手"))
    assert ids(m.rank_candidates("PD", AS_OF)) == ["N10"]


def test_a_post_of_an_unknown_kind_is_refused_whole():
    m = Matcher().fit(POSTS, PEOPLE)
    odd = replace(post("PX"), kind="gig")  # past the record's own check, as a library caller might
    with pytest.raises(ValueError):
        m.add_post(odd)
    assert not m.has_post("PX")
    m.add_post(post("PW2", kind="public_welfare", title="环卫保洁员"))
    assert "PW2" not in ids(m.rank_posts("C1", AS_OF))  # C1 belongs to no public-welfare group
