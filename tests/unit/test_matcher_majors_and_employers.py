"""Majors compare by family (matcher/data/majors.tsv) and occupations come from what people did,
not from whom they did it for (matcher/terms.py)."""

from datetime import date

import pytest

from matcher import Matcher, candidate_from_dict, post_from_dict
from matcher.terms import split_employers

AS_OF = date(2020, 9, 1)


def accounting_post(id, majors):
    return post_from_dict({"id": id, "kind": "regular", "title": "会计", "education_min": "none",
                           "description": "负责记账、报税", "majors": majors})


@pytest.mark.parametrize("major", ["大数据与会计", "会计电算化", "会计信息管理", "会计"])
def test_every_catalogue_name_of_accounting_fits_a_post_asking_for_accounting(major):
    posts = [accounting_post("A", ["会计", "税务", "审计学"]), accounting_post("B", ["会计学"])]
    person = candidate_from_dict({"id": "C", "desired": "会计", "education": "associate", "major": major})
    index = Matcher().fit(posts, [person])
    for result in index.rank_posts("C", AS_OF):
        assert f"专业对口：{major}" in result.why
        assert not any(line.startswith("专业不在") for line in result.why)
    assert f"专业对口：{major}" in index.rank_candidates("A", AS_OF)[0].why


def test_a_major_of_another_family_still_misses_and_says_so():
    person = candidate_from_dict({"id": "C", "desired": "会计", "education": "associate", "major": "护理"})
    index = Matcher().fit([accounting_post("A", ["会计"])], [person])
    result = index.rank_candidates("A", AS_OF)[0]
    assert "专业不在岗位要求之列（会计）" in result.why_for("bureau", fits=False)


def test_an_employers_name_gives_no_occupation():
    did, names = split_employers("2019年在长乐华纶纺织厂做会计实习，负责记账和报销")
    assert "纺织" not in did and "会计实习" in did
    assert "纺织厂" in names
    assert split_employers("厂长助理") == ("厂长助理", "")
    textile = post_from_dict({"id": "T", "kind": "regular", "title": "纺织挡车工", "education_min": "none",
                              "description": "纺纱、织布设备看管"})
    intern = candidate_from_dict({"id": "C", "desired": "", "education": "associate",
                                  "experience": "2019年在长乐华纶纺织厂做会计实习，负责记账和报销"})
    result = Matcher().fit([textile, accounting_post("A", [])], [intern]).explain("T", "C", AS_OF)
    assert not any(line.startswith("同类工作") and "纺织" in line for line in result.why)


def test_stated_pay_and_work_type_lift_the_posts_that_meet_them_and_say_which_do_not():
    def warehouse(id, salary_max, work_type):
        return post_from_dict({"id": id, "kind": "regular", "title": "仓库管理员", "education_min": "none",
                               "salary_max": salary_max, "work_type": work_type})
    posts = [warehouse("Low", 3000, "full_time"), warehouse("Part", 5000, "part_time"),
             warehouse("Fits", 5000, "full_time")]
    person = candidate_from_dict({"id": "C", "desired": "仓库管理员", "education": "high_school",
                                  "desired_salary": 4000, "work_type": "full_time"})
    ranked = Matcher().fit(posts, [person]).rank_posts("C", AS_OF)
    assert ranked[0].id == "Fits"
    assert ranked[0].why_for("seeker", fits=False) == []
    by_id = {r.id: r for r in ranked}
    assert by_id["Low"].why_for("seeker", fits=False) == ["月薪最高3000元，低于期望（4000元）"]
    assert by_id["Part"].why_for("seeker", fits=False) == ["兼职岗位，意向为全职"]
