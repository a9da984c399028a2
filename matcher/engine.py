"""The matcher: ranks candidates for a post and posts for a candidate, and searches posts.

Building is separate from querying (as in bm25s and scikit-learn): `Matcher(...)` only holds the
tokenizer and the weights, `fit()` builds the index (attributes ending in `_`), and the queries
check that it was fitted. A ranking has three steps:

1. text: the TF-IDF cosine over the query's own postings (matcher/index.py);
2. the cheap structured boosts (major, township) and the education minimum, vectorised over the
   documents the postings touched;
3. a walk down that order applying policy/eligibility.py's `check` and `priority` (and post
   freshness), which stops as soon as no later document can still enter the top — the extra
   boosts are bounded, so the cut is exact.
Ties break by id, so the same index and question always give the same list.
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

import numpy as np

from policy.codes import TOWNSHIPS, education_rank
from policy.eligibility import CandidateFacts, check, priority

from matcher import explain
from matcher.index import DocStore, Vocabulary
from matcher.records import Candidate, Post
from matcher.tokenizer import BROAD, NEAR, Tokenizer, load
from matcher.weights import WEIGHTS, Weights

_TOWNSHIP_BIT = {name: 1 << i for i, name in enumerate(TOWNSHIPS)}
_CHUNK = 64


class NotFittedError(RuntimeError):
    """A query or update on a Matcher that was neither fitted nor loaded."""


@dataclass(frozen=True)
class Result:
    """One ranked post or candidate: its score, its reasons in Chinese, and whether it may apply."""

    id: str
    score: float
    why: list[str]
    eligible: bool


@dataclass(frozen=True)
class Hit:
    """A keyword-search hit: `terms` are the words of the post to highlight."""

    id: str
    score: float
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Profile:
    """What the matcher keeps of a candidate: the rules' facts and the structured preferences."""

    id: str
    facts: CandidateFacts
    townships: tuple[str, ...]
    major: str


