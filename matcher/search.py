"""Keyword search of posts, and the words of a post that a query matched (highlighting).

`search_posts` is the flat TF-IDF search (the batch evaluation of titles reads it); `search_tiers`
is what people's searches use (issue 10): the posts that match a query's words directly — the
word, its near-synonyms, what an everyday phrase means, the word its pinyin spells — are the
answer, counted and ranked by how many of the words they match, then by TF-IDF; posts reached
only through the broad families of neighbouring work are a short `related` list apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from matcher.query import Query, Word, families
from matcher.records import Post
from matcher.results import Hit
from matcher.terms import split_terms
from matcher.tokenizer import BROAD, NEAR

if TYPE_CHECKING:
    from matcher.engine import Matcher

Mask = npt.NDArray[np.bool_]
"""Some of the index's post slots (DocStore.mask, Matcher.post_mask)."""


def search_posts(index: Matcher, query: str, top: int, allowed: Mask | None,
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
    slots, scores = restrict(index.posts_, slots, scores, allowed)
    best = sorted(zip(-scores, (index.posts_.ids[s] for s in slots), slots, strict=True))[:top]
    words, concepts = split_terms(counts)
    return [
        Hit(doc_id, float(-neg), index.post_words(int(slot)).matched(words, concepts) if highlight else ())
        for neg, doc_id, slot in best
    ]


_LATIN = re.compile(r"[a-z]+")
WEAK_MATCH = 0.05
"""A direct match scoring under this share of the best one is only mentioned in passing (清理 in
a welder's duties for 扫马路): it joins the related posts instead of the count."""


@dataclass(frozen=True)
class Tiers:
    """A search's answer in tiers; ids are the posts' document ids."""

    direct: dict[str, tuple[int, float]]  # post → (how many of the query's words it matches, score)
    related: list[tuple[str, float]]  # best first: posts sharing only a broad family
    query: Query  # as read, with any pinyin word replaced by the word it spells
    unmatched: tuple[str, ...]  # what was asked for and matched nothing, as typed
    suggestion: str | None  # 您是不是要找：…


def search_tiers(index: Matcher, text: str, allowed: Mask, related: int) -> Tiers:
    """The direct matches among the `allowed` posts (a mask over the post slots,
    Matcher.post_mask) and the best `related` others."""
    query = index.reader.read(text)
    store = index.posts_
    allowed = allowed & store.alive
    matched = np.zeros(store.n_slots, dtype=np.int64)
    words: list[Word] = []
    unmatched = list(query.unanswerable)
    suggestion = None
    for word in query.words:
        hit = _hits(index, word.direct, allowed)
        if not hit.any():
            spelled = _sounds_like(index, word.label, allowed)
            if spelled is not None:
                suggestion = suggestion or spelled.label
                if _LATIN.fullmatch(word.label):  # pinyin: search what it spells
                    word, hit = spelled, _hits(index, spelled.direct, allowed)
        if word.by_sound and not _LATIN.fullmatch(word.label):
            continue  # characters that spell no word: a suggestion at most, never "no match"
        if not hit.any():
            unmatched.append(word.label)
        matched += hit
        words.append(word)
    near = index.weights.near_synonym
    score = _cosine(index, {t: near if t[0] == NEAR else 1.0 for w in words for t in w.direct})
    direct = matched > 0
    if direct.any():  # a passing mention far below the best answers is related, not an answer
        weak = direct & (score < WEAK_MATCH * score[direct].max())
        direct &= ~weak
    else:
        weak = direct
    families = {t for w in words for t in w.broad}
    broad = _cosine(index, dict.fromkeys(families, 1.0))
    others = np.flatnonzero(allowed & ~direct & ~weak & (broad > 0))
    best = sorted(zip(-score[weak], (store.ids[s] for s in np.flatnonzero(weak)), strict=True))
    for neg, doc_id in sorted(zip(-broad[others], (store.ids[s] for s in others), strict=True)):
        if len(best) >= related:
            break
        if index.post_words(store.slot_of[doc_id]).has(set(), families):  # in its own words
            best.append((neg, doc_id))
    best = best[:related]
    return Tiers(
        direct={store.ids[s]: (int(matched[s]), float(score[s])) for s in np.flatnonzero(direct)},
        related=[(doc_id, -float(neg)) for neg, doc_id in best],
        query=Query(tuple(words), query.unanswerable, query.townships, query.kinds),
        unmatched=tuple(dict.fromkeys(unmatched)), suggestion=suggestion,
    )


def _hits(index: Matcher, terms: Iterable[str], allowed: Mask) -> Mask:
    """The allowed posts whose own text (title, description, requirements, majors: not the
    employer's name or industry) has any of `terms` — a cook at a 纺织厂 is no 纺织 job."""
    out = np.zeros(index.posts_.n_slots, dtype=bool)
    terms = list(terms)
    cols = index.vocabulary_.columns(terms, grow=False)
    cols = np.sort(cols[cols >= 0])
    if not len(cols):
        return out
    slots, _ = index.posts_.scores(cols, np.ones(len(cols)))
    words = {t for t in terms if t[0] not in (NEAR, BROAD)}
    concepts = set(terms) - words
    for slot in slots[allowed[slots]]:
        out[slot] = index.post_words(int(slot)).has(words, concepts)
    return out


def _cosine(index: Matcher, weights: dict[str, float]) -> npt.NDArray[np.float64]:
    """Every post slot's TF-IDF cosine with a query of these term weights (0 where none)."""
    out = np.zeros(index.posts_.n_slots)
    cols = index.vocabulary_.columns(list(weights), grow=False)
    known = cols >= 0
    if not known.any():
        return out
    cols, values = cols[known], np.array(list(weights.values()))[known]
    values = values * index.vocabulary_.idf[cols]
    order = np.argsort(cols)
    slots, scores = index.posts_.scores(cols[order], values[order] / np.sqrt(values @ values))
    out[slots] = scores
    return out


def _sounds_like(index: Matcher, typed: str, allowed: Mask) -> Word | None:
    """The known word sounding like `typed` that matches the most allowed posts, if any does."""
    best: tuple[int, str] | None = None
    for candidate in index.sounds_like(typed):
        found = int(_hits(index, index.reader.word(candidate, (candidate,)).direct, allowed).sum())
        if found and (best is None or (-found, candidate) < (-best[0], best[1])):
            best = (found, candidate)
    return index.reader.word(best[1], (best[1],)) if best else None


def highlights(index: Matcher, query: Query, post_ids: Iterable[str], broad: bool
               ) -> dict[str, tuple[str, ...]]:
    """Each post's words that matched the query's words directly (or, with `broad`, through a
    family of neighbouring work too: what a related post shares)."""
    terms = {t for w in query.words for t in (*w.direct, *(w.broad if broad else ()))}
    words = {t for t in terms if t[0] not in (NEAR, BROAD)}
    concepts = terms - words
    return {
        doc_id: index.post_words(index.posts_.slot_of[doc_id]).matched(words, concepts)
        for doc_id in post_ids if index.has_post(doc_id)
    }


@dataclass(frozen=True)
class PostWords:
    """A post's own words (title, duties, requirements, majors: what can be highlighted) and
    their synonym concept terms: what decides a direct match and what is highlighted."""

    position: dict[str, int]  # word → its order of first appearance
    members: dict[str, tuple[str, ...]]  # concept term → the post's words that belong to it

    @classmethod
    def of(cls, index: Matcher, post: Post) -> PostWords:
        """Every word is matched as itself ("销售" is in "汽车销售顾问"), but only a whole word
        stands for its synonym families: "工程" inside "工程师" makes no construction job."""
        position: dict[str, int] = {}
        members: dict[str, list[str]] = {}
        tokenizer = index.tokenizer
        for field in (post.title, post.description, post.requirements, " ".join(post.majors)):
            for word in index.words(field):
                position.setdefault(word, len(position))
            for word, _ in tokenizer.whole_words(field):
                for concept in () if word in tokenizer.stopwords else families(tokenizer, word):
                    if word not in members.setdefault(concept, []):
                        members[concept].append(word)
        return cls(position, {c: tuple(ws) for c, ws in members.items()})

    def has(self, words: set[str], concepts: set[str]) -> bool:
        return not (self.position.keys().isdisjoint(words) and self.members.keys().isdisjoint(concepts))

    def matched(self, words: set[str], concepts: set[str]) -> tuple[str, ...]:
        """The words that are among `words` or belong to one of `concepts`, in text order."""
        found = set(self.position.keys() & words)
        for concept in self.members.keys() & concepts:
            found.update(self.members[concept])
        return tuple(sorted(found, key=self.position.__getitem__))
