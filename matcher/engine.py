"""The matcher: ranks candidates for a post and posts for a candidate, and searches posts.

Building is separate from querying (as in bm25s and scikit-learn): `Matcher(...)` only holds the
tokenizer and the weights, `fit()` builds the index (attributes ending in `_`), and the queries
check that it was fitted. A ranking has three steps, all on arrays:

1. text: the TF-IDF cosine over the query's own postings (matcher/index.py);
2. the hard filters — the education minimum and the kind's rule — on the documents touched
   (matcher/profiles.py mirrors policy/eligibility.py there; the policy itself decides every
   result shown, and its reasons become the explanation);
3. the boosts of matcher/weights.py (major, township, priority group, freshness), after
   dropping what cannot reach the top even with every boost.
Ties break by id, so the same index and question always give the same list.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Collection, Iterable
from datetime import date
from functools import lru_cache

import numpy as np
from scipy import sparse

from matcher import explain
from matcher.index import DocStore, Vocabulary
from matcher.profiles import CandidateColumns
from matcher.records import Candidate, Post
from matcher.results import Hit, Reason, Result
from matcher.tokenizer import BROAD, NEAR, Tokenizer, load
from matcher.weights import WEIGHTS, Weights
from policy.codes import GROUP_LABELS, POST_KINDS, SENSITIVE_GROUPS, TOWNSHIPS, education_rank
from policy.eligibility import check, priority

HIGHLIGHT_TEXTS = 8192
"""Post texts whose words are kept for highlighting (four fields of ~2,000 posts)."""


class NotFittedError(RuntimeError):
    """A query or update on a Matcher that was neither fitted nor loaded."""


class Matcher:
    def __init__(self, tokenizer: Tokenizer | None = None, weights: Weights = WEIGHTS):
        self.tokenizer = tokenizer or load()
        self.weights = weights
        self._hidden_terms = _sensitive_terms(self.tokenizer)
        # Highlighting re-reads the words of the posts a listing shows on every search; the
        # same few hundred texts come back again and again, so their words are kept.
        self._words = lru_cache(maxsize=HIGHLIGHT_TEXTS)(lambda text: tuple(self.tokenizer.words(text)))

    # -- building ---------------------------------------------------------------------------

    def fit(self, posts: Iterable[Post], candidates: Iterable[Candidate]) -> Matcher:
        """Tokenize everything and build both sides over one vocabulary and IDF.

        Rows go straight into flat arrays, one document at a time, so the peak memory is the
        index's, not a dictionary per document.
        """
        vocabulary = Vocabulary()
        posts = list(posts)
        post_rows = _RowBuffer()
        for post in posts:
            post_rows.append(*self._row(self._post_terms(post), vocabulary))
        columns = CandidateColumns(self.tokenizer.normalise)
        candidate_rows, candidate_ids = _RowBuffer(), []
        for candidate in candidates:
            candidate_ids.append(candidate.id)
            columns.append(candidate)
            candidate_rows.append(*self._row(self._candidate_terms(candidate), vocabulary))
        post_csr, candidate_csr = post_rows.csr(len(vocabulary)), candidate_rows.csr(len(vocabulary))
        vocabulary.df = np.bincount(post_csr.indices, minlength=len(vocabulary)) + np.bincount(
            candidate_csr.indices, minlength=len(vocabulary)
        )
        vocabulary.n_docs = len(posts) + len(candidate_ids)
        vocabulary.refit()
        self.vocabulary_ = vocabulary
        self._set(posts, post_csr, candidate_ids, columns, candidate_csr)
        return self

    def _set(self, posts, post_csr, candidate_ids, columns, candidate_csr) -> None:
        """Install built rows and records (from `fit` or `load`)."""
        self.posts_ = DocStore(self.vocabulary_, self.weights.posting_depth)
        self.posts_.build([p.id for p in posts], post_csr)
        self.candidates_ = DocStore(self.vocabulary_, self.weights.posting_depth)
        self.candidates_.build(candidate_ids, candidate_csr)
        self.columns_ = columns
        self._posts: list[Post | None] = list(posts)
        self._post_edu = np.array([education_rank(p.education_min) for p in posts], dtype=np.int8)
        self._post_town = np.array([_town_index(p.township) for p in posts], dtype=np.int8)
        self._post_kind = np.array([POST_KINDS.index(p.kind) for p in posts], dtype=np.int8)
        self._post_majors = [self._major_ids(p.majors) for p in posts]

    def refit(self) -> Matcher:
        """Recompute the IDF from the current documents and compact both sides."""
        self._check_fitted()
        self.vocabulary_.refit()
        self._compact()
        return self

    def add_post(self, post: Post) -> None:
        self._check_fitted()
        # Everything that can refuse the post first: a half-added post would shift the arrays.
        kind, edu = POST_KINDS.index(post.kind), education_rank(post.education_min)
        town = _town_index(post.township)
        self.posts_.add(post.id, *self._row(self._post_terms(post), self.vocabulary_))
        self._posts.append(post)
        self._post_edu = np.append(self._post_edu, np.int8(edu))
        self._post_town = np.append(self._post_town, np.int8(town))
        self._post_kind = np.append(self._post_kind, np.int8(kind))
        self._post_majors.append(self._major_ids(post.majors))
        self._maybe_compact()

    def remove_post(self, post_id: str) -> None:
        self._check_fitted()
        self._posts[self.posts_.remove(post_id)] = None

    def replace_post(self, post: Post) -> None:
        self.remove_post(post.id)
        self.add_post(post)

    def add_candidate(self, candidate: Candidate) -> None:
        self._check_fitted()
        self.candidates_.add(candidate.id, *self._row(self._candidate_terms(candidate), self.vocabulary_))
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

    # -- querying ---------------------------------------------------------------------------

    def rank_candidates(
        self,
        post_id: str,
        as_of: date,
        top: int = 10,
        candidate_ids: Collection[str] | None = None,
        exhaustive: bool = False,
    ) -> list[Result]:
        """The best eligible candidates for a post (restricted to `candidate_ids` if given).

        Candidates are found among the best postings of each of the post's terms
        (matcher/impacts.py); the eligible ones that look best there are scored exactly.
        `exhaustive` scores every candidate sharing a term instead: the reference the quick
        search is measured against, and what a `candidate_ids` restriction (applicants) uses.
        """
        self._check_fitted()
        p_slot = self._slot(self.posts_, post_id, "post")
        post = self._posts[p_slot]
        cols, weights = self._query(self.posts_, p_slot)
        if exhaustive or candidate_ids is not None:
            slots, text = self.candidates_.scores(cols, weights)
            slots, text = _restrict(self.candidates_, slots, text, candidate_ids)
            keep = self.columns_.eligible(post.kind, post.education_min, slots, as_of)
            slots, text = slots[keep], text[keep]
        else:
            allowed = self.columns_.eligible_mask(post.kind, post.education_min, as_of)
            slots, partial = self.candidates_.shortlist(cols, weights, allowed, self.weights.posting_budget)
            slots = _best(slots, partial, self.weights.shortlist)
            text = self.candidates_.exact(slots, cols, weights)
        slots, text = self._cut(slots, text, top)
        towns, town = self.columns_["towns"][slots], self._post_town[p_slot]
        town_fit = (towns == 0) | (town < 0) | ((towns >> max(town, 0)) & 1 == 1)
        majors = self._post_majors[p_slot]
        major_fit = (
            np.isin(self.columns_["major"][slots], list(majors)) if majors else np.ones(len(slots), bool)
        )
        w = self.weights
        multiplier = (
            1.0
            + w.major_fit * major_fit
            + w.township * town_fit
            + w.priority * self.columns_.priority(post.kind, slots, as_of)
            + w.freshness * self._freshness(post, as_of)
        )
        ranked = _top(slots, text * multiplier, self.candidates_.ids, top)
        return [self._explain(p_slot, slot, as_of, True, score, (cols, weights)) for slot, score in ranked]

    def rank_posts(
        self, candidate_id: str, as_of: date, top: int = 10, post_ids: Collection[str] | None = None
    ) -> list[Result]:
        """The best posts a candidate may take (restricted to `post_ids` if given)."""
        self._check_fitted()
        c_slot = self._slot(self.candidates_, candidate_id, "candidate")
        facts = self.columns_.facts(c_slot)
        cols, weights = self._query(self.candidates_, c_slot)
        slots, text = self.posts_.scores(cols, weights)
        slots, text = _restrict(self.posts_, slots, text, post_ids)
        # Eligibility is the education minimum and the kind's own rule: three checks, not one a post.
        kind_ok = np.array([check(kind, "none", facts, as_of).eligible for kind in POST_KINDS])
        keep = (self._post_edu[slots] <= education_rank(facts.education)) & kind_ok[self._post_kind[slots]]
        slots, text = self._cut(slots[keep], text[keep], top)
        towns, mask = self._post_town[slots], self.columns_["towns"][c_slot]
        town_fit = (mask == 0) | (towns < 0) | ((mask >> np.maximum(towns, 0)) & 1 == 1)
        major = self.columns_["major"][c_slot]
        major_fit = np.array([not self._post_majors[s] or major in self._post_majors[s] for s in slots], bool)
        w = self.weights
        boost = np.array([w.priority * priority(kind, facts, as_of).score for kind in POST_KINDS])
        multiplier = (
            1.0
            + w.major_fit * major_fit
            + w.township * town_fit
            + boost[self._post_kind[slots]]
            + w.freshness * np.array([self._freshness(self._posts[s], as_of) for s in slots])
        )
        ranked = _top(slots, text * multiplier, self.posts_.ids, top)
        return [self._explain(slot, c_slot, as_of, False, score, (cols, weights)) for slot, score in ranked]

    def explain(self, post_id: str, candidate_id: str, as_of: date) -> Result:
        """The candidate's result for the post, ranked or not ("为何不推荐" when not eligible).

        Scored from the post's side, as `rank_candidates` scores it.
        """
        self._check_fitted()
        p_slot = self._slot(self.posts_, post_id, "post")
        c_slot = self._slot(self.candidates_, candidate_id, "candidate")
        return self._explain(p_slot, c_slot, as_of, True)

    def search_posts(
        self, query: str, top: int = 20, post_ids: Collection[str] | None = None,
        highlight: bool = True,
    ) -> list[Hit]:
        """Keyword search of posts; an empty or all-stop-word query finds nothing.

        `highlight=False` leaves `terms` empty: a listing that pages through hundreds of hits
        asks `highlights()` for the page it shows instead (re-reading every post's text for
        every hit costs more than the search itself).
        """
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
        best = sorted(zip(-scores, (self.posts_.ids[s] for s in slots), slots, strict=True))[:top]
        words, concepts = _split_terms(counts)
        return [
            Hit(doc_id, float(-neg),
                self._highlights(self._posts[slot], words, concepts) if highlight else ())
            for neg, doc_id, slot in best
        ]

    def highlights(self, query: str, post_ids: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """For each indexed post of `post_ids`, its words that `query` matched."""
        self._check_fitted()
        words, concepts = _split_terms(self._weigh(self.tokenizer.terms(query)))
        return {
            doc_id: self._highlights(self._posts[self.posts_.slot_of[doc_id]], words, concepts)
            for doc_id in post_ids if doc_id in self.posts_.slot_of
        }

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
            "title": post.title,
            "majors": " ".join(post.majors),
            "industry": post.industry,
            "description": post.description,
            "requirements": post.requirements,
            "employer": post.employer,
        }
        return self._fields(fields, self.weights.post_fields())

    def _candidate_terms(self, candidate: Candidate) -> Counter:
        fields = {
            "desired": candidate.desired,
            "major": candidate.major,
            "skills": candidate.skills,
            "experience": candidate.experience,
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
        """A document as a query: its strongest terms (weights.*_query_terms), in column order."""
        cols, weights = store.unit_query(slot)
        w = self.weights
        n = w.post_query_terms if store is self.posts_ else w.candidate_query_terms
        if len(cols) > n:
            keep = np.sort(np.lexsort((cols, -weights))[:n])
            cols, weights = cols[keep], weights[keep]
        return cols, weights

    def _cut(self, slots: np.ndarray, text: np.ndarray, top: int) -> tuple[np.ndarray, np.ndarray]:
        """Drop documents that cannot reach the top even with every boost.

        Each of the best `top` ends with at least its text score (the multiplier is ≥ 1), so a
        document whose text × the largest multiplier is below the top-th text score cannot pass it.
        """
        if len(text) <= top:
            return slots, text
        kth = np.partition(text, len(text) - top)[len(text) - top]
        keep = text * self.weights.max_multiplier() >= kth
        return slots[keep], text[keep]

    def _freshness(self, post: Post, as_of: date) -> float:
        """1.0 for a post updated on `as_of`, falling to 0 after `freshness_days`."""
        if post.updated is None or post.updated > as_of:
            return 0.0
        return max(0.0, 1.0 - (as_of - post.updated).days / self.weights.freshness_days)

    def _explain(
        self, p_slot: int, c_slot: int, as_of: date, for_post: bool, score: float | None = None, query=None
    ) -> Result:
        """The Result of one pair: a candidate for a post (`for_post`) or a post for a candidate.

        `score` and `query`, when given, are the ranking's own (the score is the same formula,
        summed in another order) and the reasons wait until they are read; otherwise all is
        computed here. Read later, the reasons find both documents again by id, so an index
        changed in between explains with what it holds then (or refuses a removed document).
        """
        def asked(p: int, c: int) -> tuple[np.ndarray, np.ndarray]:
            return self._query(self.posts_, p) if for_post else self._query(self.candidates_, c)

        query = query or asked(p_slot, c_slot)
        post_id, candidate_id = self.posts_.ids[p_slot], self.candidates_.ids[c_slot]
        doc_id = candidate_id if for_post else post_id

        def details() -> tuple[bool, tuple[Reason, ...], float]:
            p_now = self._slot(self.posts_, post_id, "post")
            c_now = self._slot(self.candidates_, candidate_id, "candidate")
            # A replaced document has a new slot (and compaction moves every slot): then the
            # query is taken again from the documents as they are now, so the reasons never
            # mix an old text with a new one.
            now = query if (p_now, c_now) == (p_slot, c_slot) else asked(p_now, c_now)
            return self._details(p_now, c_now, as_of, for_post, now)

        if score is None:
            eligible, reasons, score = details()
            return Result.known(doc_id, score, eligible, reasons)
        return Result(doc_id, score, lambda: details()[:2])

    def _details(self, p_slot: int, c_slot: int, as_of: date, for_post: bool, query
                 ) -> tuple[bool, tuple[Reason, ...], float]:
        """(eligible by the policy, the reasons, the score) of one pair."""
        post, columns = self._posts[p_slot], self.columns_
        facts, townships, major = columns.facts(c_slot), columns.townships(c_slot), columns.major(c_slot)
        cols, weights = query
        if for_post:
            shared, parts = self.candidates_.dot(c_slot, cols, weights)
        else:
            shared, parts = self.posts_.dot(p_slot, cols, weights)
        major_fit = not post.majors or columns["major"][c_slot] in self._post_majors[p_slot]
        town_fit = not post.township or not townships or post.township in townships
        decision = check(post.kind, post.education_min, facts, as_of)
        prio = priority(post.kind, facts, as_of)
        fresh = self._freshness(post, as_of)
        multiplier = (
            1.0
            + self.weights.major_fit * major_fit
            + self.weights.township * town_fit
            + self.weights.priority * prio.score
            + self.weights.freshness * fresh
        )
        reasons = explain.rules(decision, prio) if not decision.eligible else []
        terms = [self.vocabulary_.terms[c] for c in shared.tolist()]
        reasons += explain.shared_terms(terms, parts.tolist(), self._hidden_terms)
        reasons += explain.major_fit(post.majors, major, major_fit)
        reasons += explain.township_fit(post.township, townships)
        if decision.eligible:
            reasons += explain.rules(decision, prio)
            reasons += explain.freshness(_days(post.updated, as_of), self.weights.freshness_days)
        return decision.eligible, tuple(reasons), float(parts.sum()) * multiplier

    def _highlights(self, post: Post, words: set[str], concepts: set[str]) -> tuple[str, ...]:
        """The post's own words that matched the query, directly or through a synonym."""
        found: dict[str, None] = {}
        for field in (post.title, post.description, post.requirements, " ".join(post.majors)):
            for word in self._words(field):
                if word in words or concepts.intersection(self.tokenizer.concepts(word)):
                    found.setdefault(word)
        return tuple(found)

    def _major_ids(self, majors: tuple[str, ...]) -> frozenset[int]:
        return frozenset(self.columns_.major_id(m) for m in majors if m.strip())

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
        self._post_kind = self._post_kind[kept]
        self._post_majors = [self._post_majors[s] for s in kept]
        self.columns_.keep(self.candidates_.compact())


