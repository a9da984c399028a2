"""Chinese text to index terms: normalise, segment with jieba's search granularity, add synonyms.

Why each step:
- Normalisation (NFKC: full-width to half-width, lower case, a small traditional-to-simplified
  table) makes "ＥＸＣＥＬ", "Excel" and "excel", or "會計" and "会计", one term.
- `cut_for_search` also emits the dictionary words inside a long word, so "农业" finds
  "农业银行" and "处理" finds "待处理" — the usual recall complaint about plain `cut`.
- The project's user dictionary (`data/userdict.txt`) keeps occupations, skills, majors,
  certificates, Changle place names and policy terms whole; every synonym is added to it too, so a
  synonym always comes out as one token.
- Synonyms (`data/synonyms.txt`) are groups, applied symmetrically: each member adds the group's
  concept term, so 出纳 and 会计 share "=出纳" whichever of them a text uses. "=" groups are
  near-synonyms (the same work); "~" groups are neighbouring work and weigh less in the index.
- Stop words (`data/stopwords.txt`) drop the boilerplate every posting and profile shares.

Each `Tokenizer` owns its segmenter (a dedicated `jieba.Tokenizer` or `rjieba.Jieba`), never the
global one, and is built once at start-up by `load()`; `tokenize()` is the module-level function
scikit-learn and the baselines can take (`token_pattern=None`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
DICTIONARY_FILES = ("userdict.txt", "stopwords.txt", "synonyms.txt", "t2s.txt")
BACKENDS = ("rjieba", "jieba")
DEFAULT_BACKEND = "rjieba"
"""rjieba (jieba-rs) segments with jieba's algorithm and dictionary, much faster (see README of
the index metadata: `tokenizer_backend`); jieba remains selectable for comparison."""

NEAR, BROAD = "=", "~"
"""Prefixes of concept terms: near-synonym groups and broader neighbouring-work groups."""

_KEEP = re.compile(r"[0-9a-z\u4e00-\u9fff][0-9a-z\u4e00-\u9fff+#.\-]*")
_DIGITS = re.compile(r"[0-9.\-]+")


class Tokenizer:
    """A segmenter with the project's dictionaries; build once, then call from any thread."""

    def __init__(self, backend: str = DEFAULT_BACKEND, data_dir: Path = DATA_DIR):
        if backend not in BACKENDS:
            raise ValueError(f"unknown tokenizer backend {backend!r}; use one of {BACKENDS}")
        self.backend = backend
        self.dictionary_hash = _hash_files(data_dir)
        self._t2s = _read_t2s(data_dir / "t2s.txt")
        self.stopwords = frozenset(self.normalise(w) for w in _read_words(data_dir / "stopwords.txt"))
        self.synonyms = _read_synonyms(data_dir / "synonyms.txt", self.normalise)
        words = _read_userdict(data_dir / "userdict.txt", self.normalise)
        for word in self.synonyms:
            words.setdefault(word, (None, None))
        self.lexicon = frozenset(words)
        """The project's own words (user dictionary and synonyms): words with a known meaning."""
        self._segment = _segmenter(backend, words)

    def normalise(self, text: str) -> str:
        """Full-width to half-width, lower case, traditional characters to simplified."""
        return unicodedata.normalize("NFKC", text).lower().translate(self._t2s)

    def words(self, text: str) -> list[str]:
        """The surface terms of `text`: search-granularity words without stop words or noise.

        A stop word also drops the shorter words found inside it ("无所谓" takes "所谓" along).
        """
        return [word for word, _, _ in self._spans(text)]

    def whole_words(self, text: str) -> list[tuple[str, tuple[str, ...]]]:
        """The longest words of `text` in order, stop words included, each with the surface
        terms found inside it: how a query is read, so "工程师" asks for engineers, not for
        "工程", and "兼职" can be named when nothing matches it."""
        spans = self._spans(text, with_stops=True)
        out = []
        for word, a, b in sorted(spans, key=lambda span: (span[1], -span[2])):
            if not any(c <= a and b <= d and d - c > b - a for _, c, d in spans):
                inside = tuple(w for w, c, d in spans if a <= c and d <= b and d - c < b - a
                               and w not in self.stopwords)
                out.append((word, inside))
        return out

    def _spans(self, text: str, with_stops: bool = False) -> list[tuple[str, int, int]]:
        """(word, start, end) of the surface terms `words` returns (and stop words if asked)."""
        if not text:
            return []
        stopwords, keep, digits = self.stopwords, _KEEP.fullmatch, _DIGITS.fullmatch
        spans = [(w.strip(), start, end) for w, start, end in self._segment(self.normalise(text))]
        stops = [(start, end) for w, start, end in spans if w in stopwords]
        stopped = {i for a, b in stops for i in range(a, b)}  # a word inside a stop word starts here
        out = []
        for word, start, end in spans:
            if len(word) < 2 or digits(word) or not keep(word):
                continue
            if word in stopwords:
                if with_stops:
                    out.append((word, start, end))
                continue
            if start in stopped and any(a <= start and end <= b for a, b in stops):
                continue
            out.append((word, start, end))
        return out

    def concepts(self, word: str) -> tuple[str, ...]:
        """The concept terms (e.g. "=出纳", "~会计") a normalised word belongs to."""
        return self.synonyms.get(word, ())

    def terms(self, text: str) -> list[str]:
        """Surface terms followed by the concept terms of their synonym groups."""
        words = self.words(text)
        return words + [c for w in words for c in self.synonyms.get(w, ())]


