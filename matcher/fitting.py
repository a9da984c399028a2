"""The full fit, built with scikit-learn: `DictVectorizer` turns every document's weighted terms
(matcher/terms.py) into one sparse matrix over one vocabulary (terms in order of first
appearance), and `TfidfTransformer` learns the smooth IDF over both sides from it.

Between two fits the index changes one document at a time (matcher/index.py keeps the document
frequencies and the fitted IDF, and gives a term first seen since the fit its IDF at once);
tests/ranking/test_incremental.py checks that this ranks like a fresh fit. The documents are
streamed: no list of every document's terms is held beside the matrix.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain

import numpy as np
from scipy import sparse

from matcher.index import Vocabulary


def fit_tfidf(documents: Iterable[dict[str, float]], n_posts: int
              ) -> tuple[Vocabulary, sparse.csr_matrix, sparse.csr_matrix]:
    """(vocabulary with the fitted IDF, the posts' rows, the candidates' rows): the first
    `n_posts` documents are posts, the others candidates.

    scikit-learn is imported here, not at the top: only a fit needs it, and every `flask`
    command (migrations, imports, user admin) would otherwise pay seconds to import it."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfTransformer

    stream = iter(documents)
    first = next(stream, None)
    if first is None:
        empty = sparse.csr_matrix((0, 0), dtype=np.float64)
        return Vocabulary(), empty, empty
    vectorizer = DictVectorizer(dtype=np.float64, sort=False)
    matrix = sparse.csr_matrix(vectorizer.fit_transform(chain([first], stream)))
    n_cols = len(vectorizer.feature_names_)
    if matrix.shape[0] and n_cols:
        idf = np.asarray(TfidfTransformer(norm=None, smooth_idf=True).fit(matrix).idf_, dtype=np.float64)
    else:
        idf = np.ones(n_cols)
    df = np.bincount(matrix.indices, minlength=n_cols)
    vocabulary = Vocabulary(list(vectorizer.feature_names_), df, idf, matrix.shape[0])
    return vocabulary, matrix[:n_posts], matrix[n_posts:]