class _RowBuffer:
    """Rows of (columns, values) appended into flat arrays, for building a CSR matrix."""

    def __init__(self):
        self.cols, self.vals, self.lengths = array("q"), array("f"), array("q")

    def append(self, cols: np.ndarray, vals: np.ndarray) -> None:
        self.cols.extend(cols.tolist())
        self.vals.extend(vals.tolist())
        self.lengths.append(len(cols))

    def csr(self, n_cols: int) -> sparse.csr_matrix:
        indptr = np.zeros(len(self.lengths) + 1, dtype=np.int64)
        np.cumsum(np.frombuffer(self.lengths, dtype=np.int64), out=indptr[1:])
        cols = np.frombuffer(self.cols, dtype=np.int64)
        vals = np.frombuffer(self.vals, dtype=np.float32)
        return sparse.csr_matrix((vals, cols, indptr), shape=(len(self.lengths), n_cols))


def _sensitive_terms(tokenizer: Tokenizer) -> frozenset[str]:
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


def _town_index(township: str) -> int:
    return TOWNSHIPS.index(township) if township in TOWNSHIPS else -1


def _days(day: date | None, as_of: date) -> int | None:
    return None if day is None or day > as_of else (as_of - day).days


def _split_terms(counts) -> tuple[set[str], set[str]]:
    """Query terms that are the post's own words, and those that stand for a synonym family."""
    words = {t for t in counts if t[0] not in (NEAR, BROAD)}
    return words, {t for t in counts if t[0] in (NEAR, BROAD)}