_default: Tokenizer | None = None


def load(backend: str = DEFAULT_BACKEND) -> Tokenizer:
    """Build the process's shared tokenizer (at start-up); later calls return the same one."""
    global _default
    if _default is None or _default.backend != backend:
        _default = Tokenizer(backend)
    return _default


def tokenize(text: str) -> list[str]:
    """Index terms of `text` with the shared tokenizer; `load()` must have been called."""
    if _default is None:
        raise RuntimeError("matcher.tokenizer.load() must be called at start-up before tokenize()")
    return _default.terms(text)


def _segmenter(backend: str, words: dict[str, tuple[int | None, str | None]]
               ) -> Callable[[str], list[tuple[str, int, int]]]:
    """A search-mode `tokenize` (word, start, end) of a dedicated segmenter with the user words.

    jieba's search mode adds the 2- and 3-character dictionary words inside a longer word; the
    longer ones are added here too, so "公益性岗位" is found inside "临时性公益岗位".
    """
    if backend == "rjieba":
        import rjieba

        engine = rjieba.Jieba()
        for word, (freq, tag) in words.items():
            engine.add_word(word, freq, tag)
        def search(text: str) -> list[tuple[str, int, int]]:
            return list(engine.tokenize(text, mode="search"))

        def known(word: str) -> bool:
            return bool(engine.has_word(word))
    else:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        engine = jieba.Tokenizer()
        engine.initialize()
        for word, (freq, tag) in words.items():
            engine.add_word(word, freq, tag)
        def search(text: str) -> list[tuple[str, int, int]]:
            return list(engine.tokenize(text, mode="search"))

        def known(word: str) -> bool:
            return bool(engine.FREQ.get(word))

    def segment(text: str) -> list[tuple[str, int, int]]:
        spans = search(text)
        for word, start, _ in list(spans):
            for size in range(4, len(word)):
                for i in range(len(word) - size + 1):
                    if known(word[i : i + size]):
                        spans.append((word[i : i + size], start + i, start + i + size))
        return spans

    return segment


def _lines(path: Path) -> list[str]:
    """Non-empty lines without `#` comments."""
    lines = []
    for line in path.read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            lines.append(line)
    return lines


def _read_words(path: Path) -> list[str]:
    return [w for line in _lines(path) for w in line.split()]


def _read_userdict(path: Path, normalise: Callable[[str], str]) -> dict[str, tuple[int | None, str | None]]:
    """jieba's `word [freq] [tag]` lines; a missing frequency lets the segmenter choose one."""
    words: dict[str, tuple[int | None, str | None]] = {}
    for line in _lines(path):
        parts = line.split()
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else None
        words[normalise(parts[0])] = (freq, tag)
    return words


def _read_synonyms(path: Path, normalise: Callable[[str], str]) -> dict[str, tuple[str, ...]]:
    """`= a b c` and `~ a b c` lines to word → concept terms; a word may be in several groups."""
    concepts: dict[str, list[str]] = {}
    for line in _lines(path):
        kind, *members = line.split()
        if kind not in (NEAR, BROAD) or len(members) < 2:
            raise ValueError(f"{path.name}: a line is '= word word ...' or '~ word word ...': {line!r}")
        members = [normalise(m) for m in members]
        concept = kind + members[0]
        for member in members:
            if concept not in concepts.setdefault(member, []):
                concepts[member].append(concept)
    return {word: tuple(terms) for word, terms in concepts.items()}


def _read_t2s(path: Path) -> dict[int, str]:
    """Lines of `traditional simplified` character strings of equal length."""
    table: dict[int, str] = {}
    for line in _lines(path):
        traditional, simplified = line.split()
        table.update({ord(t): s for t, s in zip(traditional, simplified, strict=True)})
    return table


def _hash_files(data_dir: Path) -> str:
    """SHA-256 over the dictionaries, stored with an index so a changed dictionary is noticed."""
    digest = hashlib.sha256()
    for name in DICTIONARY_FILES:
        digest.update(name.encode())
        digest.update((data_dir / name).read_bytes())
    return digest.hexdigest()