class Matcher:
    def __init__(self, tokenizer: Tokenizer | None = None, weights: Weights = WEIGHTS):
        self.tokenizer = tokenizer or load()
        self.weights = weights

    # -- building ---------------------------------------------------------------------------

    def fit(self, posts: Iterable[Post], candidates: Iterable[Candidate]) -> Matcher:
        """Tokenize everything and build both sides over one vocabulary and IDF."""
        posts, profiles = list(posts), []
        post_terms = [self._post_terms(p) for p in posts]
        candidate_terms = []
        for candidate in candidates:
            profiles.append(_profile(candidate))
            candidate_terms.append(self._candidate_terms(candidate))
        vocabulary = Vocabulary()
        post_rows = [self._row(t, vocabulary) for t in post_terms]
        candidate_rows = [self._row(t, vocabulary) for t in candidate_terms]
        df = np.zeros(len(vocabulary), dtype=np.int64)
        for cols, _ in post_rows + candidate_rows:
            df[cols] += 1
        vocabulary.df, vocabulary.n_docs = df, len(post_rows) + len(candidate_rows)
        vocabulary.refit()
        self.vocabulary_ = vocabulary
        self._set(posts, post_rows, profiles, candidate_rows)
        return self

    def _set(self, posts, post_rows, profiles, candidate_rows) -> None:
        """Install built rows and records (from `fit` or `load`)."""
        self.posts_ = DocStore(self.vocabulary_)
        self.posts_.build([p.id for p in posts], post_rows)
        self.candidates_ = DocStore(self.vocabulary_)
        self.candidates_.build([c.id for c in profiles], candidate_rows)
        self._posts: list[Post | None] = list(posts)
        self._profiles: list[Profile | None] = list(profiles)
        self._majors: dict[str, int] = {}
        self._post_edu = np.array([education_rank(p.education_min) for p in posts], dtype=np.int8)
        self._post_town = np.array([_town_index(p.township) for p in posts], dtype=np.int8)
        self._post_major_sets = [self._major_ids(p.majors) for p in posts]
        self._cand_edu = np.array([education_rank(c.facts.education) for c in profiles], dtype=np.int8)
        self._cand_towns = np.array([_town_mask(c.townships) for c in profiles], dtype=np.int32)
        self._cand_major = np.array([self._major_id(c.major) for c in profiles], dtype=np.int32)

    def refit(self) -> Matcher:
        """Recompute the IDF from the current documents and compact both sides."""
        self._check_fitted()
        self.vocabulary_.refit()
        self._compact()
        return self

    def add_post(self, post: Post) -> None:
        self._check_fitted()
        self.posts_.add(post.id, *self._row(self._post_terms(post), self.vocabulary_))
        self._posts.append(post)
        self._post_edu = np.append(self._post_edu, np.int8(education_rank(post.education_min)))
        self._post_town = np.append(self._post_town, np.int8(_town_index(post.township)))
        self._post_major_sets.append(self._major_ids(post.majors))
        self._maybe_compact()

    def remove_post(self, post_id: str) -> None:
        self._check_fitted()
        self._posts[self.posts_.remove(post_id)] = None

    def replace_post(self, post: Post) -> None:
        self.remove_post(post.id)
        self.add_post(post)

    def add_candidate(self, candidate: Candidate) -> None:
        self._check_fitted()
        profile = _profile(candidate)
        self.candidates_.add(candidate.id, *self._row(self._candidate_terms(candidate), self.vocabulary_))
        self._profiles.append(profile)
        self._cand_edu = np.append(self._cand_edu, np.int8(education_rank(candidate.education)))
        self._cand_towns = np.append(self._cand_towns, np.int32(_town_mask(candidate.townships)))
        self._cand_major = np.append(self._cand_major, np.int32(self._major_id(candidate.major)))
        self._maybe_compact()

    def remove_candidate(self, candidate_id: str) -> None:
        self._check_fitted()
        self._profiles[self.candidates_.remove(candidate_id)] = None

    def replace_candidate(self, candidate: Candidate) -> None:
        self.remove_candidate(candidate.id)
        self.add_candidate(candidate)

    # -- querying ---------------------------------------------------------------------------

    def rank_candidates(
        self, post_id: str, as_of: date, top: int = 10, candidate_ids: Collection[str] | None = None
    ) -> list[Result]:
        """The best eligible candidates for a post (restricted to `candidate_ids` if given)."""
        self._check_fitted()
        p_slot = self._slot(self.posts_, post_id, "post")
        post = self._posts[p_slot]
        cols, weights = self._query(self.posts_, p_slot)
        slots, text = self.candidates_.scores(cols, weights)
        slots, text = _restrict(self.candidates_, slots, text, candidate_ids)
        keep = self._cand_edu[slots] >= self._post_edu[p_slot]
        slots, text = slots[keep], text[keep]
        towns = self._cand_towns[slots]
        town_fit = (towns == 0) | (self._post_town[p_slot] < 0) | ((towns >> max(self._post_town[p_slot], 0)) & 1 == 1)
        majors = self._post_major_sets[p_slot]
        major_fit = np.isin(self._cand_major[slots], list(majors)) if majors else np.ones(len(slots), bool)
        base = 1.0 + self.weights.major_fit * major_fit + self.weights.township * town_fit
        ranked = self._walk(
            slots, text, base, self.candidates_.ids, top,
            lambda slot: self._extra(post, self._profiles[slot].facts, as_of),
        )
        return [self._explain(p_slot, slot, as_of, True, score) for slot, score in ranked]

    def rank_posts(
        self, candidate_id: str, as_of: date, top: int = 10, post_ids: Collection[str] | None = None
    ) -> list[Result]:
        """The best posts a candidate may take (restricted to `post_ids` if given)."""
        self._check_fitted()
        c_slot = self._slot(self.candidates_, candidate_id, "candidate")
        profile = self._profiles[c_slot]
        cols, weights = self._query(self.candidates_, c_slot)
        slots, text = self.posts_.scores(cols, weights)
        slots, text = _restrict(self.posts_, slots, text, post_ids)
        keep = self._post_edu[slots] <= self._cand_edu[c_slot]
        slots, text = slots[keep], text[keep]
        towns, mask = self._post_town[slots], self._cand_towns[c_slot]
        town_fit = (mask == 0) | (towns < 0) | ((mask >> np.maximum(towns, 0)) & 1 == 1)
        major = self._cand_major[c_slot]
        major_fit = np.array([not self._post_major_sets[s] or major in self._post_major_sets[s] for s in slots], bool)
        base = 1.0 + self.weights.major_fit * major_fit + self.weights.township * town_fit
        ranked = self._walk(
            slots, text, base, self.posts_.ids, top,
            lambda slot: self._extra(self._posts[slot], profile.facts, as_of),
        )
        return [self._explain(slot, c_slot, as_of, False, score) for slot, score in ranked]

    def explain(self, post_id: str, candidate_id: str, as_of: date) -> Result:
        """The candidate's result for the post, ranked or not ("为何不推荐" when not eligible).

        Scored from the post's side, as `rank_candidates` scores it.
        """
        self._check_fitted()
        p_slot = self._slot(self.posts_, post_id, "post")
        c_slot = self._slot(self.candidates_, candidate_id, "candidate")
        return self._explain(p_slot, c_slot, as_of, True)

    def search_posts(self, query: str, top: int = 20, post_ids: Collection[str] | None = None) -> list[Hit]:
        """Keyword search of posts; an empty or all-stop-word query finds nothing."""
        self._check_fitted()
        counts = self._weigh(self.tokenizer.terms(query))
        cols = self.vocabulary_.columns(list(counts), grow=False)
        known = cols >= 0
        if not known.any():
            return []
        cols, weights = cols[known], np.array(list(counts.values()))[known]
        weights = weights * self.vocabulary_.idf[cols]
        weights /= np.sqrt(weights @ weights)
        order = np.argsort(cols)
        slots, scores = self.posts_.scores(cols[order], weights[order])
        slots, scores = _restrict(self.posts_, slots, scores, post_ids)
        best = sorted(zip(-scores, (self.posts_.ids[s] for s in slots), slots))[:top]
        words = {t for t in counts if t[0] not in (NEAR, BROAD)}
        concepts = {t for t in counts if t[0] in (NEAR, BROAD)}
        return [Hit(doc_id, float(-neg), self._highlights(self._posts[slot], words, concepts)) for neg, doc_id, slot in best]

    # -- saving -----------------------------------------------------------------------------

    def save(self, directory) -> None:
        """Arrays (.npz) and JSON metadata in `directory`; compacts the index first."""
        from matcher import storage

        self._check_fitted()
        self._compact()
        storage.save(self, directory)

    @classmethod
    def load(cls, directory, tokenizer: Tokenizer | None = None) -> Matcher:
        """An index saved by `save`; raises IndexVersionError for another version or dictionary."""
        from matcher import storage

        return storage.load(cls, directory, tokenizer)

    # -- internals --------------------------------------------------------------------------

    def _check_fitted(self) -> None:
        if not hasattr(self, "vocabulary_"):
            raise NotFittedError("Matcher is not fitted: call fit() or Matcher.load() first")

    @staticmethod
    def _slot(store: DocStore, doc_id: str, what: str) -> int:
        try:
            return store.slot_of[doc_id]
        except KeyError:
            raise KeyError(f"unknown {what} id: {doc_id}") from None

    def _post_terms(self, post: Post) -> Counter:
        fields = {
            "title": post.title, "majors": " ".join(post.majors), "industry": post.industry,
            "description": post.description, "requirements": post.requirements, "employer": post.employer,
        }
        return self._fields(fields, self.weights.post_fields())

    def _candidate_terms(self, candidate: Candidate) -> Counter:
        fields = {
            "desired": candidate.desired, "major": candidate.major,
            "skills": candidate.skills, "experience": candidate.experience,
        }
        return self._fields(fields, self.weights.candidate_fields())

    def _fields(self, texts: dict[str, str], weights) -> Counter:
        """Term → Σ over fields of field weight × (1 + ln count) × concept weight."""
        out: Counter = Counter()
        for name, weight in weights:
            for term, value in self._weigh(self.tokenizer.terms(texts[name])).items():
                out[term] += weight * value
        return out

    def _weigh(self, terms: list[str]) -> dict[str, float]:
        """Sublinear term frequency, with synonym concept terms weighed down."""
        factor = {NEAR: self.weights.near_synonym, BROAD: self.weights.broad_field}
        return {t: (1.0 + math.log(n)) * factor.get(t[0], 1.0) for t, n in Counter(terms).items()}

    @staticmethod
    def _row(terms: Counter, vocabulary: Vocabulary) -> tuple[np.ndarray, np.ndarray]:
        cols = vocabulary.columns(list(terms), grow=True)
        vals = np.fromiter(terms.values(), dtype=np.float32, count=len(terms))
        order = np.argsort(cols)
        return cols[order], vals[order]

    def _query(self, store: DocStore, slot: int) -> tuple[np.ndarray, np.ndarray]:
        """A document as a query: its strongest `query_terms` terms, in column order."""
        cols, weights = store.unit_query(slot)
        n = self.weights.query_terms
        if len(cols) > n:
            keep = np.sort(np.lexsort((cols, -weights))[:n])
            cols, weights = cols[keep], weights[keep]
        return cols, weights

    def _walk(self, slots, text, base, ids, top, extra) -> list[tuple[int, float]]:
        """Eligible (slot, score) pairs, best first, ties by id; exact despite stopping early.

        `extra(slot)` returns None for an ineligible document, else the shortlist boosts; the
        score is text × (base + extra) and extra ≤ max_extra_boost, so once text × (base + max)
        of the next document is below the top-th score, nothing later can enter.
        """
        bound = self.weights.max_extra_boost()
        best: list[tuple[float, str, int]] = []
        for slot, t, b in _descending(slots, text, base, ids):
            if len(best) >= top and t * (b + bound) < -best[top - 1][0]:
                break
            boost = extra(slot)
            if boost is None:
                continue
            best.append((-t * (b + boost), ids[slot], slot))
            best.sort()
        return [(slot, -neg) for neg, _, slot in best[:top]]

    def _extra(self, post: Post, facts: CandidateFacts, as_of: date) -> float | None:
        """None when not eligible, else the priority and freshness part of the multiplier."""
        if not check(post.kind, post.education_min, facts, as_of).eligible:
            return None
        prio = priority(post.kind, facts, as_of).score
        return self.weights.priority * prio + self.weights.freshness * self._freshness(post, as_of)

    def _freshness(self, post: Post, as_of: date) -> float:
        """1.0 for a post updated on `as_of`, falling to 0 after `freshness_days`."""
        if post.updated is None or post.updated > as_of:
            return 0.0
        return max(0.0, 1.0 - (as_of - post.updated).days / self.weights.freshness_days)

    def _explain(
        self, p_slot: int, c_slot: int, as_of: date, for_post: bool, score: float | None = None
    ) -> Result:
        """The Result of one pair: a candidate for a post (`for_post`) or a post for a candidate.

        `score`, when given, is the ranking's own figure (the same formula, summed in another
        order); otherwise it is computed here.
        """
        post, profile = self._posts[p_slot], self._profiles[c_slot]
        if for_post:
            cols, weights = self._query(self.posts_, p_slot)
            shared, parts = self.candidates_.dot(c_slot, cols, weights)
        else:
            cols, weights = self._query(self.candidates_, c_slot)
            shared, parts = self.posts_.dot(p_slot, cols, weights)
        major_fit = not post.majors or profile.major in post.majors
        town_fit = not post.township or not profile.townships or post.township in profile.townships
        decision = check(post.kind, post.education_min, profile.facts, as_of)
        prio = priority(post.kind, profile.facts, as_of)
        fresh = self._freshness(post, as_of)
        if score is None:
            multiplier = (
                1.0 + self.weights.major_fit * major_fit + self.weights.township * town_fit
                + self.weights.priority * prio.score + self.weights.freshness * fresh
            )
            score = float(parts.sum()) * multiplier
        why = explain.rules(decision, prio) if not decision.eligible else []
        why += explain.shared_terms([self.vocabulary_.terms[c] for c in shared], parts)
        why += explain.major_fit(post.majors, profile.major, major_fit)
        why += explain.township_fit(post.township, profile.townships)
        if decision.eligible:
            why += explain.rules(decision, prio)
            why += explain.freshness(_days(post.updated, as_of), self.weights.freshness_days)
        doc_id = profile.id if for_post else post.id
        return Result(id=doc_id, score=score, why=why, eligible=decision.eligible)

    def _highlights(self, post: Post, words: set[str], concepts: set[str]) -> tuple[str, ...]:
        """The post's own words that matched the query, directly or through a synonym."""
        found: dict[str, None] = {}
        for field in (post.title, post.description, post.requirements, " ".join(post.majors)):
            for word in self.tokenizer.words(field):
                if word in words or concepts.intersection(self.tokenizer.concepts(word)):
                    found.setdefault(word)
        return tuple(found)

    def _major_id(self, major: str) -> int:
        """A stable small integer per major name; −1 for none."""
        major = self.tokenizer.normalise(major).strip()
        if not major:
            return -1
        return self._majors.setdefault(major, len(self._majors))

    def _major_ids(self, majors: tuple[str, ...]) -> frozenset[int]:
        return frozenset(self._major_id(m) for m in majors if m.strip())

    def _maybe_compact(self) -> None:
        """Merge the delta segments once they grow past an eighth of the index (amortised)."""
        for store in (self.posts_, self.candidates_):
            if store.delta_size() > max(1024, store.n_slots // 8):
                self._compact()
                return

    def _compact(self) -> None:
        kept = self.posts_.compact()
        self._posts = [self._posts[s] for s in kept]
        self._post_edu, self._post_town = self._post_edu[kept], self._post_town[kept]
        self._post_major_sets = [self._post_major_sets[s] for s in kept]
        kept = self.candidates_.compact()
        self._profiles = [self._profiles[s] for s in kept]
        self._cand_edu, self._cand_towns = self._cand_edu[kept], self._cand_towns[kept]
        self._cand_major = self._cand_major[kept]


def _profile(candidate: Candidate) -> Profile:
    """A candidate without its free text; shared strings and sets are interned to save memory."""
    facts = candidate.facts()
    facts = CandidateFacts(
        education=sys.intern(facts.education), school=sys.intern(facts.school),
        birth_date=facts.birth_date, graduation_date=facts.graduation_date,
        groups=_GROUP_SETS.setdefault(facts.groups, facts.groups),
        unemployed_since=facts.unemployed_since, employed=facts.employed,
    )
    return Profile(candidate.id, facts, candidate.townships, sys.intern(candidate.major))


_GROUP_SETS: dict[frozenset, frozenset] = {}


def _town_index(township: str) -> int:
    return TOWNSHIPS.index(township) if township in _TOWNSHIP_BIT else -1


def _town_mask(townships: tuple[str, ...]) -> int:
    """Bit i set for the i-th township of policy.codes.TOWNSHIPS; 0 means "anywhere"."""
    mask = 0
    for township in townships:
        mask |= _TOWNSHIP_BIT.get(township, 0)
    return mask


def _days(day: date | None, as_of: date) -> int | None:
    return None if day is None or day > as_of else (as_of - day).days


def _restrict(store: DocStore, slots: np.ndarray, scores: np.ndarray, ids: Collection[str] | None):
    """Keep only the documents in `ids`; those the text did not touch come in with score 0."""
    if ids is None:
        return slots, scores
    wanted = np.array(sorted({store.slot_of[i] for i in ids if i in store.slot_of}), dtype=np.int64)
    full = np.zeros(len(wanted))
    hit = np.isin(slots, wanted)
    full[np.searchsorted(wanted, slots[hit])] = scores[hit]
    return wanted, full


def _descending(slots, text, base, ids) -> Iterator[tuple[int, float, float]]:
    """(slot, text, base) by text × base descending, ties by id, a chunk at a time.

    Each chunk takes every document at or above the chunk's threshold, so ties are never split
    between chunks and the order is the same as a full sort, without sorting everything.
    """
    score = text * base
    remaining = np.arange(len(slots))
    while len(remaining):
        k = min(_CHUNK, len(remaining))
        threshold = np.partition(score[remaining], len(remaining) - k)[len(remaining) - k]
        take = score[remaining] >= threshold
        chunk = remaining[take]
        remaining = remaining[~take]
        for i in sorted(chunk, key=lambda i: (-score[i], ids[slots[i]])):
            yield int(slots[i]), float(text[i]), float(base[i])
