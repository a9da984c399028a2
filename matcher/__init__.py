"""JobBridge's matcher: jieba tokenizer, TF-IDF index, rule-aware ranking with reasons.

Pure: imports neither Flask nor SQLAlchemy (tests/unit/test_matcher_imports.py checks), so the
web app, the batch CLI (`python -m matcher`), the evaluation and the benchmarks share it.
"""

__version__ = "0.2.0"

from matcher.corpus import NotFittedError  # noqa: E402
from matcher.engine import Matcher  # noqa: E402
from matcher.records import Candidate, Post, RecordError, candidate_from_dict, post_from_dict  # noqa: E402
from matcher.results import Hit, Reason, Result  # noqa: E402
from matcher.storage import IndexVersionError  # noqa: E402
from matcher.tokenizer import Tokenizer, load, tokenize  # noqa: E402

__all__ = [
    "Candidate",
    "Hit",
    "IndexVersionError",
    "Matcher",
    "NotFittedError",
    "Post",
    "Reason",
    "RecordError",
    "Result",
    "Tokenizer",
    "__version__",
    "candidate_from_dict",
    "load",
    "post_from_dict",
    "tokenize",
]
