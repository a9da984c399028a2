"""A saved index loads to the same rankings, and refuses another version or dictionary."""

import json
from datetime import date

import pytest

from evaluation import DEV_SET as DEV
from matcher import IndexVersionError, Matcher, Tokenizer, candidate_from_dict, post_from_dict
from matcher import tokenizer as tokenizer_module

AS_OF = date(2020, 9, 1)



def read(name, parse):
    return [parse(json.loads(line)) for line in (DEV / name).read_text("utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def fitted():
    posts = read("posts.jsonl", post_from_dict)
    candidates = read("candidates.jsonl", candidate_from_dict)
    matcher = Matcher().fit(posts[:15], candidates[:150])
    for post in posts[15:]:
        matcher.add_post(post)
    for candidate in candidates[150:]:
        matcher.add_candidate(candidate)
    matcher.replace_candidate(candidates[3])
    matcher.remove_candidate(candidates[4].id)
    return matcher, posts, candidates


def rankings(matcher, posts, candidates):
    return (
        [matcher.rank_candidates(p.id, AS_OF) for p in posts],
        [matcher.rank_posts(c.id, AS_OF) for c in candidates if c.id != candidates[4].id],
        [matcher.search_posts(q) for q in ("会计", "保洁 消毒", "软件测试见习")],
    )


def test_save_and_load_give_identical_rankings(fitted, tmp_path):
    matcher, posts, candidates = fitted
    matcher.save(tmp_path / "index")
    loaded = Matcher.load(tmp_path / "index")
    assert rankings(loaded, posts, candidates) == rankings(matcher, posts, candidates)


def test_saving_compacts_without_changing_rankings(tmp_path):
    posts = read("posts.jsonl", post_from_dict)
    candidates = read("candidates.jsonl", candidate_from_dict)
    matcher = Matcher().fit(posts, candidates[:100])
    for candidate in candidates[100:]:
        matcher.add_candidate(candidate)
    before = [matcher.rank_candidates(p.id, AS_OF) for p in posts]
    matcher.save(tmp_path)
    after = [matcher.rank_candidates(p.id, AS_OF) for p in posts]
    # Merging the update segment sums the same terms in another order: equal up to rounding.
    assert [[(r.id, r.why) for r in ranked] for ranked in after] == [
        [(r.id, r.why) for r in ranked] for ranked in before
    ]
    assert [r.score for ranked in after for r in ranked] == pytest.approx(
        [r.score for ranked in before for r in ranked], rel=1e-6
    )


def test_saved_index_holds_arrays_and_json_only(fitted, tmp_path):
    fitted[0].save(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "arrays.npz",
        "candidates.json",
        "meta.json",
        "posts.jsonl",
        "vocabulary.json",
    ]
    meta = json.loads((tmp_path / "meta.json").read_text("utf-8"))
    assert meta["tokenizer_backend"] in tokenizer_module.BACKENDS
    assert len(meta["dictionary_hash"]) == 64


def test_load_refuses_an_index_of_another_matcher_version(fitted, tmp_path):
    fitted[0].save(tmp_path)
    meta = json.loads((tmp_path / "meta.json").read_text("utf-8"))
    (tmp_path / "meta.json").write_text(json.dumps({**meta, "matcher_version": "0.0.0"}), "utf-8")
    with pytest.raises(IndexVersionError, match="rebuild"):
        Matcher.load(tmp_path)


def test_load_refuses_an_index_built_with_another_dictionary(fitted, tmp_path):
    fitted[0].save(tmp_path / "index")
    data = tmp_path / "data"
    data.mkdir()
    for name in tokenizer_module.DICTIONARY_FILES:
        (data / name).write_bytes((tokenizer_module.DATA_DIR / name).read_bytes())
    with open(data / "userdict.txt", "a", encoding="utf-8") as f:
        f.write("海上风电运维 1000 n\n")
    with pytest.raises(IndexVersionError, match="dictionary"):
        Matcher.load(tmp_path / "index", Tokenizer(fitted[0].tokenizer.backend, data))
