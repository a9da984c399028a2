"""Metric code on cases small enough to compute by hand (the numbers are worked in comments)."""

import math

import pytest

from evaluation.metrics import (
    dcg,
    ineligible_at_k,
    invert_qrels,
    load_qrels,
    mean_over_queries,
    ndcg_at_k,
    precision_at_k,
    reciprocal_rank_at_k,
)

JUDGED = {"a": 3, "b": 2, "c": 1}


def test_dcg_uses_exponential_gain_and_log2_discount():
    # grades 3, 0, 1: (2^3-1)/log2(2) + 0/log2(3) + (2^1-1)/log2(4) = 7 + 0 + 0.5 = 7.5
    assert dcg([3, 0, 1]) == pytest.approx(7.5)


def test_ndcg_is_one_for_the_ideal_order():
    assert ndcg_at_k(["a", "b", "c"], JUDGED, 10) == pytest.approx(1.0)


def test_ndcg_of_a_swapped_pair_matches_the_hand_computation():
    # ranking b, a, x:  DCG  = 3/1 + 7/log2(3) + 0       = 3 + 4.41650 = 7.41650
    # ideal  a, b, c:   IDCG = 7/1 + 3/log2(3) + 1/log2(4) = 7 + 1.89279 + 0.5 = 9.39279
    expected = (3 + 7 / math.log2(3)) / (7 + 3 / math.log2(3) + 0.5)
    assert ndcg_at_k(["b", "a", "x"], JUDGED, 10) == pytest.approx(expected)
    assert expected == pytest.approx(0.78960, abs=1e-5)


def test_ndcg_cuts_the_ideal_at_k_too():
    # k=1: ranking b -> 3/1; ideal a -> 7/1; nDCG@1 = 3/7
    assert ndcg_at_k(["b", "a"], JUDGED, 1) == pytest.approx(3 / 7)


def test_ndcg_is_zero_without_any_relevant_document():
    assert ndcg_at_k(["a"], {}, 10) == 0.0


def test_reciprocal_rank_counts_only_grade_three():
    # b (2), c (1), a (3): the first grade-3 item is at rank 3 -> 1/3
    assert reciprocal_rank_at_k(["b", "c", "a"], JUDGED, 10) == pytest.approx(1 / 3)
    assert reciprocal_rank_at_k(["b", "c", "a"], JUDGED, 2) == 0.0


def test_precision_counts_grade_two_and_up_over_k_slots():
    # top 5 of [c, b, a]: b and a qualify, c (grade 1) does not, two slots empty -> 2/5
    assert precision_at_k(["c", "b", "a"], JUDGED, 5) == pytest.approx(0.4)


def test_ineligible_counts_forbidden_items_in_the_top_k_only():
    forbidden = {"x", "y"}
    assert ineligible_at_k(["x", "a", "y"], lambda doc: doc not in forbidden, 2) == 1


def test_a_query_missing_from_the_run_counts_zero():
    qrels = {"p1": {"a": 3}, "p2": {"b": 3}}
    run = {"p1": ["a"]}
    # p1 scores 1.0, p2 is absent and scores 0.0 -> mean 0.5
    assert mean_over_queries(run, qrels, lambda r, j: ndcg_at_k(r, j, 10)) == pytest.approx(0.5)


def test_qrels_load_and_invert(tmp_path):
    path = tmp_path / "qrels.tsv"
    path.write_text("P1\tC1\t3\nP1\tC2\t1\nP2\tC1\t2\n", encoding="utf-8")
    qrels = load_qrels(path)
    assert qrels == {"P1": {"C1": 3, "C2": 1}, "P2": {"C1": 2}}
    assert invert_qrels(qrels) == {"C1": {"P1": 3, "P2": 2}, "C2": {"P1": 1}}
