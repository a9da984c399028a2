"""Impact-ordered, truncated postings: where a query finds its candidates quickly.

At 100,000 profiles the common terms of a post (保洁, 工作经验, a synonym concept of a big
occupation) each sit in a third of all rows, so reading every posting of a query's terms reads
about 100,000 postings — as much as multiplying the whole matrix. A document's contribution
to a cosine through term t is query weight × its *impact* tf·idf/‖d‖, and for ranking only the
highest impacts of each term matter: a document that is not among a common term's top `depth`
impacts holds that term weakly (a long profile mentioning it in passing). So each term keeps its
`depth` best postings, best first; rare terms keep all of theirs. Candidates found there are
then scored exactly (DocStore.exact), so truncation only decides who is looked at, never a score.

Impacts use the IDF and norms of the moment they are built (DocStore.build: fit, load, refit,
compaction); documents added since live in the delta segment, which is read in full.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse


class ImpactPostings:
    """Per term, the rows with the `depth` largest impacts and those impacts (float32)."""

    def __init__(self, csc: sparse.csc_matrix, idf: np.ndarray, norms: np.ndarray, depth: int):
        lengths = np.diff(csc.indptr)
        term_of = np.repeat(np.arange(csc.shape[1]), lengths)
        safe = np.where(norms > 0, norms, 1.0)
        impact = (csc.data * idf[term_of] / safe[csc.indices]).astype(np.float32)
        order = np.lexsort((-impact, term_of))  # by term, best impact first
        rank = np.arange(len(order)) - np.repeat(csc.indptr[:-1], lengths)
        keep = order[rank < depth]
        self.indptr = np.zeros(csc.shape[1] + 1, dtype=np.int64)
        np.cumsum(np.minimum(lengths, depth), out=self.indptr[1:])
        self.rows = csc.indices[keep].astype(np.int32)
        self.impacts = impact[keep]
        self.depth = depth

    def gather(self, cols: np.ndarray, weights: np.ndarray, budget: int | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
        """(rows, weight × impact) over the kept postings of `cols`; rows repeat across terms.

        `budget` caps the postings read: terms are taken by weight, strongest first, while
        their postings fit (the strongest always), so a long query of common words stops
        reading where its weak terms could only add weak candidates.
        """
        cols, weights = cols[cols < len(self.indptr) - 1], weights[cols < len(self.indptr) - 1]
        starts, ends = self.indptr[cols], self.indptr[cols + 1]
        lengths = ends - starts
        if budget is not None and lengths.sum() > budget:
            order = np.argsort(-weights, kind="stable")
            n = max(1, int(np.searchsorted(np.cumsum(lengths[order]), budget, side="right")))
            chosen = order[:n]
            starts, ends, lengths, weights = starts[chosen], ends[chosen], lengths[chosen], weights[chosen]
        if not lengths.sum():
            return np.zeros(0, np.int32), np.zeros(0, np.float32)
        # Slices joined: each term's postings are one contiguous run (half the time of a gather).
        runs = list(zip(starts.tolist(), ends.tolist(), strict=True))
        rows = np.concatenate([self.rows[a:b] for a, b in runs])
        impacts = np.concatenate([self.impacts[a:b] for a, b in runs])
        return rows, impacts * np.repeat(weights, lengths).astype(np.float32)
