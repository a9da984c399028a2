"""Every weight the matcher uses, named and kept in one place (and saved with an index).

How a score is made (matcher/engine.py):
    text   = cosine of the two TF-IDF vectors (each field's term frequencies times its weight)
    score  = text × (1 + major_fit·[major fits] + township·[township fits]
                      + priority·policy.priority(...) + freshness·[post recently updated])
    order  = level of fit, then who is served first within it, then score (matcher/ordering.py)
The boosts multiply the text similarity on purpose: a fitting township or a priority group lifts a
candidate among people who do the same work, but never lifts unrelated work above related work.
Eligibility and minimum education are not weights: they are hard filters (policy/eligibility.py).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Weights:
    # Fields of a post: the title says the most, the employer's name the least.
    post_title: float = 3.0
    post_majors: float = 1.5
    post_industry: float = 1.0
    post_description: float = 1.0
    post_requirements: float = 0.7
    post_employer: float = 0.5
    # Fields of a profile: what a person wants to do says the most.
    candidate_desired: float = 3.0
    candidate_major: float = 1.5
    candidate_skills: float = 1.5
    candidate_experience: float = 1.0
    # Synonym concept terms (matcher/data/synonyms.txt) relative to a surface word.
    near_synonym: float = 0.8
    broad_field: float = 0.35
    # Multiplicative boosts of the text similarity.
    major_fit: float = 0.25
    township: float = 0.25
    wishes: float = 0.1  # the 期望月薪 and 全职/兼职 a person stated, as the townships
    priority: float = 0.1
    freshness: float = 0.05
    freshness_days: int = 30
    # The levels of fit (matcher/ordering.py): text similarity at or above which a pair is
    # 很匹配 / 较匹配, from `python -m evaluation.calibration` on the labelled dev set.
    fit_high: float = 0.07
    fit_mid: float = 0.006
    # A person at or above this education rank (policy.codes: 6 = 硕士) is far above a post
    # asking at most this one (2 = 高中): their level drops by one.
    # A post missing a person's wishes still goes first within its level when its text is this
    # many times the best wished post's (matcher/ordering.wished_first).
    much_better: float = 1.2
    simple_post_education: int = 2
    overqualified_education: int = 6
    # A query keeps its strongest terms only: faster, and a post's tail is mostly boilerplate.
    # Profiles are short and each of their terms counts, so they keep more.
    post_query_terms: int = 32
    candidate_query_terms: int = 64
    # The quick candidate search (matcher/impacts.py): postings read per query term, at most
    # how many in all (strongest terms first), and how many eligible candidates found there are
    # scored exactly. Chosen on the 100,000-profile synthetic corpus for top-10 agreement with
    # the exhaustive scorer (scripts/bench_matcher.py's corpus): 0.995 of its top 10 on average.
    posting_depth: int = 4000
    posting_budget: int = 30_000
    shortlist: int = 200

    def post_fields(self) -> tuple[tuple[str, float], ...]:
        return (
            ("title", self.post_title),
            ("majors", self.post_majors),
            ("industry", self.post_industry),
            ("description", self.post_description),
            ("requirements", self.post_requirements),
            ("employer", self.post_employer),
        )

    def candidate_fields(self) -> tuple[tuple[str, float], ...]:
        return (
            ("desired", self.candidate_desired),
            ("major", self.candidate_major),
            ("skills", self.candidate_skills),
            ("experience", self.candidate_experience),
        )

    def max_multiplier(self) -> float:
        """The largest factor the boosts can give a text similarity."""
        return 1.0 + self.major_fit + self.township + self.wishes + self.priority + self.freshness

    def to_dict(self) -> dict[str, float | int]:
        return asdict(self)


WEIGHTS = Weights()
