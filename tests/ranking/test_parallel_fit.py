"""A fit at district scale weighs the people's terms on every core (matcher/parallel.py): the
index it builds must be the one a single process builds, document for document."""

import json
import os
import time
from datetime import date

import numpy as np
import pytest

import matcher.parallel
from evaluation import DEV_SET as DEV
from matcher import Matcher, candidate_from_dict, post_from_dict


def read(name, parse):
    return [parse(json.loads(line)) for line in (DEV / name).read_text("utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def corpus():
    return read("posts.jsonl", post_from_dict), read("candidates.jsonl", candidate_from_dict)


def test_people_weighed_on_two_processes_come_back_in_order_and_alike(corpus, monkeypatch):
    _, people = corpus
    monkeypatch.setattr(matcher.parallel, "CHUNK", 7)  # many chunks even on the dev set
    weigh = Matcher().terms.candidate
    assert list(matcher.parallel.weighed(weigh, people, 2)) == [weigh(p) for p in people]


def test_the_work_is_done_by_forked_processes(corpus, monkeypatch):
    _, people = corpus
    monkeypatch.setattr(matcher.parallel, "CHUNK", 5)

    def weigh(_):
        time.sleep(0.02)  # each chunk takes a while, so both processes get some
        return {str(os.getpid()): 1.0}

    pids = {pid for found in matcher.parallel.weighed(weigh, people[:40], 2) for pid in found}
    assert len(pids) == 2 and str(os.getpid()) not in pids


def test_a_parallel_fit_builds_the_single_process_index(corpus, monkeypatch):
    posts, people = corpus
    monkeypatch.setattr(matcher.parallel, "CHUNK", 11)
    one = Matcher().fit(posts, people, processes=1)
    two = Matcher(one.tokenizer).fit(posts, people, processes=2)
    assert one.vocabulary_.terms == two.vocabulary_.terms
    first, second = one.candidates_.main_csr(), two.candidates_.main_csr()
    assert first.shape == second.shape and first.nnz == second.nnz > 0
    assert np.array_equal(first.indices, second.indices) and np.allclose(first.data, second.data)
    post_id = posts[0].id
    as_of = date(2020, 9, 1)
    assert ([r.id for r in one.rank_candidates(post_id, as_of, top=10)]
            == [r.id for r in two.rank_candidates(post_id, as_of, top=10)])


def test_a_district_registry_uses_every_core_and_a_small_one_none():
    assert matcher.parallel.default_processes(100) == 1
    assert matcher.parallel.default_processes(100_000) == (os.cpu_count() or 1)
