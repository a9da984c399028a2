"""Saving and loading a fitted Matcher: arrays in .npz, everything else in JSON; no pickle.

A directory holds `meta.json` (format, matcher version, tokenizer backend, dictionary hash,
weights), `vocabulary.json`, `posts.jsonl` (records in slot order), `candidates.json` (ids in
slot order, school and major names) and `arrays.npz` (document frequencies, IDF, norms, both CSR
matrices and the candidates' fact columns). Loading refuses an index
whose format, matcher version or dictionary hash differs from the running code's: its terms
would not mean what the tokenizer now produces, and rankings would silently drift.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import numpy as np
from scipy import sparse

from matcher import __version__
from matcher.index import Vocabulary
from matcher.profiles import CandidateColumns
from matcher.records import Post
from matcher.tokenizer import Tokenizer
from matcher.weights import Weights

if TYPE_CHECKING:
    from matcher.engine import Matcher

FORMAT = 2
"""2: the candidates' `open` column (open to employers' offers)."""


class IndexVersionError(ValueError):
    """A saved index from another format, matcher version or dictionary: rebuild it."""


def save(matcher: Matcher, directory: str | Path) -> None:
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
        "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    arrays: dict[str, np.ndarray] = {"df": vocabulary.df, "idf": vocabulary.idf}
    for side, store in (("posts", matcher.posts_), ("candidates", matcher.candidates_)):
        csr = store.main_csr()
        arrays.update(
            {
                f"{side}_data": csr.data,
                f"{side}_indices": csr.indices,
                f"{side}_indptr": csr.indptr,
                f"{side}_shape": np.array(csr.shape),
                f"{side}_norms": store.norms,
            }
        )
    columns, tables = matcher.columns_.export()
    arrays.update({f"column_{name}": column for name, column in columns.items()})
    named: dict[str, Any] = dict(arrays)  # numpy's stubs read ** as possibly `allow_pickle`
    _write(directory / "arrays.npz", lambda f: np.savez(f, **named), binary=True)
    _write(directory / "vocabulary.json", lambda f: json.dump(vocabulary.terms, f, ensure_ascii=False))
    tables["candidate_ids"] = matcher.candidates_.ids
    records = [_post_dict(p) for p in matcher.post_columns_.records if p is not None]
    _write(directory / "posts.jsonl", lambda f: _dump_lines(f, records))
    _write(directory / "candidates.json", lambda f: json.dump(tables, f, ensure_ascii=False))
    _write(directory / "meta.json", lambda f: json.dump(meta, f, ensure_ascii=False, indent=1))


def load(cls: type[Matcher], directory: str | Path, tokenizer: Tokenizer | None = None) -> Matcher:
    """A Matcher of class `cls` from `directory`, checked against the running code."""
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
    tables = json.loads((directory / "candidates.json").read_text("utf-8"))
    columns = {name[len("column_") :]: a for name, a in arrays.items() if name.startswith("column_")}
    csr = {
        side: sparse.csr_matrix(
            (arrays[f"{side}_data"], arrays[f"{side}_indices"], arrays[f"{side}_indptr"]),
            shape=tuple(arrays[f"{side}_shape"]),
        )
        for side in ("posts", "candidates")
    }
    candidate_columns = CandidateColumns.restore(tokenizer.normalise, columns, tables)
    matcher.install(posts, csr["posts"], tables["candidate_ids"], candidate_columns, csr["candidates"])
    for side, store in (("posts", matcher.posts_), ("candidates", matcher.candidates_)):
        store.norms = arrays[f"{side}_norms"]
    return matcher


def _write(path: Path, dump: Callable[[IO[Any]], None], binary: bool = False) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") if binary else open(tmp, "w", encoding="utf-8") as f:
        dump(f)
    os.replace(tmp, path)


def _dump_lines(f: IO[str], items: Iterable[dict[str, Any]]) -> None:
    for item in items:
        f.write(json.dumps(item, ensure_ascii=False) + "\n")


def _read_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]


def _post_dict(post: Post) -> dict[str, Any]:
    d = asdict(post)
    d["majors"] = list(post.majors)
    d["updated"] = post.updated.isoformat() if post.updated else None
    return d


def _post_from(d: dict[str, Any]) -> Post:
    d = dict(d, majors=tuple(d["majors"]), updated=_day(d["updated"]))
    return Post(**d)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
