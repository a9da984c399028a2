"""Real posting titles → occupations, on the half no rule was tuned on (evaluation/data/README.md).

The bar (issue 10): the matcher's top-5 on the held-out half at least 0.75 and at least 0.05
above TF-IDF with the same tokenizer. Only the held-out half is ranked, by the two systems
compared (about 20 s on one core).
"""

import pytest

from evaluation import REAL_DATA
from evaluation.quality import occupation_scores


@pytest.fixture(scope="module")
def held_out():
    return occupation_scores(REAL_DATA, halves=("held-out",), systems=("matcher", "tfidf"))["held-out"]


def test_the_matcher_is_at_least_five_points_above_tfidf_on_held_out_titles(held_out):
    assert held_out["matcher"]["n"] > 2900  # the whole held-out half was ranked
    assert held_out["matcher"]["top5"] >= held_out["tfidf"]["top5"] + 0.05
    assert held_out["matcher"]["mrr@10"] > held_out["tfidf"]["mrr@10"]


def test_the_held_out_top_5_does_not_fall_below_what_it_reached(held_out):
    """0.749 when the rules were written (2,225 of 2,969; issue 10's bar of 0.75 is two titles
    away and still open): a change that loses held-out titles fails here."""
    assert held_out["matcher"]["top5"] >= 0.745
