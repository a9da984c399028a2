"""Quality bars of issue 3 on the shared dev set (evaluation/data/dev, as of 2020-09-01)."""

import json
from datetime import date

import pytest

from evaluation import DEV_SET as DEV
from evaluation.metrics import invert_qrels, load_qrels, ndcg_at_k
from matcher import Matcher, candidate_from_dict, post_from_dict
from policy.eligibility import check

AS_OF = date(2020, 9, 1)



def read(name, parse):
    return [parse(json.loads(line)) for line in (DEV / name).read_text("utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def dev():
    posts = read("posts.jsonl", post_from_dict)
    candidates = read("candidates.jsonl", candidate_from_dict)
    return posts, candidates, load_qrels(DEV / "qrels.tsv"), Matcher().fit(posts, candidates)


def test_candidates_for_a_post_reach_ndcg_at_10_of_0_90(dev):
    posts, _, qrels, matcher = dev
    scores = [
        ndcg_at_k([r.id for r in matcher.rank_candidates(p.id, AS_OF)], qrels.get(p.id, {}), 10)
        for p in posts
    ]
    assert sum(scores) / len(scores) >= 0.90


def test_posts_for_a_candidate_reach_ndcg_at_5_of_0_90(dev):
    _, _, qrels, matcher = dev
    judged = invert_qrels(qrels)
    scores = [ndcg_at_k([r.id for r in matcher.rank_posts(c, AS_OF, top=5)], g, 5) for c, g in judged.items()]
    assert sum(scores) / len(scores) >= 0.90


def test_no_ineligible_candidate_appears_in_any_top_10(dev):
    posts, candidates, _, matcher = dev
    by_id = {c.id: c for c in candidates}
    for post in posts:
        for result in matcher.rank_candidates(post.id, AS_OF):
            assert result.eligible
            assert check(post.kind, post.education_min, by_id[result.id].facts(), AS_OF).eligible
    posts_by_id = {p.id: p for p in posts}
    for candidate in candidates:
        for result in matcher.rank_posts(candidate.id, AS_OF):
            post = posts_by_id[result.id]
            assert check(post.kind, post.education_min, candidate.facts(), AS_OF).eligible
