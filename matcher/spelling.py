"""您是不是要找：the index's words that sound like what was typed.

People type pinyin on a phone when the input method is not at hand ("kuaiji"), or pick the wrong
characters of the right sound ("会记"). Both are found by the toneless pinyin of the words the
posts use (pypinyin), kept in a table built once when the index is installed and extended with
each new word the index learns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_HAN = re.compile(r"[\u4e00-\u9fff]{2,8}")
_LATIN = re.compile(r"[a-z]+")


class Spelling:
    def __init__(self) -> None:
        self._by_sound: dict[str, list[str]] = {}
        self._known: set[str] = set()

    def learn(self, words: Iterable[str]) -> None:
        """Remember the Chinese words among `words` (index terms) by their sound."""
        for word in words:
            if word not in self._known and _HAN.fullmatch(word):
                self._known.add(word)
                self._by_sound.setdefault(sound(word), []).append(word)

    def sounds_like(self, typed: str) -> list[str]:
        """Known words that sound like `typed` (pinyin letters or characters), other than itself."""
        key = typed if _LATIN.fullmatch(typed) else sound(typed)
        return [w for w in self._by_sound.get(key, ()) if w != typed]


def sound(text: str) -> str:
    """Toneless pinyin, syllables run together: 会计 → "kuaiji". pypinyin is imported on first
    use: its dictionaries take 0.3 s to load, which every `flask` command (`db upgrade`,
    `import`…) paid at start-up without ever spelling a word."""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text)).lower()
