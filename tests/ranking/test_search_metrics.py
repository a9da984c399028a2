"""The search set's metrics (evaluation/data/dev-search/README.md) on cases worked by hand."""

from pathlib import Path

import pytest

from evaluation.metrics import count_honesty, pairwise_priority_order, recall_all, share_of
from evaluation.search import SearchSet, search_scores

JUDGED = {"a": 2, "b": 1, "c": 2}


def test_count_honesty_divides_the_relevant_listed_by_the_claimed_total():
    # listed a (2), x (0), b (1); claims 6: 2 relevant of 6 claimed = 1/3; strict: only a = 1/6
    assert count_honesty(["a", "x", "b"], JUDGED, 6) == pytest.approx(1 / 3)
    assert count_honesty(["a", "x", "b"], JUDGED, 6, min_grade=2) == pytest.approx(1 / 6)


def test_count_honesty_of_a_search_claiming_nothing_is_zero():
    assert count_honesty([], JUDGED, 0) == 0.0


def test_recall_all_counts_graded_posts_anywhere_in_the_list():
    # a and b of the three graded posts, whatever their rank: 2/3
    assert recall_all(["x", "y", "b", "z", "a"], JUDGED) == pytest.approx(2 / 3)
    assert recall_all(["a"], {}) == 0.0


def test_pairwise_order_counts_priority_above_non_priority_of_no_better_fit():
    priority = {"p1", "p2"}
    fit = {"p1": 2, "p2": 0, "n1": 2, "n2": 1}
    eligible = {"p1", "p2", "n1", "n2", "n3"}  # n3: fit 0, unlisted
    # pairs where p's fit >= n's: (p1,n1) (p1,n2) (p1,n3) (p2,n3); (p2,n1) (p2,n2) are not pairs.
    # ranking n1, p1, n2, p2: p1 < n1? no; p1 above n2 yes; p1 listed above unlisted n3 yes;
    # p2 listed above unlisted n3 yes -> 3 of 4
    assert pairwise_priority_order(["n1", "p1", "n2", "p2"], priority, fit, eligible) == 0.75


def test_pairwise_order_leaves_out_pairs_with_neither_listed_and_ineligible_people():
    # only (p1, n1) has someone listed; n9 is listed but not eligible, so it makes no pair
    assert pairwise_priority_order(["n9", "n1"], {"p1"}, {}, {"p1", "n1", "n2"}) == 0.0
    assert pairwise_priority_order([], {"p1"}, {}, {"p1", "n1"}) is None


def test_share_of_a_group():
    assert share_of(["a", "b", "c", "d"], {"a", "c", "z"}) == 0.5
    assert share_of([], {"a"}) == 0.0


def _tiny_set(tmp_path: Path) -> SearchSet:
    rows = {
        "queries.tsv": "query_id\tquery\ttype\tfamilies\trule\n"
                       "Q1\t会计\ttitle\tacct\t\nQ2\t算账的\tcolloquial\tacct\t\nQ3\t律师\tnone\t\t\n",
        "qrels.tsv": "query_id\tpost_ref\tgrade\nQ1\tP1\t2\nQ1\tP2\t1\nQ2\tP1\t2\n",
        "post_labels.tsv": "post_ref\tfamily\tkind\ttownship\tsource\n"
                           "P1\tacct\tregular\t吴航街道\tx\nP2\tadmin\tregular\t吴航街道\tx\n",
        "candidate_labels.tsv": "candidate_ref\tfamily\tpriority\nC1\tacct\t1\n",
        "posts.jsonl": "", "candidates.jsonl": "", "pw_posts.txt": "",
    }
    for name, text in rows.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return SearchSet.load(tmp_path)


def test_search_scores_average_answerable_queries_and_claims_of_unanswerable_ones(tmp_path):
    search_set = _tiny_set(tmp_path)
    answers = {"Q1": (["P2", "P1"], 4), "Q2": ([], 0), "Q3": (["P2"], 3)}
    scores = search_scores(search_set, answers)
    # Q1: DCG = 1/1 + 3/log2(3); ideal = 3 + 1/log2(3); Q2 finds nothing: 0
    q1 = (1 + 3 / 1.5849625007211562) / (3 + 1 / 1.5849625007211562)
    assert scores["ndcg@10"] == pytest.approx(q1 / 2)
    assert scores["p@5"] == pytest.approx((1 / 5 + 0) / 2)  # P1 is Q1's only grade-2 in the top 5
    assert scores["count_honesty"] == pytest.approx((2 / 4 + 0) / 2)
    assert scores["recall_all"] == pytest.approx((1 + 0) / 2)
    assert scores["no_answer_claimed"] == 3.0
    assert scores["by_type"]["colloquial"] == {"queries": 1, "ndcg@10": 0.0, "p@5": 0.0}
    assert scores["by_type"]["title"]["ndcg@10"] == pytest.approx(q1)
    assert "none" not in scores["by_type"]


def test_adjacent_families_are_read_off_grade_one_labels(tmp_path):
    # Q1 (acct) grades the admin post P2 1: acct ~ admin
    assert frozenset(("acct", "admin")) in _tiny_set(tmp_path).adjacent_families()
