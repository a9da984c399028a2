"""A TF-IDF inverted index that takes single-document updates without refitting.

Each side (posts, candidates) is a `DocStore` of rows of field-weighted term frequencies over one
shared `Vocabulary`. Scores are cosines, computed from the postings of the query's terms only:

    score(d) = Σ_t q_t · idf_t · tf_dt / ‖tf_d ∘ idf‖

so a query reads the CSC columns of its own terms (an inverted index) and never multiplies the
whole matrix. The IDF is frozen between refits: an added document is weighted with the current
IDF (a new term gets one computed at once), and `refit()` recomputes IDF and norms from the
document frequencies that every add and remove keeps up to date — no text is tokenized again.

Two ways to score a query: `scores` reads every posting of its terms (exhaustive, the
reference); `shortlist` reads only each term's best postings (matcher/impacts.py) to find
candidates, which `exact` then scores from their own rows.

Rows live in a main segment (CSR for row access, CSC for postings) plus a small delta segment for
documents added since the last compaction; removing a document only clears its `alive` flag.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt
from scipy import sparse

from matcher.impacts import ImpactPostings


class Vocabulary:
    """Terms ↔ columns, with document frequencies over both sides and the frozen IDF."""

    def __init__(self, terms: list[str] | None = None, df: npt.ArrayLike | None = None,
                 idf: npt.ArrayLike | None = None, n_docs: int = 0):
        self.terms: list[str] = list(terms or [])
        self.col = {t: i for i, t in enumerate(self.terms)}
        self.df = np.asarray(df if df is not None else np.zeros(len(self.terms)), dtype=np.int64)
        self.idf = np.asarray(idf if idf is not None else np.ones(len(self.terms)), dtype=np.float64)
        self.n_docs = n_docs

    def __len__(self) -> int:
        return len(self.terms)

    def columns(self, terms: Sequence[str], grow: bool) -> np.ndarray:
        """Columns of `terms` (−1 for unknown ones unless `grow` adds them)."""
        out = np.empty(len(terms), dtype=np.int64)
        for i, term in enumerate(terms):
            col = self.col.get(term)
            if col is None and grow:
                col = self.col[term] = len(self.terms)
                self.terms.append(term)
            out[i] = -1 if col is None else col
        if len(self.terms) > len(self.df):
            extra = len(self.terms) - len(self.df)
            self.df = np.concatenate([self.df, np.zeros(extra, dtype=np.int64)])
            self.idf = np.concatenate([self.idf, np.full(extra, np.nan)])
        return out

    def count(self, cols: np.ndarray, delta: int) -> None:
        """A document with these columns was added (+1) or removed (−1)."""
        self.df[cols] += delta
        self.n_docs += delta
        fresh = cols[np.isnan(self.idf[cols])]
        self.idf[fresh] = self._idf(self.df[fresh])

    def refit(self) -> None:
        """Recompute every IDF from the current document frequencies."""
        self.idf = self._idf(self.df)

    def _idf(self, df: np.ndarray) -> np.ndarray:
        """scikit-learn's smooth IDF: ln((1 + n) / (1 + df)) + 1."""
        return np.log((1.0 + self.n_docs) / (1.0 + df)) + 1.0


