"""Saving and loading a fitted Matcher: arrays in .npz, everything else in JSON; no pickle.

A directory holds `meta.json` (format, matcher version, tokenizer backend, dictionary hash,
weights), `vocabulary.json`, `posts.jsonl` and `candidates.jsonl` (records in slot order) and
`arrays.npz` (document frequencies, IDF, norms and both CSR matrices). Loading refuses an index
whose format, matcher version or dictionary hash differs from the running code's: its terms
would not mean what the tokenizer now produces, and rankings would silently drift.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, fields
from datetime import date, datetime, timezone
from pathlib import Path

import numpy as np
from scipy import sparse

from policy.eligibility import CandidateFacts

from matcher import __version__
from matcher.index import DocStore, Vocabulary
from matcher.records import Post
from matcher.tokenizer import Tokenizer
from matcher.weights import Weights

FORMAT = 1


class IndexVersionError(ValueError):
    """A saved index from another format, matcher version or dictionary: rebuild it."""


def save(matcher, directory) -> None:
    """Write a compacted matcher; files are written beside and renamed, so readers never see half."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    vocabulary = matcher.vocabulary_
    meta = {
        "format": FORMAT,
        "matcher_version": __version__,
        "tokenizer_backend": matcher.tokenizer.backend,
        "dictionary_hash": matcher.tokenizer.dictionary_hash,
        "weights": matcher.weights.to_dict(),
        "n_docs": vocabulary.n_docs,
        "posts": len(matcher.posts_),
        "candidates": len(matcher.candidates_),
        "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    arrays = {"df": vocabulary.df, "idf": vocabulary.idf}
    for side, store in (("posts", matcher.posts_), ("candidates", matcher.candidates_)):
        csr = store.main_csr()
        arrays.update({
            f"{side}_data": csr.data, f"{side}_indices": csr.indices, f"{side}_indptr": csr.indptr,
            f"{side}_shape": np.array(csr.shape), f"{side}_norms": store.norms,
        })
    _write(directory / "arrays.npz", lambda f: np.savez(f, **arrays), binary=True)
    _write(directory / "vocabulary.json", lambda f: json.dump(vocabulary.terms, f, ensure_ascii=False))
    _write(directory / "posts.jsonl", lambda f: _dump_lines(f, [_post_dict(p) for p in matcher._posts]))
    _write(directory / "candidates.jsonl", lambda f: _dump_lines(f, [_profile_dict(p) for p in matcher._profiles]))
    _write(directory / "meta.json", lambda f: json.dump(meta, f, ensure_ascii=False, indent=1))


def load(cls, directory, tokenizer: Tokenizer | None = None):
    """A Matcher of class `cls` from `directory`, checked against the running code."""
    from matcher.engine import Profile

    directory = Path(directory)
    meta = json.loads((directory / "meta.json").read_text("utf-8"))
    if meta.get("format") != FORMAT or meta.get("matcher_version") != __version__:
        raise IndexVersionError(
            f"index in {directory} has format {meta.get('format')} / matcher {meta.get('matcher_version')}, "
            f"this code reads format {FORMAT} / matcher {__version__}: rebuild the index"
        )
    tokenizer = tokenizer or Tokenizer(meta["tokenizer_backend"])
    if tokenizer.backend != meta["tokenizer_backend"] or tokenizer.dictionary_hash != meta["dictionary_hash"]:
        raise IndexVersionError(
            f"index in {directory} was built with tokenizer {meta['tokenizer_backend']} and dictionary "
            f"{meta['dictionary_hash'][:12]}, not {tokenizer.backend} / {tokenizer.dictionary_hash[:12]}: "
            "rebuild the index"
        )
    matcher = cls(tokenizer, Weights(**meta["weights"]))
    with np.load(directory / "arrays.npz", allow_pickle=False) as npz:
        arrays = {name: npz[name] for name in npz.files}
    terms = json.loads((directory / "vocabulary.json").read_text("utf-8"))
    matcher.vocabulary_ = Vocabulary(terms, arrays["df"], arrays["idf"], meta["n_docs"])
    posts = [_post_from(d) for d in _read_lines(directory / "posts.jsonl")]
    profiles = [_profile_from(d, Profile) for d in _read_lines(directory / "candidates.jsonl")]
    rows = {}
    for side in ("posts", "candidates"):
        csr = sparse.csr_matrix(
            (arrays[f"{side}_data"], arrays[f"{side}_indices"], arrays[f"{side}_indptr"]),
            shape=tuple(arrays[f"{side}_shape"]),
        )
        rows[side] = [(csr.indices[a:b].astype(np.int64), csr.data[a:b]) for a, b in zip(csr.indptr[:-1], csr.indptr[1:])]
    matcher._set(posts, rows["posts"], profiles, rows["candidates"])
    for side, store in (("posts", matcher.posts_), ("candidates", matcher.candidates_)):
        store.norms = arrays[f"{side}_norms"]
    return matcher


def _write(path: Path, dump, binary: bool = False) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as f:
        dump(f)
    os.replace(tmp, path)


def _dump_lines(f, items) -> None:
    for item in items:
        f.write(json.dumps(item, ensure_ascii=False) + "\n")


def _read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]


def _post_dict(post: Post) -> dict:
    d = asdict(post)
    d["majors"] = list(post.majors)
    d["updated"] = post.updated.isoformat() if post.updated else None
    return d


def _post_from(d: dict) -> Post:
    d = dict(d, majors=tuple(d["majors"]), updated=_day(d["updated"]))
    return Post(**d)


def _profile_dict(profile) -> dict:
    facts = {f.name: getattr(profile.facts, f.name) for f in fields(CandidateFacts)}
    facts["groups"] = sorted(facts["groups"])
    for name in ("birth_date", "graduation_date", "unemployed_since"):
        facts[name] = facts[name].isoformat() if facts[name] else None
    return {"id": profile.id, "townships": list(profile.townships), "major": profile.major, **facts}


def _profile_from(d: dict, profile_cls):
    facts = CandidateFacts(
        education=d["education"], school=d["school"], birth_date=_day(d["birth_date"]),
        graduation_date=_day(d["graduation_date"]), groups=frozenset(d["groups"]),
        unemployed_since=_day(d["unemployed_since"]), employed=d["employed"],
    )
    return profile_cls(d["id"], facts, tuple(d["townships"]), d["major"])


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