def _restrict(store: DocStore, slots: np.ndarray, scores: np.ndarray, ids: Collection[str] | None):
    """Keep only the documents in `ids`; those the text did not touch come in with score 0."""
    if ids is None:
        return slots, scores
    wanted = np.array(sorted({store.slot_of[i] for i in ids if i in store.slot_of}), dtype=np.int64)
    full = np.zeros(len(wanted))
    hit = np.isin(slots, wanted)
    full[np.searchsorted(wanted, slots[hit])] = scores[hit]
    return wanted, full


def _best(slots: np.ndarray, scores: np.ndarray, n: int) -> np.ndarray:
    """The slots of the `n` highest scores, and every slot tied with the n-th."""
    if len(scores) <= n:
        return slots
    kth = np.partition(scores, len(scores) - n)[len(scores) - n]
    return slots[scores >= kth]


def _top(slots: np.ndarray, scores: np.ndarray, ids: list[str], top: int) -> list[tuple[int, float]]:
    """The `top` best (slot, score), ties by id: everything at or above the top-th score is sorted,
    so a tie at the cut is decided by id too."""
    if len(scores) > top:
        kth = np.partition(scores, len(scores) - top)[len(scores) - top]
        keep = scores >= kth
        slots, scores = slots[keep], scores[keep]
    order = sorted(range(len(slots)), key=lambda i: (-scores[i], ids[slots[i]]))[:top]
    return [(int(slots[i]), float(scores[i])) for i in order]