class DocStore:
    """The rows of one side, addressed by id; slots are stable until the next compaction.

    `depth` is how many postings per term the quick candidate search reads (matcher/impacts.py).
    """

    def __init__(self, vocabulary: Vocabulary, depth: int):
        self.vocabulary = vocabulary
        self.depth = depth
        self.ids: list[str] = []
        self.slot_of: dict[str, int] = {}
        self.alive = np.zeros(0, dtype=bool)
        self.norms = np.zeros(0, dtype=np.float64)
        self._csr: sparse.csr_matrix = sparse.csr_matrix((0, 0), dtype=np.float32)  # type: ignore[arg-type]
        self._csc = self._csr.tocsc()
        self._delta: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._delta_csc: sparse.csc_matrix | None = None

    def __len__(self) -> int:
        return len(self.slot_of)

    @property
    def n_slots(self) -> int:
        return len(self.ids)

    def build(self, ids: list[str], csr: sparse.csr_matrix) -> None:
        """Set the main segment to `csr` (rows of term frequencies, in `ids` order); counts no df."""
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate ids")
        csr = sparse.csr_matrix((csr.data.astype(np.float32), csr.indices, csr.indptr), shape=csr.shape)
        csr.sort_indices()
        self._csr = csr
        self._csc = csr.tocsc()
        self.ids = list(ids)
        self.slot_of = {doc_id: slot for slot, doc_id in enumerate(ids)}
        self.alive = np.ones(len(ids), dtype=bool)
        self._delta = {}
        self._delta_csc = None
        self.renorm()
        self._impacts = ImpactPostings(self._csc, self.vocabulary.idf, self.norms, self.depth)

    def add(self, doc_id: str, cols: np.ndarray, vals: np.ndarray) -> int:
        """Append a row to the delta segment; the id must be new."""
        if doc_id in self.slot_of:
            raise KeyError(f"id already indexed: {doc_id}")
        order = np.argsort(cols)
        cols, vals = cols[order], vals[order].astype(np.float32)
        slot = len(self.ids)
        self.ids.append(doc_id)
        self.slot_of[doc_id] = slot
        self.vocabulary.count(cols, +1)
        self.alive = np.append(self.alive, True)
        self.norms = np.append(self.norms, self._norm(cols, vals))
        self._delta[slot] = (cols, vals)
        self._delta_csc = None
        return slot

    def remove(self, doc_id: str) -> int:
        """Forget a document: its slot stays, dead, until the next compaction."""
        slot = self.slot_of.pop(doc_id)
        cols, _ = self.row(slot)
        self.alive[slot] = False
        if self._delta.pop(slot, None) is not None:
            self._delta_csc = None
        self.vocabulary.count(cols, -1)
        return slot

    def mask(self, ids: Iterable[str]) -> npt.NDArray[np.bool_]:
        """The alive documents among `ids` as a mask over the slots (unknown ids are left out)."""
        out = np.zeros(self.n_slots, dtype=bool)
        out[[slot for doc_id in ids if (slot := self.slot_of.get(doc_id)) is not None]] = True
        return out

    def row(self, slot: int) -> tuple[np.ndarray, np.ndarray]:
        """(columns, term frequencies) of a slot."""
        if slot in self._delta:
            return self._delta[slot]
        start, end = self._csr.indptr[slot], self._csr.indptr[slot + 1]
        return self._csr.indices[start:end], self._csr.data[start:end]

    def unit_query(self, slot: int) -> tuple[np.ndarray, np.ndarray]:
        """A slot's row as a query: columns and its L2-normalised TF-IDF weights."""
        cols, tf = self.row(slot)
        weights = tf * self.vocabulary.idf[cols]
        norm = float(np.sqrt(weights @ weights))
        return cols, (weights / norm if norm else weights)

    def scores(self, cols: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Cosines of the alive documents sharing a term with the query, as (slots, scores).

        `weights` are the query's TF-IDF weights (normalised for a true cosine). Only the
        postings of `cols` are read, from the main and the delta segments.
        """
        weights = weights * self.vocabulary.idf[cols]
        n_main = self._csc.shape[0]
        acc = _accumulate(self._csc, cols, weights, self.n_slots)
        if self._delta:
            acc[n_main:] += _accumulate(self._delta_segment(), cols, weights, self.n_slots - n_main)
        slots = np.flatnonzero(acc > 0)  # nonzero of a bool array is several times faster
        slots = slots[self.alive[slots]]
        return slots, acc[slots] / self.norms[slots]

    def shortlist(self, cols: np.ndarray, weights: np.ndarray, allowed: np.ndarray,
                  budget: int) -> tuple[np.ndarray, np.ndarray]:
        """The alive documents among the best `depth` postings of each query term, with the part
        of their cosine those postings give (a lower bound); every delta document, exactly.

        `allowed` (a mask over every slot) keeps only those documents; `budget` caps the
        postings read (ImpactPostings.gather).
        """
        n_main = self._csc.shape[0]
        rows, parts = self._impacts.gather(cols, weights, budget)
        # (bincount of nothing is an integer array, which the delta's floats cannot be added to)
        acc = np.bincount(rows, weights=parts, minlength=self.n_slots).astype(np.float64, copy=False)
        if self._delta:
            idf_weights = weights * self.vocabulary.idf[cols]
            delta = _accumulate(self._delta_segment(), cols, idf_weights, self.n_slots - n_main)
            acc[n_main:] += delta / np.where(self.norms[n_main:] > 0, self.norms[n_main:], 1.0)
        slots = np.flatnonzero((acc > 0) & self.alive & allowed)  # nonzero of a bool array: fast
        return slots, acc[slots]

    def exact(self, slots: np.ndarray, cols: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """The exact cosines of `slots` with the query, read from their own rows."""
        query = np.zeros(len(self.vocabulary))
        query[cols] = weights * self.vocabulary.idf[cols]
        n_main = self._csr.shape[0]
        main = slots < n_main
        out = np.zeros(len(slots))
        if main.any():  # scipy's row selection and product, in C: twice as fast as numpy gathers
            out[main] = np.asarray(self._csr[slots[main]] @ query[: self._csr.shape[1]])
        for i in np.flatnonzero(~main):
            doc_cols, tf = self._delta[slots[i]]
            out[i] = tf @ query[doc_cols]
        return out / np.where(self.norms[slots] > 0, self.norms[slots], 1.0)

    def dots(self, slots: list[int], cols: np.ndarray, weights: np.ndarray
             ) -> list[tuple[list[int], list[float]]]:
        """Per-term contributions of each of several documents to one query's cosine, as
        (columns, contributions) in Python lists (what the reasons read), in one pass over
        their rows: a ranked list's ten reasons read ten rows against the same query."""
        if not slots or not len(cols):
            return [([], []) for _ in slots]
        rows = [self.row(slot) for slot in slots]
        lengths = [len(c) for c, _ in rows]
        doc_cols = np.concatenate([c for c, _ in rows])
        order = np.argsort(cols, kind="stable")
        sorted_cols = cols[order]
        at = np.minimum(np.searchsorted(sorted_cols, doc_cols), len(cols) - 1)
        hit = np.flatnonzero(sorted_cols[at] == doc_cols)
        norms = self.norms[slots]
        norms = np.repeat(np.where(norms > 0, norms, 1.0), lengths)
        shared = doc_cols[hit]
        tf = np.concatenate([t for _, t in rows])
        parts = (weights[order[at[hit]]] * self.vocabulary.idf[shared] * tf[hit] / norms[hit]).tolist()
        ends = np.searchsorted(hit, np.cumsum(lengths)).tolist()
        found, start = shared.tolist(), 0
        out = []
        for end in ends:
            out.append((found[start:end], parts[start:end]))
            start = end
        return out

    def renorm(self) -> None:
        """Recompute every norm with the current IDF (after a refit)."""
        idf2 = self.vocabulary.idf[: self._csr.shape[1]] ** 2
        squares = np.asarray(self._csr.multiply(self._csr).dot(idf2))
        main = np.sqrt(squares) if self._csr.shape[0] else np.zeros(0)
        norms = np.zeros(self.n_slots, dtype=np.float64)
        norms[: len(main)] = main
        for slot, (cols, vals) in self._delta.items():
            norms[slot] = self._norm(cols, vals)
        self.norms = norms

    def compact(self) -> list[int]:
        """Merge the delta into the main segment and drop dead slots; returns the kept old slots."""
        kept = [slot for slot in range(self.n_slots) if self.alive[slot]]
        self.build(
            [self.ids[slot] for slot in kept], rows_to_csr([self.row(s) for s in kept], len(self.vocabulary))
        )
        return kept

    def delta_size(self) -> int:
        return len(self._delta)

    def main_csr(self) -> sparse.csr_matrix:
        """All alive rows in slot order as one CSR matrix (for saving); compact first."""
        if self._delta or not self.alive.all():
            raise RuntimeError("compact() before exporting the main segment")
        return self._csr

    def _delta_segment(self) -> sparse.csc_matrix:
        """The delta rows as a CSC matrix (row i = slot n_main + i), rebuilt after a change."""
        if self._delta_csc is None:
            n_main = self._csc.shape[0]
            empty = (np.zeros(0, np.int64), np.zeros(0, np.float32))
            rows = [self._delta.get(n_main + i, empty) for i in range(self.n_slots - n_main)]
            self._delta_csc = rows_to_csr(rows, len(self.vocabulary)).tocsc()
        return self._delta_csc

    def _norm(self, cols: np.ndarray, vals: np.ndarray) -> float:
        weights = vals * self.vocabulary.idf[cols]
        return float(np.sqrt(weights @ weights))


def rows_to_csr(rows: list[tuple[np.ndarray, np.ndarray]], n_cols: int) -> sparse.csr_matrix:
    """A CSR matrix from (columns, values) rows."""
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(c) for c, _ in rows])
    cols = np.concatenate([c for c, _ in rows]) if rows else np.zeros(0, np.int64)
    vals = np.concatenate([v for _, v in rows]) if rows else np.zeros(0, np.float32)
    return sparse.csr_matrix((vals.astype(np.float32), cols, indptr), shape=(len(rows), n_cols))


def _accumulate(csc: sparse.csc_matrix, cols: np.ndarray, weights: np.ndarray, n: int) -> np.ndarray:
    """Σ weight · value per row (length n) over the postings of `cols`; columns past the matrix
    (terms newer than this segment) have none."""
    inside = cols < csc.shape[1]
    cols, weights = cols[inside], weights[inside]
    starts, ends = csc.indptr[cols], csc.indptr[cols + 1]
    lengths = ends - starts
    total = int(lengths.sum())
    if not total:
        return np.zeros(n)
    positions = np.arange(total) + np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    values = csc.data[positions] * np.repeat(weights, lengths)
    return np.bincount(csc.indices[positions], weights=values, minlength=n)
