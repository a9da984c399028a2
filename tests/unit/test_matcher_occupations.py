"""A real posting title read for its occupation: noise stripped, names and aliases matched."""

import pytest

from matcher.corpus import NotFittedError
from matcher.occupations import OccupationIndex, clean_title


@pytest.mark.parametrize(("title", "cleaned"), [
    ("物流分拣五险一金包住月8000", "物流分拣"),  # perks and pay say nothing of the work
    ("数据标注员/双休/包餐", "数据标注员"),  # a part that is only perks goes
    ("设计师(索菲亚)", "设计师"),  # a bracketed aside (full-width brackets normalise)
    ("短视频编导主管（月薪1w-2w", "短视频编导主管"),  # an aside left open
    ("柏丽雅招聘油漆工", "油漆工"),  # the employer before 招聘 is not the job
    ("高级产品设计师", "产品设计师"),  # a rank as a word of its own
])
def test_recruiting_noise_is_stripped_from_a_title(title, cleaned):
    assert clean_title(title) == cleaned


@pytest.mark.parametrize("title", ["招聘专员", "高级中学教师", "高级技工", "急诊科护士", "薪资核算专员"])
def test_words_that_are_part_of_the_job_are_kept(title):
    assert clean_title(title) == title


def test_a_title_of_noise_only_is_kept_whole():
    assert clean_title("五险一金") == "五险一金"


@pytest.fixture(scope="module")
def index():
    return OccupationIndex().fit(
        ["4-04-05-03", "4-01-02-01", "2-08-02-01", "4-02-06-01"],
        ["呼叫中心服务员 受理信息查询 客服专员", "营销员 推销产品 销售代表",
         "高级中学教师 教授课程", "仓储管理员 收发货 仓管员"],
        [("呼叫中心服务员", "客服专员", "淘宝客服"), ("营销员", "销售代表"),
         ("高级中学教师",), ("仓储管理员", "仓管员")],
    )


def test_a_title_in_the_words_of_ads_finds_the_occupation_by_its_aliases(index):
    assert index.rank("淘宝客服专员")[0] == "4-04-05-03"
    assert index.rank("仓管")[0] == "4-02-06-01"  # characters of an alias, not a dictionary word


def test_a_rank_in_front_of_a_title_does_not_find_the_high_school(index):
    assert "2-08-02-01" not in index.rank("高级销售代表（五险一金）")
    assert index.rank("高级销售代表（五险一金）")[0] == "4-01-02-01"


def test_a_title_sharing_nothing_finds_nothing(index):
    assert index.rank("xyz") == []


def test_an_index_ranks_nothing_before_it_is_fitted():
    with pytest.raises(NotFittedError):
        OccupationIndex().rank("仓管员")


def test_a_labelled_title_teaches_its_occupation_the_words_of_ads():
    codes = ["4-04-05-03", "4-02-06-01"]
    texts = ["呼叫中心服务员 受理信息查询", "仓储管理员 收发货"]
    names = [("呼叫中心服务员",), ("仓储管理员",)]
    assert OccupationIndex().fit(codes, texts, names).rank("奶茶") == []
    taught = OccupationIndex().fit(codes, texts, names, [("4-02-06-01", "奶茶店员（包吃住）"),
                                                         ("9-99-99-99", "奶茶师")])
    assert taught.rank("奶茶") == ["4-02-06-01"]  # an example of an unknown code is ignored
