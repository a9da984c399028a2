"""Between two fits the index changes one document at a time, keeping the IDF of the last fit
(matcher/index.py); the fit itself is scikit-learn's (matcher/fitting.py). Replayed changes must
rank like a fresh fit: the same top 10 on the dev set for every post and every person (the order
within it may differ where the frozen IDF differs a little; the nDCG stays), and a refit gives
exactly the fresh fit's lists."""

import json
from datetime import date

import pytest

from evaluation import DEV_SET as DEV
from evaluation.metrics import load_qrels, ndcg_at_k
from matcher import Matcher, candidate_from_dict, post_from_dict

AS_OF = date(2020, 9, 1)
HELD_OUT = 5
"""Documents of each side added after the fit (a quarter of the dev set's posts): the changes a
worker replays between refits."""


def read(name, parse):
    return [parse(json.loads(line)) for line in (DEV / name).read_text("utf-8").splitlines() if line]


def _fresh_and_updated():
    """A fit of the whole dev set, and a fit without the last HELD_OUT of each side, which
    are then added one by one."""
    posts = read("posts.jsonl", post_from_dict)
    candidates = read("candidates.jsonl", candidate_from_dict)
    fresh = Matcher().fit(posts, candidates)
    updated = Matcher(fresh.tokenizer).fit(posts[:-HELD_OUT], candidates[:-HELD_OUT])
    for post in posts[-HELD_OUT:]:
        updated.add_post(post)
    for candidate in candidates[-HELD_OUT:]:
        updated.add_candidate(candidate)
    return posts, candidates, fresh, updated


@pytest.fixture(scope="module")
def fitted_and_updated():
    return _fresh_and_updated()


def _top(results):
    return [r.id for r in results]


def test_the_incremental_index_finds_the_same_top_10_candidates_as_a_fresh_fit(fitted_and_updated):
    posts, _, fresh, updated = fitted_and_updated
    qrels = load_qrels(DEV / "qrels.tsv")
    ndcg = {"fresh": 0.0, "updated": 0.0}
    for post in posts:
        want, got = _top(fresh.rank_candidates(post.id, AS_OF)), _top(updated.rank_candidates(post.id, AS_OF))
        # Levels of fit are cut at fixed text similarities: an IDF a little off may move a
        # person across a cut, and so one place in or out of the top 10, never more.
        assert len(set(got) & set(want)) >= len(want) - 1, post.id
        ndcg["fresh"] += ndcg_at_k(want, qrels.get(post.id, {}), 10)
        ndcg["updated"] += ndcg_at_k(got, qrels.get(post.id, {}), 10)
    assert ndcg["updated"] >= ndcg["fresh"] - 0.001 * len(posts)


def test_the_incremental_index_finds_the_same_top_10_posts_as_a_fresh_fit(fitted_and_updated):
    _, candidates, fresh, updated = fitted_and_updated
    for candidate in candidates:
        want, got = _top(fresh.rank_posts(candidate.id, AS_OF)), _top(updated.rank_posts(candidate.id, AS_OF))
        assert set(got) == set(want), candidate.id


def test_a_refit_of_the_updated_index_ranks_exactly_as_a_fresh_fit():
    posts, _, fresh, updated = _fresh_and_updated()  # its own: the refit changes the index
    updated.refit()
    for post in posts:
        assert _top(updated.rank_candidates(post.id, AS_OF)) == _top(fresh.rank_candidates(post.id, AS_OF))


def test_the_fit_uses_scikit_learns_smooth_idf(fitted_and_updated):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfTransformer

    posts, candidates, fresh, _ = fitted_and_updated
    documents = [fresh.terms.post(p) for p in posts] + [fresh.terms.candidate(c) for c in candidates]
    vectorizer = DictVectorizer(sort=False)
    idf = TfidfTransformer().fit(vectorizer.fit_transform(documents)).idf_
    assert list(vectorizer.feature_names_) == fresh.vocabulary_.terms
    assert (abs(idf - fresh.vocabulary_.idf) < 1e-12).all()
