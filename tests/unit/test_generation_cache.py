"""The per-worker cache of listing answers: bounded, least recently used out, all out at once
when the generation moves on."""

from web.matching import GenerationCache


def test_a_value_is_computed_once_per_key_and_generation():
    cache, calls = GenerationCache(capacity=4), []

    def compute(value):
        calls.append(value)
        return value

    assert cache.get(1, "a", lambda: compute("first")) == "first"
    assert cache.get(1, "a", lambda: compute("second")) == "first"
    assert calls == ["first"]


def test_a_new_generation_forgets_every_value():
    cache = GenerationCache(capacity=4)
    cache.get(1, "a", lambda: "old")
    cache.get(1, "b", lambda: "old")
    assert cache.get(2, "a", lambda: "new") == "new"
    assert cache.get(2, "b", lambda: "new") == "new"


def test_the_least_recently_used_key_leaves_first():
    cache = GenerationCache(capacity=2)
    cache.get(1, "a", lambda: "a")
    cache.get(1, "b", lambda: "b")
    cache.get(1, "a", lambda: "a again")  # "a" is used, so "b" is now the oldest
    cache.get(1, "c", lambda: "c")
    assert cache.get(1, "a", lambda: "recomputed") == "a"
    assert cache.get(1, "b", lambda: "recomputed") == "recomputed"


def test_a_value_computed_under_an_old_generation_is_not_kept_for_the_new_one():
    cache = GenerationCache(capacity=4)

    def slow():
        cache.get(2, "other", lambda: "moved on meanwhile")  # another request saw a change
        return "computed from before"

    assert cache.get(1, "a", slow) == "computed from before"
    assert cache.get(2, "a", lambda: "fresh") == "fresh"


def test_many_keys_at_once_compute_only_the_missing_ones_in_one_call():
    cache, calls = GenerationCache(capacity=8), []

    def compute(missing):
        calls.append(list(missing))
        return {key: key * 10 for key in missing}

    assert cache.get_many(1, [1, 2], compute) == {1: 10, 2: 20}
    assert cache.get_many(1, [2, 3, 4], compute) == {2: 20, 3: 30, 4: 40}
    assert calls == [[1, 2], [3, 4]]
