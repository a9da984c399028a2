"""The one ordering rule (matcher/ordering.py): level of fit, then who is served first within
it (the bureau's lists only), then the score — on people small enough to reason about by hand."""

from datetime import date

import numpy as np

from matcher import Matcher, candidate_from_dict, post_from_dict
from matcher.ordering import LEVELS, levels, order, wished_first
from matcher.weights import WEIGHTS

AS_OF = date(2020, 9, 1)


def post(id, kind="public_welfare", title="环卫保洁员（公益性岗位）", **more):
    return post_from_dict({"id": id, "kind": kind, "title": title, "education_min": "junior_high",
                           "description": "负责道路清扫、垃圾清运和公共区域保洁", **more})


def person(id, desired, groups, education="junior_high", **more):
    return candidate_from_dict({"id": id, "desired": desired, "education": education,
                                "groups": groups, **more})


def test_levels_are_cut_at_the_calibrated_text_similarities():
    text = np.array([WEIGHTS.fit_high, WEIGHTS.fit_high - 1e-9, WEIGHTS.fit_mid, 0.0])
    assert levels(WEIGHTS, text).tolist() == [0, 1, 1, 2]
    assert levels(WEIGHTS, text, np.array([True, False, True, True])).tolist() == [1, 1, 2, 2]


def test_within_each_level_wished_posts_go_first_and_those_much_better_than_its_best_wished():
    level = np.array([0, 0, 0, 0, 1, 1, 2, 2], dtype=np.int8)
    wished = np.array([True, True, False, False, False, True, False, False])
    best = 0.5  # level 0's best wished text; level 1's is 0.2; level 2 has none
    text = np.array([best, 0.1, best * WEIGHTS.much_better, best * WEIGHTS.much_better - 1e-6,
                     0.2 * WEIGHTS.much_better - 1e-6, 0.2, 0.0, 0.3])
    assert wished_first(WEIGHTS, level, wished, text).tolist() == [
        True, True, True, False, False, True, True, True]


def test_order_puts_the_level_first_then_who_is_served_first_then_the_score():
    slots = np.arange(4)
    level = np.array([1, 0, 1, 1], np.int8)
    first = np.array([False, False, True, False])
    scores = np.array([0.9, 0.1, 0.2, 0.0])
    boosts = np.array([1.0, 1.0, 1.0, 1.2])
    ranked = order(slots, level, first, scores, boosts, ["a", "b", "c", "d"], 4)
    assert [slot for slot, *_ in ranked] == [1, 2, 0, 3]
    assert order(slots, level, first, scores, boosts, ["a", "b", "c", "d"], 2)[1][2:] == (1, True)


def test_people_no_text_reaches_are_told_apart_by_their_boosts_not_by_their_ids():
    slots = np.arange(3)
    zeros = np.zeros(3)
    ranked = order(slots, np.full(3, 2, np.int8), np.zeros(3, bool), zeros, np.array([1.0, 1.25, 1.0]),
                   ["a", "b", "c"], 3)
    assert [slot for slot, *_ in ranked] == [1, 0, 2]


PEOPLE = [
    person("A", "保洁、垃圾清运、道路清扫", ["registered_unemployed"]),
    person("B", "保洁", ["low_income"]),
    person("C", "保洁", ["registered_unemployed"]),
    person("D", "会计", ["hardship"], education="high_school"),
]


def test_the_bureau_serves_priority_groups_first_within_a_level_not_above_a_better_fit():
    index = Matcher().fit([post("W")], PEOPLE)
    ranked = index.rank_candidates("W", AS_OF, candidate_ids="ABCD", served_first=True)
    plain = index.rank_candidates("W", AS_OF)
    assert [r.fit for r in plain if r.id in "BC"] == [plain[1].fit, plain[1].fit]
    assert [r.id for r in ranked].index("B") < [r.id for r in ranked].index("C")
    assert [r.id for r in ranked][-1] == "D"  # priority, but another trade: a boost, not a filter
    assert all(r.fit in LEVELS for r in ranked)
    served = next(r for r in ranked if r.id == "B")
    assert f"在“{served.fit}”中排在前面" in "\n".join(served.why)
    assert served.why_for("bureau", fits=False) == []


