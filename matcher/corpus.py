"""The indexed documents of both sides over one vocabulary, and how they change: the full fit,
rows installed from a fit or a load (matcher/storage.py), single posts and people added and
removed between fits, and the compaction that merges those deltas. The Matcher
(matcher/engine.py) is a Corpus that answers queries: building is separate from querying (as
in bm25s and scikit-learn), so what a query reads and what changes it are each in one place.

The built state is in the attributes ending in `_`; a Corpus that was neither fitted nor loaded
has none of them, and every update checks first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Self

from scipy import sparse

from matcher import parallel
from matcher.fitting import fit_tfidf
from matcher.index import DocStore, Vocabulary
from matcher.post_columns import PostColumns
from matcher.profiles import CandidateColumns
from matcher.records import Candidate, Post
from matcher.terms import TermWeigher, row
from matcher.tokenizer import Tokenizer, load
from matcher.weights import WEIGHTS, Weights


class NotFittedError(RuntimeError):
    """A query or update on a Matcher that was neither fitted nor loaded."""


class Corpus:
    vocabulary_: Vocabulary
    posts_: DocStore
    candidates_: DocStore
    columns_: CandidateColumns
    post_columns_: PostColumns

    def __init__(self, tokenizer: Tokenizer | None = None, weights: Weights = WEIGHTS):
        self.tokenizer = tokenizer or load()
        self.weights = weights
        self.terms = TermWeigher(self.tokenizer, weights)

    def fit(self, posts: Iterable[Post], candidates: Iterable[Candidate],
            processes: int | None = None) -> Self:
        """Tokenize everything and build both sides over one vocabulary and IDF; the people
        are weighed on `processes` processes (default: every core for a district's registry,
        matcher/parallel.py)."""
        posts, people = list(posts), list(candidates)
        columns = CandidateColumns(self.tokenizer.normalise)
        candidate_ids: list[str] = []
        if processes is None:
            processes = parallel.default_processes(len(people))

        def documents() -> Iterator[dict[str, float]]:
            for post in posts:
                yield self.terms.post(post)
            for candidate, terms in zip(people, parallel.weighed(self.terms.candidate, people, processes),
                                         strict=True):
                candidate_ids.append(candidate.id)
                columns.append(candidate)
                yield terms

        self.vocabulary_, post_csr, candidate_csr = fit_tfidf(documents(), len(posts))
        self.install(posts, post_csr, candidate_ids, columns, candidate_csr)
        return self

    def install(self, posts: list[Post], post_csr: sparse.csr_matrix, candidate_ids: list[str],
                columns: CandidateColumns, candidate_csr: sparse.csr_matrix) -> None:
        """Install built rows and records over `vocabulary_` (from `fit` or `storage.load`)."""
        self.posts_ = DocStore(self.vocabulary_, self.weights.posting_depth)
        self.posts_.build([p.id for p in posts], post_csr)
        self.candidates_ = DocStore(self.vocabulary_, self.weights.posting_depth)
        self.candidates_.build(candidate_ids, candidate_csr)
        self.columns_ = columns
        self.post_columns_ = PostColumns(posts, self._major_families)

    def refit(self) -> Self:
        """Recompute the IDF from the current documents and compact both sides."""
        self._check_fitted()
        self.vocabulary_.refit()
        self.compact()
        return self

    def add_post(self, post: Post) -> None:
        self._check_fitted()
        # Everything that can refuse the post first: a half-added post would shift the arrays.
        self.post_columns_.check(post)
        self.posts_.add(post.id, *row(self.terms.post(post), self.vocabulary_))
        self.post_columns_.append(post)
        self._maybe_compact()

    def remove_post(self, post_id: str) -> None:
        self._check_fitted()
        self.post_columns_.records[self.posts_.remove(post_id)] = None

    def replace_post(self, post: Post) -> None:
        self.remove_post(post.id)
        self.add_post(post)

    def add_candidate(self, candidate: Candidate) -> None:
        self._check_fitted()
        self.candidates_.add(candidate.id, *row(self.terms.candidate(candidate), self.vocabulary_))
        self.columns_.append(candidate)
        self._maybe_compact()

    def remove_candidate(self, candidate_id: str) -> None:
        self._check_fitted()
        self.candidates_.remove(candidate_id)

    def replace_candidate(self, candidate: Candidate) -> None:
        self.remove_candidate(candidate.id)
        self.add_candidate(candidate)

    def has_post(self, post_id: str) -> bool:
        """Whether the post is indexed."""
        self._check_fitted()
        return post_id in self.posts_.slot_of

    def has_candidate(self, candidate_id: str) -> bool:
        """Whether the candidate is indexed."""
        self._check_fitted()
        return candidate_id in self.candidates_.slot_of

    def compact(self) -> None:
        """Merge the delta segments into the main ones and drop removed documents."""
        self.post_columns_.keep(self.posts_.compact())
        self.columns_.keep(self.candidates_.compact())

    def _check_fitted(self) -> None:
        if not hasattr(self, "vocabulary_"):
            raise NotFittedError("Matcher is not fitted: call fit() or Matcher.load() first")

    def _major_families(self, majors: tuple[str, ...]) -> frozenset[int]:
        return frozenset(self.columns_.family_id(m) for m in majors if m.strip())

    def _maybe_compact(self) -> None:
        """Merge the delta segments once they grow past an eighth of the index (amortised)."""
        for store in (self.posts_, self.candidates_):
            if store.delta_size() > max(1024, store.n_slots // 8):
                self.compact()
                return
