"""Employers never read a sensitive group in a reason; the bureau and the seeker read everything."""

from datetime import date

import pytest

from matcher import Matcher, Reason, Result, candidate_from_dict, post_from_dict
from policy.codes import GROUP_LABELS, SENSITIVE_GROUPS

AS_OF = date(2020, 9, 1)
SENSITIVE_LABELS = [GROUP_LABELS[g] for g in SENSITIVE_GROUPS]
SENSITIVE_WORDS = SENSITIVE_LABELS + ["低保", "贫困", "脱贫", "困难"]

POSTS = [
    post_from_dict(
        {
            "id": "W",
            "kind": "public_welfare",
            "title": "环卫保洁员（公益性岗位）",
            "description": "负责道路清扫，优先安置低保户",
        }
    ),
    post_from_dict({"id": "R", "kind": "regular", "title": "出纳"}),
]


def person(id, groups, **more):
    fields = {"id": id, "desired": "保洁", "education": "junior_high", "groups": groups}
    return candidate_from_dict({**fields, **more})


PEOPLE = [person(g, [g], experience="家里是低保户，做过保洁") for g in sorted(SENSITIVE_GROUPS)] + [
    person("unemployed", ["registered_unemployed"]),
    person("nobody", []),
    person("working", ["low_income"], employed=True),
]


@pytest.fixture(scope="module")
def matcher():
    return Matcher().fit(POSTS, PEOPLE)


def employer_texts(result: Result) -> str:
    return "\n".join(result.why_public + result.why_for("employer"))


def test_employers_read_no_sensitive_group_for_ranked_candidates_in_those_groups(matcher):
    ranked = {r.id: r for r in matcher.rank_candidates("W", AS_OF)}
    assert set(SENSITIVE_GROUPS) <= set(ranked)
    for group in SENSITIVE_GROUPS:
        shown = employer_texts(ranked[group])
        assert not [word for word in SENSITIVE_WORDS if word in shown], shown


def test_the_bureau_and_the_seeker_still_read_the_group_and_the_clause(matcher):
    ranked = {r.id: r for r in matcher.rank_candidates("W", AS_OF, served_first=True)}
    assert "符合公益性岗位条件：低保家庭成员（本区经办规则）" in ranked["low_income"].why
    level = ranked["hardship"].fit
    law = f"优先安排：就业困难人员，在“{level}”中排在前面；依据：《中华人民共和国就业促进法》"
    assert any(line.startswith(law) for line in ranked["hardship"].why)
    for group in SENSITIVE_GROUPS:
        assert ranked[group].why_for("bureau") == ranked[group].why == ranked[group].why_for("seeker")
        assert GROUP_LABELS[group] in "\n".join(ranked[group].why)


def test_employers_read_neutral_rules_that_cite_the_post_kind_clause(matcher):
    ranked = {r.id: r for r in matcher.rank_candidates("W", AS_OF, served_first=True)}
    public = ranked["low_income"].why_public
    assert "符合公益性岗位条件（本区经办规则）" in public
    assert not any("优先" in line for line in public)  # priority would betray a sensitive group
    assert not any("（八）" in line or "低保" in line for line in public)


def test_a_non_sensitive_group_reads_the_same_neutral_rule_so_none_stands_out(matcher):
    ranked = {r.id: r for r in matcher.rank_candidates("W", AS_OF)}
    assert "符合公益性岗位条件（本区经办规则）" in ranked["unemployed"].why_public
    assert "符合公益性岗位条件：登记失业人员（本区经办规则）" in ranked["unemployed"].why


def test_shared_words_of_a_sensitive_group_are_left_out_for_employers_only(matcher):
    result = matcher.explain("W", "low_income", AS_OF)
    assert any("低保户" in line for line in result.why if line.startswith("关键词匹配："))
    keywords = [line for line in result.why_public if line.startswith("关键词匹配：")]
    assert keywords and "保洁" in keywords[0] and "低保" not in keywords[0]


def test_why_not_recommended_names_no_group_for_employers(matcher):
    for candidate_id in ("nobody", "working"):
        result = matcher.explain("W", candidate_id, AS_OF)
        assert not result.eligible
        assert not [label for label in SENSITIVE_LABELS if label in employer_texts(result)]
    why_public = matcher.explain("W", "nobody", AS_OF).why_public
    assert "不推荐：不属于公益性岗位安置的人员类别（本区经办规则）" in why_public


def test_reasons_carry_the_why_lines_with_their_codes(matcher):
    result = {r.id: r for r in matcher.rank_candidates("W", AS_OF, served_first=True)}["hardship"]
    assert [r.text for r in result.reasons] == result.why
    codes = {r.code for r in result.reasons}
    assert {"public_welfare", "priority.group", "terms.word"} <= codes
    assert all(r.sensitive for r in result.reasons if r.code in ("public_welfare", "priority.group"))


def test_regular_posts_show_employers_every_reason(matcher):
    result = matcher.explain("R", "unemployed", AS_OF)
    assert result.why_public == result.why


def test_an_unknown_audience_is_refused():
    with pytest.raises(ValueError, match="audience"):
        Reason("major", "专业对口：会计").shown_to("public")
