"""Telling a Big5 CSV from a GB18030 one: Excel on Traditional Chinese Windows saves Big5,
which GB18030 reads without error as nonsense (services.imports.csv_text refuses it)."""

import re
from collections import Counter

# Share of a GB18030 reading outside GB2312's common hanzi and punctuation that marks Big5.
BIG5_ODD_SHARE = 0.25
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def is_big5(data: bytes, gb_text: str) -> bool:
    """Big5 bytes are nearly always valid GBK too, so decoding strictness alone cannot tell
    them apart. What can: text in either encoding stays almost wholly inside its common
    characters (GB2312's 6,763 hanzi; Big5's 5,401 frequent ones) and punctuation, while Big5
    read as GBK lands outside them (kana, Cyrillic, user-defined and extension code points) for
    two characters in three. So the file is Big5 when the bytes decode strictly as Big5 (cp950,
    what Excel saves on Traditional Chinese Windows), at least a quarter of the non-ASCII
    characters of the GB18030 reading are uncommon, and the Big5 reading has fewer than half as
    many. A GBK file of rare name characters (喆, 堃, 昇…) mostly fails the Big5 decoding (lead
    bytes 0x81–0xA0 are not Big5); a short one that passes it (李玥、初中) reads no better as Big5."""
    try:
        big5_text = data.decode("cp950")
    except UnicodeDecodeError:
        return False
    gb_odd, total = _uncommon(gb_text, "gb18030", _GB2312_COMMON)
    big5_odd, _ = _uncommon(big5_text, "cp950", _BIG5_COMMON)
    return total > 0 and gb_odd >= BIG5_ODD_SHARE * total and 2 * big5_odd < gb_odd


# (lead byte range, lowest trail byte): GB2312 punctuation rows 1–3 and hanzi rows 16–87;
# Big5 symbols and the frequent hanzi (0xA440–0xC5FE, nearly all of level 1).
_GB2312_COMMON = ((0xA1, 0xA3, 0xA1), (0xB0, 0xF7, 0xA1))
_BIG5_COMMON = ((0xA1, 0xA3, 0x40), (0xA4, 0xC5, 0x40))


def _uncommon(text: str, encoding: str, common) -> tuple[int, int]:
    """(characters outside `common`, all non-ASCII characters) of `text`."""
    counts = Counter(_NON_ASCII.findall(text))
    odd = 0
    for ch, n in counts.items():
        encoded = ch.encode(encoding)
        if len(encoded) != 2 or not any(low <= encoded[0] <= high and encoded[1] >= trail
                                        for low, high, trail in common):
            odd += n
    return odd, sum(counts.values())
