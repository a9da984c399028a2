"""Keyword search of posts, and the words of a post that a query matched (highlighting)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

import numpy as np

from matcher.records import Post
from matcher.results import Hit
from matcher.terms import split_terms

if TYPE_CHECKING:
    from matcher.engine import Matcher


def search_posts(index: Matcher, query: str, top: int, post_ids: Collection[str] | None,
                 highlight: bool) -> list[Hit]:
    from matcher.ranking import restrict

    counts = index.terms.query(query)
    cols = index.vocabulary_.columns(list(counts), grow=False)
    known = cols >= 0
    if not known.any():
        return []
    cols, weights = cols[known], np.array(list(counts.values()))[known]
    weights = weights * index.vocabulary_.idf[cols]
    weights /= np.sqrt(weights @ weights)
    order = np.argsort(cols)
    slots, scores = index.posts_.scores(cols[order], weights[order])
    slots, scores = restrict(index.posts_, slots, scores, post_ids)
    best = sorted(zip(-scores, (index.posts_.ids[s] for s in slots), slots, strict=True))[:top]
    words, concepts = split_terms(counts)
    return [
        Hit(doc_id, float(-neg),
            post_words(index, index.post_record(int(slot)), words, concepts) if highlight else ())
        for neg, doc_id, slot in best
    ]


def highlights(index: Matcher, query: str, post_ids: Iterable[str]) -> dict[str, tuple[str, ...]]:
    words, concepts = split_terms(index.terms.query(query))
    return {
        doc_id: post_words(index, index.post_record(index.posts_.slot_of[doc_id]), words, concepts)
        for doc_id in post_ids if index.has_post(doc_id)
    }


def post_words(index: Matcher, post: Post, words: set[str], concepts: set[str]) -> tuple[str, ...]:
    """The post's own words that matched the query, directly or through a synonym."""
    found: dict[str, None] = {}
    for field in (post.title, post.description, post.requirements, " ".join(post.majors)):
        for word in index.words(field):
            if word in words or concepts.intersection(index.tokenizer.concepts(word)):
                found.setdefault(word)
    return tuple(found)
