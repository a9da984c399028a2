"""What a search query asks for, read the way people type it on a phone.

A query is split into the words it asks for, each kept with the index terms that match it
*directly* (the word itself and its near-synonym family) apart from those of neighbouring work
(the broad families), which only ever suggest related posts. Besides words it can name:
- a township ("潭头", "漳港街道"): its posts come first, the others follow;
- a post kind ("见习", "公益性岗位"): the same;
- an everyday phrase ("扫马路", "搬货"): searched as the occupation words it means
  (matcher/data/queries.txt), and named as typed;
- filler ("上班", "会用"): dropped; a stop word typed as a word of its own ("兼职") is named as
  asked for but unanswerable, so the page can say that nothing matched it.
A query word is read whole ("工程师" is not "工程"), unless it is a generic compound made of
the project's own words ("英语老师" = "英语" + "老师"), which are then asked for one by one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from matcher.tokenizer import BROAD, DATA_DIR, NEAR, Tokenizer
from policy.codes import POST_KINDS, TOWNSHIPS

QUERY_FILE = DATA_DIR / "queries.txt"
_SPLIT = re.compile(r"[\s,，、;；/|+。.!！?？:：]+")
_PLACE_SUFFIX = re.compile(r"(街道|镇|乡)$")
_HAN = re.compile(r"[\u4e00-\u9fff]")
WORDS_KEPT = 10_000
"""Words read (with their terms) kept by a reader: people ask for the same few thousand."""


@dataclass(frozen=True)
class Word:
    """One thing the query asks for: `label` as the page names it, and its index terms."""

    label: str
    direct: tuple[str, ...]
    broad: tuple[str, ...]
    by_sound: bool = False  # no word could be read in it ("会记"): only its sound may mean one


@dataclass(frozen=True)
class Query:
    words: tuple[Word, ...]
    unanswerable: tuple[str, ...]  # asked for, but no index term can say (stop words: "兼职")
    townships: frozenset[str]
    kinds: frozenset[str]


class QueryReader:
    def __init__(self, tokenizer: Tokenizer, path: Path = QUERY_FILE):
        self.tokenizer = tokenizer
        self.everyday: dict[str, tuple[str, ...]] = {}
        self.fillers: set[str] = set()
        self.kinds: dict[str, str] = {}
        _read(path, tokenizer.normalise, self.everyday, self.fillers, self.kinds)
        self.places = {tokenizer.normalise(t): t for t in TOWNSHIPS}
        self.places.update({_PLACE_SUFFIX.sub("", name): t for name, t in list(self.places.items())})
        named = [*self.everyday, *self.kinds, *self.places]
        self.phrases = sorted(named, key=lambda p: (-len(p), p))
        self._read: dict[tuple[str, tuple[str, ...]], Word] = {}

    def read(self, text: str) -> Query:
        words: dict[str, Word] = {}
        unanswerable: list[str] = []
        towns: set[str] = set()
        kinds: set[str] = set()
        for part in _SPLIT.split(self.tokenizer.normalise(text)):
            for phrase in self.phrases:
                if phrase not in part:
                    continue
                part = part.replace(phrase, " ")
                if phrase in self.places:
                    towns.add(self.places[phrase])
                elif phrase in self.kinds:
                    kinds.add(self.kinds[phrase])
                else:
                    words.setdefault(phrase, self.word(phrase, self.everyday[phrase]))
            for piece in part.split():
                found = self.tokenizer.whole_words(piece)
                if not found and len(_HAN.findall(piece)) > 1:  # characters ("会记"): a misspelling?
                    words.setdefault(piece, Word(piece, (piece,), (), by_sound=True))
                for label, inside in found:
                    if label in self.fillers:
                        continue
                    if label in self.tokenizer.stopwords:
                        unanswerable.append(label)
                        continue
                    for name in self._meanings(label, inside):
                        words.setdefault(name, self.word(name, (name,)))
        return Query(tuple(words.values()), tuple(dict.fromkeys(unanswerable)),
                     frozenset(towns), frozenset(kinds))

    def word(self, label: str, targets: tuple[str, ...]) -> Word:
        """A word searched as `targets` (itself, or what an everyday phrase means)."""
        key = (label, targets)
        found = self._read.get(key)
        if found is None:
            if len(self._read) >= WORDS_KEPT:
                self._read.clear()
            found = self._read[key] = self._word(label, targets)
        return found

    def _word(self, label: str, targets: tuple[str, ...]) -> Word:
        direct: dict[str, None] = {}
        broad: dict[str, None] = {}
        for target in targets:
            for whole, _ in self.tokenizer.whole_words(target):
                if whole in self.tokenizer.stopwords:
                    continue
                direct.setdefault(whole)
                for concept in families(self.tokenizer, whole):
                    (broad if concept[0] == BROAD else direct).setdefault(concept)
        return Word(label, tuple(direct), tuple(broad))

    def _meanings(self, word: str, inside: tuple[str, ...]) -> list[str]:
        """`word` itself, or the project's words it is made of when it is a generic compound."""
        lexicon = self.tokenizer.lexicon
        if word in lexicon:
            return [word]
        parts = _cover(word, [w for w in inside if w in lexicon])
        return parts or [word]


def families(tokenizer: Tokenizer, word: str) -> tuple[str, ...]:
    """The concept terms of a whole word, and those of the word naming each of its near-synonym
    groups: 综合文员 is in the group of 文员 (=文员), so it is also neighbouring work of 会计
    as 文员 is (~会计)."""
    own = tokenizer.concepts(word)
    implied = (c for concept in own if concept[0] == NEAR for c in tokenizer.concepts(concept[1:]))
    return tuple(dict.fromkeys((*own, *implied)))


def _cover(word: str, pieces: list[str]) -> list[str]:
    """`pieces` that, one after another, spell `word` exactly (none if they cannot)."""
    if not word:
        return []
    for piece in sorted(pieces, key=len, reverse=True):
        if word.startswith(piece):
            rest = word[len(piece):]
            tail = _cover(rest, pieces) if rest else []
            if not rest or tail:
                return [piece, *tail]
    return []


def _read(path: Path, normalise: Callable[[str], str], everyday: dict[str, tuple[str, ...]],
          fillers: set[str], kinds: dict[str, str]) -> None:
    for line in path.read_text("utf-8").splitlines():
        line = normalise(line.split("#", 1)[0].strip())
        if not line:
            continue
        head, *rest = line.split()
        if head == "-":
            fillers.update(rest)
        elif head.startswith("@"):
            if head[1:] not in POST_KINDS:
                raise ValueError(f"{path.name}: unknown post kind {head!r}")
            kinds.update(dict.fromkeys(rest, head[1:]))
        elif len(rest) >= 2 and rest[0] == ">":
            everyday[head] = tuple(rest[1:])
        else:
            raise ValueError(f"{path.name}: a line is 'phrase > words', '- words' or '@kind words': {line!r}")

