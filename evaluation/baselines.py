"""Two rule-free text rankers the matcher must beat: BM25 over plain jieba and TF-IDF cosine.

They exist only to give the evaluation a yardstick (issue 3, item 6): the matcher's rules and
dictionaries are worth keeping only if they rank better than text similarity alone. Both see
the same concatenated text fields and know nothing of eligibility, townships or majors.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

import jieba
import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

Tokenize = Callable[[str], list[str]]

jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter would drown the tables
_PLAIN_JIEBA = jieba.Tokenizer()  # dedicated instance: never the global one (STYLE.md)
_WORD = re.compile(r"\w")


def jieba_tokens(text: str) -> list[str]:
    """Plain jieba with its stock dictionary, lower-cased, without punctuation or spaces:
    the tokenizer a team would start from, so BM25 measures text alone."""
    return [token.lower() for token in _PLAIN_JIEBA.lcut(text) if _WORD.search(token)]


def jieba_search_tokens(text: str) -> list[str]:
    """Plain jieba in search mode (long words also split into their shorter words), as a
    keyword search engine would index: the search set's BM25 baseline."""
    return [token.lower() for token in _PLAIN_JIEBA.lcut_for_search(text) if _WORD.search(token)]


def post_text(post) -> str:
    """The text fields of a post, in one string."""
    return "\n".join(
        [post.title, post.industry, post.description, post.requirements, " ".join(post.majors)]
    )


def candidate_text(candidate) -> str:
    """The text fields of a candidate profile (求职意向, major, skills, experience)."""
    return "\n".join([candidate.desired, candidate.major, candidate.skills, candidate.experience])


def top_k(scores: np.ndarray, k: int) -> list[tuple[int, float]]:
    """(row, score) of the k best positive scores, ties broken by row: a document sharing
    nothing with the query is not a result."""
    positive = np.flatnonzero(scores > 0)
    if len(positive) > k:
        positive = positive[np.argpartition(-scores[positive], k - 1)[:k]]
        # argpartition leaves ties at the cut arbitrary; widen to every row tied with the k-th
        positive = np.flatnonzero(scores >= scores[positive].min())
    order = np.lexsort((positive, -scores[positive]))[:k]
    return [(int(positive[i]), float(scores[positive[i]])) for i in order]


class TextRanker(Protocol):
    def fit(self, texts: Sequence[str]) -> TextRanker: ...
    def scores(self, text: str) -> np.ndarray: ...


class BM25:
    """Okapi BM25 with Lucene's non-negative IDF, stored as one sparse matrix of per-term
    document weights so a query is a single sparse product."""

    def __init__(self, tokenize: Tokenize = jieba_tokens, k1: float = 1.5, b: float = 0.75):
        self.tokenize = tokenize
        self.k1 = k1
        self.b = b

    def fit(self, texts: Sequence[str]) -> BM25:
        self.vectorizer_ = CountVectorizer(
            tokenizer=self.tokenize, token_pattern=None, lowercase=False
        )
        tf = sparse.csr_matrix(self.vectorizer_.fit_transform(texts), dtype=np.float64)
        n_docs = tf.shape[0]
        df = np.bincount(tf.indices, minlength=tf.shape[1])
        idf = np.log1p((n_docs - df + 0.5) / (df + 0.5))
        lengths = np.asarray(tf.sum(axis=1)).ravel()
        norm = self.k1 * (1 - self.b + self.b * lengths / max(lengths.mean(), 1e-9))
        rows = np.repeat(np.arange(n_docs), np.diff(tf.indptr))
        weights = tf.data * (self.k1 + 1) / (tf.data + norm[rows]) * idf[tf.indices]
        self.weights_ = sparse.csr_matrix((weights, tf.indices, tf.indptr), shape=tf.shape)
        return self

    def scores(self, text: str) -> np.ndarray:
        query = self.vectorizer_.transform([text])
        return np.asarray((self.weights_ @ query.T).todense()).ravel()


class TfidfCosine:
    """scikit-learn TF-IDF (l2-normalised, so the dot product is the cosine)."""

    def __init__(self, tokenize: Tokenize):
        self.tokenize = tokenize

    def fit(self, texts: Sequence[str]) -> TfidfCosine:
        self.vectorizer_ = TfidfVectorizer(
            tokenizer=self.tokenize, token_pattern=None, lowercase=False
        )
        self.matrix_ = self.vectorizer_.fit_transform(texts).tocsr()
        return self

    def scores(self, text: str) -> np.ndarray:
        query = self.vectorizer_.transform([text])
        return np.asarray((self.matrix_ @ query.T).todense()).ravel()


class TextBaseline:
    """Ranks candidates for a post and posts for a candidate by one kind of text ranker,
    with no rules; each direction indexes the side being ranked."""

    def __init__(self, make_ranker: Callable[[], TextRanker]):
        self.make_ranker = make_ranker

    def fit(self, posts: Iterable, candidates: Iterable) -> TextBaseline:
        self.posts_ = {post.id: post for post in posts}
        self.candidates_ = {candidate.id: candidate for candidate in candidates}
        self.post_ids_ = list(self.posts_)
        self.candidate_ids_ = list(self.candidates_)
        self.post_ranker_ = self.make_ranker().fit([post_text(p) for p in self.posts_.values()])
        self.candidate_ranker_ = self.make_ranker().fit(
            [candidate_text(c) for c in self.candidates_.values()]
        )
        return self

    def rank_candidates(self, post_id: str, top: int = 10) -> list[str]:
        scores = self.candidate_ranker_.scores(post_text(self.posts_[post_id]))
        return [self.candidate_ids_[row] for row, _ in top_k(scores, top)]

    def rank_posts(self, candidate_id: str, top: int = 10) -> list[str]:
        scores = self.post_ranker_.scores(candidate_text(self.candidates_[candidate_id]))
        return [self.post_ids_[row] for row, _ in top_k(scores, top)]
