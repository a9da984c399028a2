"""The domain tokenizer: recall on compound words, synonyms both ways, normalisation."""

import pytest

from matcher import tokenizer
from matcher.tokenizer import BACKENDS, Tokenizer


@pytest.fixture(scope="module", params=BACKENDS)
def tok(request):
    return Tokenizer(request.param)


def test_agriculture_finds_the_agricultural_bank(tok):
    assert "农业" in tok.words("中国农业银行长乐支行")


def test_processing_finds_pending_processing(tok):
    assert "处理" in tok.words("待处理的报销单据")


def test_policy_and_place_words_stay_whole(tok):
    words = tok.words("漳港街道开发临时性公益岗位，面向就业困难人员")
    assert {"漳港街道", "公益岗位", "临时性公益岗位", "就业困难人员", "困难人员"} <= set(words)


def test_full_width_and_half_width_letters_are_one_term(tok):
    assert tok.words("熟练使用ＥＸＣＥＬ") == tok.words("熟练使用excel") == tok.words("熟练使用Excel")


def test_traditional_characters_become_simplified(tok):
    assert "会计" in tok.words("會計做賬")


@pytest.mark.parametrize(
    "pair",
    [
        ("出纳", "会计"),
        ("跨境电商", "亚马逊运营"),
        ("网格员", "社区工作者"),
        ("消杀", "消毒"),
        ("保洁", "环卫"),
    ],
)
def test_synonyms_share_a_concept_term_both_ways(tok, pair):
    a, b = pair
    shared = set(tok.concepts(a)) & set(tok.concepts(b))
    assert shared
    concept = next(iter(shared))
    assert concept in tok.terms(f"招聘{a}") and concept in tok.terms(f"招聘{b}")


def test_every_synonym_group_is_symmetric(tok):
    groups = {}
    for word, concepts in tok.synonyms.items():
        for concept in concepts:
            groups.setdefault(concept, set()).add(word)
    for concept, words in groups.items():
        assert all(concept in tok.concepts(w) for w in words)


def test_stop_words_and_their_inner_words_are_dropped(tok):
    assert tok.words("上班地点无所谓，薪资面议") == []


def test_all_stop_word_text_gives_no_terms(tok):
    assert tok.terms("") == [] and tok.terms("的 了，和。") == []


def test_backends_segment_domain_text_alike():
    text = "负责设施蔬菜大棚的育苗和病虫害防治，会用金蝶做账，持有C1驾照"
    assert Tokenizer("jieba").terms(text) == Tokenizer("rjieba").terms(text)


def test_module_level_tokenize_uses_the_loaded_tokenizer():
    loaded = tokenizer.load()
    assert tokenizer.tokenize("保洁员") == loaded.terms("保洁员")


def test_dictionary_hash_changes_with_the_dictionaries(tmp_path):
    for name in tokenizer.DICTIONARY_FILES:
        (tmp_path / name).write_bytes((tokenizer.DATA_DIR / name).read_bytes())
    before = Tokenizer("rjieba", tmp_path).dictionary_hash
    with open(tmp_path / "userdict.txt", "a", encoding="utf-8") as f:
        f.write("海上风电运维 1000 n\n")
    assert Tokenizer("rjieba", tmp_path).dictionary_hash != before
