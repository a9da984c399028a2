"""The quick candidate search (best postings per term, then exact scores) against the exhaustive one."""

from dataclasses import replace
from datetime import date

import numpy as np
import pytest
from scipy import sparse

from evaluation.synthetic import CorpusGenerator
from matcher import Matcher, candidate_from_dict, post_from_dict
from matcher.impacts import ImpactPostings
from matcher.weights import WEIGHTS

AS_OF = date(2020, 9, 1)


@pytest.fixture(scope="module")
def corpus():
    generator = CorpusGenerator(seed=3, as_of=AS_OF)
    posts = [post_from_dict(generator.post(i)) for i in range(40)]
    candidates = [candidate_from_dict(generator.candidate(i)) for i in range(3000)]
    return posts, candidates


def overlap_at_10(matcher, posts):
    shares = []
    for post in posts:
        exact = {r.id for r in matcher.rank_candidates(post.id, AS_OF, exhaustive=True)}
        if exact:
            shares.append(len(exact & {r.id for r in matcher.rank_candidates(post.id, AS_OF)}) / len(exact))
    return sum(shares) / len(shares)


def test_impact_postings_keep_each_terms_best_rows_best_first():
    tf = sparse.csc_matrix(np.array([[1.0, 2.0], [3.0, 0.0], [2.0, 1.0]], dtype=np.float32))
    postings = ImpactPostings(tf, idf=np.array([1.0, 2.0]), norms=np.array([1.0, 1.0, 4.0]), depth=2)
    rows, parts = postings.gather(np.array([0, 1]), np.array([1.0, 0.5]))
    assert rows.tolist() == [1, 0, 0, 2]
    assert parts.tolist() == pytest.approx([3.0, 1.0, 2.0, 0.25])


def test_without_truncation_the_quick_search_ranks_exactly_like_the_exhaustive_one(corpus):
    posts, candidates = corpus
    matcher = Matcher().fit(posts, candidates)
    for post in posts:
        assert matcher.rank_candidates(post.id, AS_OF) == matcher.rank_candidates(
            post.id, AS_OF, exhaustive=True
        )


def test_deeply_truncated_postings_still_find_nine_in_ten_of_the_exhaustive_top_10(corpus):
    posts, candidates = corpus
    shallow = Matcher(weights=replace(WEIGHTS, posting_depth=150, shortlist=100)).fit(posts, candidates)
    assert overlap_at_10(shallow, posts) >= 0.9


def test_candidates_added_after_the_build_are_found_by_the_quick_search(corpus):
    posts, candidates = corpus
    matcher = Matcher(weights=replace(WEIGHTS, posting_depth=20)).fit(posts, candidates[:2000])
    best = matcher.rank_candidates(posts[0].id, AS_OF, exhaustive=True)[0]
    twin = candidate_from_dict({**_as_dict(candidates, best.id), "id": "NEW"})
    matcher.add_candidate(twin)
    assert "NEW" in [r.id for r in matcher.rank_candidates(posts[0].id, AS_OF)]


def _as_dict(candidates, candidate_id):
    (candidate,) = [c for c in candidates if c.id == candidate_id]
    d = {k: v for k, v in vars(candidate).items() if v not in (None, "", ())}
    for name in ("birth_date", "graduation_date", "unemployed_since"):
        if name in d:
            d[name] = d[name].isoformat()
    return {**d, "townships": list(candidate.townships), "groups": list(candidate.groups)}


def test_a_posting_budget_reads_the_strongest_terms_first_and_at_least_one():
    tf = sparse.csc_matrix(np.array([[1.0, 2.0, 1.0], [3.0, 0.0, 1.0], [2.0, 1.0, 1.0]], dtype=np.float32))
    postings = ImpactPostings(tf, idf=np.ones(3), norms=np.ones(3), depth=3)
    cols, weights = np.array([0, 1, 2]), np.array([0.2, 0.9, 0.5])
    assert len(postings.gather(cols, weights)[0]) == 8
    rows, parts = postings.gather(cols, weights, budget=5)  # term 1 (2 postings), then term 2 (3)
    assert sorted(rows.tolist()) == [0, 0, 1, 2, 2]
    assert parts.max() == pytest.approx(1.8)
    assert len(postings.gather(cols, weights, budget=1)[0]) == 2  # the strongest, whatever its size


def test_the_default_budget_keeps_nine_in_ten_of_the_exhaustive_top_10_on_a_common_word_corpus(corpus):
    posts, candidates = corpus
    tight = Matcher(weights=replace(WEIGHTS, posting_budget=2000)).fit(posts, candidates)
    assert overlap_at_10(tight, posts) >= 0.9
