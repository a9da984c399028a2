"""What a document says, as weighted terms: the fields of a post or a profile tokenized, each
term's sublinear frequency times its field's weight and, for a synonym concept, its family's
weight (matcher/weights.py). The full fit and every update weigh documents here.

A person's occupation ("同类工作", the synonym concepts) is read from what they did — titles and
tasks — never from whom they did it for: the words of an employer's name in their experience
("在某纺织厂做会计实习") count as plain words only, without concepts, or an accounting intern would
count as a textile worker.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from matcher.index import Vocabulary
from matcher.records import Candidate, Post
from matcher.tokenizer import BROAD, NEAR, Tokenizer
from matcher.weights import Weights

EMPLOYER_NAME = re.compile(
    r"[\u4e00-\u9fffA-Za-z0-9（）()]{1,24}?"
    r"(?:有限责任公司|股份有限公司|有限公司|公司|集团|工厂|厂(?![长房区]))"
)
"""An organisation's name in free text: words up to a legal or trade suffix."""


def split_employers(text: str) -> tuple[str, str]:
    """(`text` without organisations' names, the names)."""
    return EMPLOYER_NAME.sub(" ", text), " ".join(EMPLOYER_NAME.findall(text))


class TermWeigher:
    def __init__(self, tokenizer: Tokenizer, weights: Weights):
        self.tokenizer = tokenizer
        self.weights = weights

    def post(self, post: Post) -> dict[str, float]:
        terms = self.tokenizer.terms
        fields = {
            "title": terms(post.title),
            "majors": terms(" ".join(post.majors)),
            "industry": terms(post.industry),
            "description": terms(post.description),
            "requirements": terms(post.requirements),
            "employer": terms(post.employer),
        }
        return self._fields(fields, self.weights.post_fields())

    def candidate(self, candidate: Candidate) -> dict[str, float]:
        terms = self.tokenizer.terms
        did, employers = split_employers(candidate.experience)
        fields = {
            "desired": terms(candidate.desired),
            "major": terms(candidate.major),
            "skills": terms(candidate.skills),
            "experience": terms(did) + self.tokenizer.words(employers),
        }
        return self._fields(fields, self.weights.candidate_fields())

    def query(self, text: str) -> dict[str, float]:
        """A search query's terms, weighed as a document's are."""
        return self.weigh(self.tokenizer.terms(text))

    def weigh(self, terms: list[str]) -> dict[str, float]:
        """Sublinear term frequency, with synonym concept terms weighed down."""
        factor = {NEAR: self.weights.near_synonym, BROAD: self.weights.broad_field}
        return {t: (1.0 + math.log(n)) * factor.get(t[0], 1.0) for t, n in Counter(terms).items()}

    def _fields(self, terms: dict[str, list[str]], weights: Iterable[tuple[str, float]]) -> dict[str, float]:
        """Term → Σ over fields of field weight × (1 + ln count) × concept weight."""
        out: dict[str, float] = {}
        for name, weight in weights:
            for term, value in self.weigh(terms[name]).items():
                out[term] = out.get(term, 0) + weight * value
        return out


def row(terms: dict[str, float], vocabulary: Vocabulary
        ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """A document's (columns, values) in column order; new terms join the vocabulary."""
    cols = vocabulary.columns(list(terms), grow=True)
    vals = np.fromiter(terms.values(), dtype=np.float32, count=len(terms))
    order = np.argsort(cols)
    return cols[order], vals[order]


def split_terms(counts: Iterable[str]) -> tuple[set[str], set[str]]:
    """Query terms that are the post's own words, and those that stand for a synonym family."""
    terms = list(counts)
    words = {t for t in terms if t[0] not in (NEAR, BROAD)}
    return words, {t for t in terms if t[0] in (NEAR, BROAD)}
