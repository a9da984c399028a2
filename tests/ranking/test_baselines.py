"""The rule-free baselines rank the obviously relevant document first, in both directions."""

import math
from types import SimpleNamespace

import numpy as np
import pytest

from evaluation.baselines import BM25, TextBaseline, TfidfCosine, jieba_tokens, top_k


def whitespace(text):
    return text.split()


def post(id, title, description=""):
    return SimpleNamespace(
        id=id, title=title, industry="", description=description, requirements="", majors=[]
    )


def candidate(id, desired, skills=""):
    return SimpleNamespace(id=id, desired=desired, major="", skills=skills, experience="")


POSTS = [
    post("P1", "会计", "负责凭证录入和报税"),
    post("P2", "叉车司机", "仓库装卸，持叉车证"),
    post("P3", "保洁员", "负责小区保洁和垃圾分类"),
]
CANDIDATES = [
    candidate("C1", "想做保洁或者环卫", "会垃圾分类"),
    candidate("C2", "会计出纳", "熟悉凭证录入，会报税"),
    candidate("C3", "仓库叉车司机", "持叉车证，会装卸"),
]


def test_bm25_score_matches_the_formula_by_hand():
    # docs "a b" and "b b c"; query "a". Only doc 0 holds a: tf=1, |d|=2, avgdl=2.5
    # idf(a) = ln(1 + (2 - 1 + 0.5) / (1 + 0.5)) = ln 2
    # score = ln2 * 1 * 2.5 / (1 + 1.5 * (0.25 + 0.75 * 2 / 2.5)) = ln2 * 2.5 / 2.275
    bm25 = BM25(tokenize=whitespace).fit(["a b", "b b c"])
    assert bm25.scores("a") == pytest.approx([math.log(2) * 2.5 / 2.275, 0.0])


def test_top_k_breaks_ties_by_row_and_drops_zero_scores():
    assert top_k(np.array([0.5, 0.9, 0.5, 0.0, 0.5]), 3) == [(1, 0.9), (0, 0.5), (2, 0.5)]
    assert top_k(np.zeros(4), 3) == []


def test_plain_jieba_tokens_drop_punctuation_and_lower_case():
    assert jieba_tokens("熟悉Excel，会计") == ["熟悉", "excel", "会计"]


@pytest.mark.parametrize(
    "make_ranker", [lambda: BM25(), lambda: TfidfCosine(jieba_tokens)], ids=["bm25", "tfidf"]
)
def test_baselines_rank_the_obviously_relevant_document_first(make_ranker):
    baseline = TextBaseline(make_ranker).fit(POSTS, CANDIDATES)
    assert baseline.rank_candidates("P1")[0] == "C2"
    assert baseline.rank_candidates("P2")[0] == "C3"
    assert baseline.rank_posts("C1")[0] == "P3"
    assert baseline.rank_posts("C3", top=1) == ["P2"]