def test_an_employers_order_is_the_same_whatever_the_candidates_groups():
    swap = {"low_income": ["registered_unemployed"], "registered_unemployed": ["low_income"]}
    swapped = [person(p.id, p.desired, swap.get(p.groups[0], list(p.groups)), education=p.education)
               for p in PEOPLE]
    for kind in ("public_welfare", "regular"):
        before = Matcher().fit([post("W", kind=kind)], PEOPLE).rank_candidates("W", AS_OF)
        after = Matcher().fit([post("W", kind=kind)], swapped).rank_candidates("W", AS_OF)
        assert [r.id for r in before] == [r.id for r in after]
        assert [r.score for r in before] == [r.score for r in after]


def test_the_bureau_recommends_low_income_families_first_for_regular_posts():
    index = Matcher().fit([post("R", kind="regular", title="保洁员")], PEOPLE)
    ranked = [r.id for r in index.rank_candidates("R", AS_OF, served_first=True)]
    assert ranked.index("B") < ranked.index("C")


def test_a_doctorate_far_above_a_simple_post_drops_a_level_and_says_so():
    people = [person("Dr", "防疫、消毒、疫情防控", ["registered_unemployed"], education="doctor",
                     major="临床医学"),
              person("L", "防疫、消毒、疫情防控", ["low_income"])]
    index = Matcher().fit([post("K", title="防疫卡口值守员（公益性岗位）")], people)
    ranked = index.rank_candidates("K", AS_OF, served_first=True)
    assert [r.id for r in ranked] == ["L", "Dr"]
    doctor = ranked[1]
    assert LEVELS.index(doctor.fit) == LEVELS.index(ranked[0].fit) + 1
    assert any("远高于岗位要求" in line for line in doctor.why_for("bureau", fits=False))


def test_a_post_names_its_own_freshness_only_in_a_persons_list_of_posts():
    index = Matcher().fit([post("W", updated="2020-09-01")], PEOPLE)
    for result in index.rank_candidates("W", AS_OF, served_first=True):
        assert not any("岗位信息" in line for line in result.why)
    assert any("岗位信息" in line for line in index.rank_posts("B", AS_OF)[0].why)


def test_a_seekers_chosen_townships_come_first_within_a_level_and_a_much_better_post_is_marked():
    def cleaning(id, township, text):
        return post_from_dict({"id": id, "kind": "regular", "title": "保洁员", "education_min": "none",
                               "township": township, "description": text})
    posts = [cleaning("Near", "吴航街道", "负责办公楼保洁"),
             cleaning("Far", "松下镇", "负责办公楼保洁"),
             cleaning("Best", "松下镇", "负责道路清扫、垃圾清运、环卫保洁、公共区域保洁、清洁")]
    seeker = person("S", "保洁、道路清扫、垃圾清运、环卫", ["registered_unemployed"], townships=["吴航街道"])
    ranked = Matcher().fit(posts, [seeker]).rank_posts("S", AS_OF)
    assert [r.id for r in ranked] == ["Best", "Near", "Far"]  # same level: Near before Far
    assert {r.fit for r in ranked} == {"很匹配"}
    marked = {r.id: r.why_for("seeker", fits=False) for r in ranked}
    assert marked["Far"] == ["意向镇街不含松下镇"]
    assert marked["Best"] == ["意向镇街不含松下镇，但比符合意向的岗位明显更匹配，仍排在前面"]


def test_the_bureau_list_holds_the_groups_served_first_whom_no_word_of_a_short_post_reaches():
    """A 低保 person who wrote nothing the post says still comes in on the bureau's list, first
    among the people of the lowest level; an employer's list holds only whom the words reach."""
    people = [person("word", "道路清扫", ["registered_unemployed"]),
              person("silent", "", ["low_income"]),
              person("other", "", ["registered_unemployed"])]
    index = Matcher().fit([post("W", title="保洁员", description="")], people)
    bureau = [r.id for r in index.rank_candidates("W", AS_OF, served_first=True)]
    assert "silent" in bureau and "other" not in bureau
    assert [r.id for r in index.rank_candidates("W", AS_OF)] == ["word"]
