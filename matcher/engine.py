"""The matcher: ranks candidates for a post and posts for a candidate, and searches posts.

Building is separate from querying (as in bm25s and scikit-learn): `Matcher(...)` only holds the
tokenizer and the weights, `fit()` builds the index (attributes ending in `_`) with scikit-learn
(matcher/fitting.py), single documents are added and removed between fits (matcher/index.py),
and the queries check that it was fitted. The concerns live in their own modules:

    matcher/corpus.py    the indexed documents: the fit, single-document updates, compaction
    matcher/terms.py     what a document says, as weighted terms
    matcher/fitting.py   the full fit (scikit-learn's DictVectorizer and TfidfTransformer)
    matcher/parallel.py  the people's terms weighed on every core for a large fit
    matcher/index.py     the inverted index and its single-document updates
    matcher/ranking.py   the two rankings
    matcher/boost.py     the boosts of a text similarity, written once
    matcher/search.py    keyword search and highlighting
    matcher/pairs.py     a ranking's results, their reasons worded when read
    matcher/storage.py   save and load

This module is the Corpus's query side: the questions asked of it, what the rankings, the
search and the explanations read of it, and the caches of it that queries keep.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
from scipy import sparse

from matcher import pairs, ranking, search
from matcher.corpus import Corpus
from matcher.index import DocStore
from matcher.profiles import CandidateColumns
from matcher.query import Query, QueryReader
from matcher.records import Post
from matcher.results import Hit, Result
from matcher.search import Mask
from matcher.spelling import Spelling
from matcher.tokenizer import Tokenizer
from matcher.weights import WEIGHTS, Weights
from policy.codes import GROUP_LABELS, SENSITIVE_GROUPS

HIGHLIGHT_TEXTS = 8192
"""Post texts whose words are kept for highlighting (four fields of ~2,000 posts)."""


class Matcher(Corpus):
    """A Corpus that answers: the two rankings, a pair's explanation, keyword search."""

    def __init__(self, tokenizer: Tokenizer | None = None, weights: Weights = WEIGHTS):
        super().__init__(tokenizer, weights)
        self.hidden_terms = sensitive_terms(self.tokenizer)
        self.reader = QueryReader(self.tokenizer)
        self.spelling = Spelling()
        self._spelled = 0  # vocabulary terms the spelling table has seen
        # Highlighting re-reads the words of the posts a listing shows on every search; the
        # same few hundred texts come back again and again, so their words are kept.
        self._words = lru_cache(maxsize=HIGHLIGHT_TEXTS)(self._split_words)
        # And each post's own words as sets, for the search's direct matches (by slot; a
        # compaction moves them with their posts).
        self._post_words: dict[int, search.PostWords] = {}
        self._post_mask: tuple[Sequence[str], int, Mask] | None = None

    # -- keeping the caches with the corpus --------------------------------------------------

    def install(self, posts: list[Post], post_csr: sparse.csr_matrix, candidate_ids: list[str],
                columns: CandidateColumns, candidate_csr: sparse.csr_matrix) -> None:
        self._post_words, self._post_mask = {}, None
        super().install(posts, post_csr, candidate_ids, columns, candidate_csr)
        # The words the posts use, by sound (您是不是要找); later words are learnt when asked.
        self.spelling.learn(self.vocabulary_.terms[c] for c in np.unique(post_csr.indices))
        self._spelled = len(self.vocabulary_)

    def compact(self) -> None:
        """The slots move: each post's words follow its document, the mask is made anew."""
        words = {self.posts_.ids[slot]: found for slot, found in self._post_words.items()
                 if self.posts_.alive[slot]}
        self._post_mask = None
        super().compact()
        self._post_words = {self.posts_.slot_of[doc_id]: found for doc_id, found in words.items()}

    def read_post_words(self) -> None:
        """Every post's own words, read now rather than on the searches that first need them:
        in the gunicorn master before it forks, the workers share them (at 5,000 posts a fresh
        worker's first uncached searches took up to 0.6 s reading them)."""
        self._check_fitted()
        for slot in self.posts_.slot_of.values():
            self.post_words(slot)

    # -- querying ---------------------------------------------------------------------------

    def rank_candidates(
        self,
        post_id: str,
        as_of: date,
        top: int = 10,
        candidate_ids: Collection[str] | None = None,
        exhaustive: bool = False,
        served_first: bool = False,
        open_only: bool = False,
        exclude: Collection[str] = (),
    ) -> list[Result]:
        """The best eligible candidates for a post (restricted to `candidate_ids` if given).

        Candidates are found among the best postings of each of the post's terms
        (matcher/impacts.py); the eligible ones that look best there are scored exactly.
        `exhaustive` scores every candidate sharing a term instead: the reference the quick
        search is measured against, and what a `candidate_ids` restriction (applicants) uses.
        `served_first` is for the bureau's lists only: the priority groups come first within a
        level of fit (matcher/ordering.py); an employer's order never depends on them.
        `open_only` keeps those open to offers (an employer's search) and `exclude` leaves out
        a few ids (the post's applicants): masks over the index, where a list of everyone else
        would cost each request as much as the population (issue 14).
        """
        self._check_fitted()
        return ranking.rank_candidates(self, post_id, as_of, top, candidate_ids, exhaustive,
                                       served_first, open_only, exclude)

    def rank_posts(
        self, candidate_id: str, as_of: date, top: int = 10, allowed: Mask | None = None,
        exclude: Collection[str] = (),
    ) -> list[Result]:
        """The best posts a candidate may take: among the `allowed` ones if given (post_mask),
        never the few of `exclude`."""
        self._check_fitted()
        return ranking.rank_posts(self, candidate_id, as_of, top, allowed, exclude)

    def post_mask(self, post_ids: Sequence[str]) -> Mask:
        """The indexed posts of `post_ids` as a mask over the post slots, for `rank_posts` and
        `search_tiers`. The last one is kept: a listing passes the same tuple of a district's
        thousands of visible posts to every search, and looking them up again each time cost
        more than the search (2 ms at 5,000 posts). A copy is returned, to change at will."""
        self._check_fitted()
        kept = self._post_mask
        if kept is None or kept[0] is not post_ids or kept[1] != self.posts_.n_slots:
            kept = self._post_mask = (post_ids, self.posts_.n_slots, self.posts_.mask(post_ids))
        return kept[2] & self.posts_.alive

    def explain(self, post_id: str, candidate_id: str, as_of: date) -> Result:
        """The candidate's result for the post, ranked or not ("为何不推荐" when not eligible).

        Scored from the post's side, as `rank_candidates` scores it.
        """
        self._check_fitted()
        p_slot = self.slot(self.posts_, post_id, "post")
        c_slot = self.slot(self.candidates_, candidate_id, "candidate")
        return pairs.alone(self, p_slot, c_slot, as_of, True)

    def search_posts(
        self, query: str, top: int = 20, allowed: Mask | None = None, highlight: bool = True,
    ) -> list[Hit]:
        """Keyword search of posts; an empty or all-stop-word query finds nothing.

        `highlight=False` leaves `terms` empty: a listing that pages through hundreds of hits
        asks `highlights()` for the page it shows instead (re-reading every post's text for
        every hit costs more than the search itself).
        """
        self._check_fitted()
        return search.search_posts(self, query, top, allowed, highlight)

    def search_tiers(self, query: str, allowed: Mask, related: int = 10) -> search.Tiers:
        """People's search (matcher/search.py) among the `allowed` posts (post_mask): direct
        matches, and up to `related` others."""
        self._check_fitted()
        return search.search_tiers(self, query, allowed, related)

    def highlights(self, query: Query, post_ids: Iterable[str], broad: bool = False
                   ) -> dict[str, tuple[str, ...]]:
        """For each indexed post of `post_ids`, its words that `query` (as read) matched."""
        self._check_fitted()
        return search.highlights(self, query, post_ids, broad)

    def sounds_like(self, typed: str) -> list[str]:
        """The index's words that sound like `typed` (pinyin or characters)."""
        if self._spelled < len(self.vocabulary_):
            self.spelling.learn(self.vocabulary_.terms[self._spelled:])
            self._spelled = len(self.vocabulary_)
        return self.spelling.sounds_like(typed)

    # -- saving -----------------------------------------------------------------------------

    def save(self, directory: str | Path) -> None:
        """Arrays (.npz) and JSON metadata in `directory`; compacts the index first."""
        from matcher import storage

        self._check_fitted()
        self.compact()
        storage.save(self, directory)

    @classmethod
    def load(cls, directory: str | Path, tokenizer: Tokenizer | None = None) -> Matcher:
        """An index saved by `save`; raises IndexVersionError for another version or dictionary."""
        from matcher import storage

        return storage.load(cls, directory, tokenizer)

    # -- what the rankings, the search and the explanations read ----------------------------

    def post_record(self, slot: int) -> Post:
        """The record of an alive post slot."""
        post = self.post_columns_.records[slot]
        if post is None:
            raise KeyError(f"post slot {slot} was removed")
        return post

    @staticmethod
    def slot(store: DocStore, doc_id: str, what: str) -> int:
        try:
            return store.slot_of[doc_id]
        except KeyError:
            raise KeyError(f"unknown {what} id: {doc_id}") from None

    def query(self, store: DocStore, slot: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        """A document as a query: its strongest terms (weights.*_query_terms), in column order."""
        cols, weights = store.unit_query(slot)
        w = self.weights
        n = w.post_query_terms if store is self.posts_ else w.candidate_query_terms
        if len(cols) > n:
            keep = np.sort(np.lexsort((cols, -weights))[:n])
            cols, weights = cols[keep], weights[keep]
        return cols, weights

    def post_words(self, slot: int) -> search.PostWords:
        """An alive post slot's own words (matcher/search.py), read once per slot."""
        found = self._post_words.get(slot)
        if found is None:
            found = self._post_words[slot] = search.PostWords.of(self, self.post_record(slot))
        return found

    def words(self, text: str) -> tuple[str, ...]:
        """The words of a post's text, kept for highlighting."""
        return self._words(text)

    def explanations(self, fixed: int, documents: list[pairs.Ranked], as_of: date, for_post: bool,
                     query: pairs.Query) -> list[Result]:
        """The Results of a ranked list (matcher/pairs.ranked): the rankings' last step."""
        return pairs.ranked(self, fixed, documents, as_of, for_post, query)

    def text_similarity(self, post_id: str, candidate_id: str) -> tuple[float, float]:
        """The pair's text similarity asked from the post's side and from the person's (what
        the levels of fit read; evaluation/calibration.py calibrates them on it)."""
        self._check_fitted()
        p_slot = self.slot(self.posts_, post_id, "post")
        c_slot = self.slot(self.candidates_, candidate_id, "candidate")
        return pairs.text(self, p_slot, c_slot, True), pairs.text(self, p_slot, c_slot, False)

    # -- internals --------------------------------------------------------------------------

    def _split_words(self, text: str) -> tuple[str, ...]:
        return tuple(self.tokenizer.words(text))


def sensitive_terms(tokenizer: Tokenizer) -> frozenset[str]:
    """The index terms that would name a sensitive group in a shared-words reason: the synonym
    families (matcher/data/synonyms.txt) of the sensitive groups' labels, members and concepts."""
    concepts = {
        c
        for group in SENSITIVE_GROUPS
        for word in tokenizer.words(GROUP_LABELS[group])
        for c in tokenizer.concepts(word)
    }
    members = {word for word, of in tokenizer.synonyms.items() if concepts.intersection(of)}
    return frozenset(concepts | members)

