"""Reading clause marks the way a person does: each “（X）” a text prints and the words it
attributes to measure X, checked against the seed's own text (tests/data, a copy of the seed).

The words attributed to a mark are the quotation just before it (“临时性公益岗位500个”（六）) or,
without one, the words back to the nearest punctuation (a heading "就业监测（十五）"). A mark right
after "长政〔2020〕28号", or alone (a table cell), cites the measure without attributing words.
"""

import html
import re
from functools import cache
from pathlib import Path

from policy.sources import SEED

SEED_COPY = Path(__file__).parent / "data" / "changle-2020-28-employment-measures.txt"
MARK = re.compile(r"（([一二三四五六七八九十]{1,3})）")
ARTICLE = re.compile(r"第[一二三四五六七八九十百零]+条")
STOPS = frozenset("。；，：、！？“”（）()<>《》「」【】\n")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@cache
def measures() -> dict[str, str]:
    """"（六）" → the text of measure （六）, whitespace removed."""
    parts = re.split(r"\n(?=（[一二三四五六七八九十]{1,3}）)", SEED_COPY.read_text("utf-8"))
    found = {}
    for part in parts[1:]:
        mark = MARK.match(part)
        found[mark.group(0)] = squash(part[mark.end():])
    return found


def page_text(markup: str) -> str:
    """A page's text, each element on its own line (a table cell is not glued to the next)."""
    return html.unescape(re.sub(r"<[^>]+>", "\n", markup))


def attributions(text: str) -> list[tuple[str, str]]:
    """Each (mark, words) of `text`; words "" for a mark that cites no words."""
    found = []
    for match in MARK.finditer(text):
        before = text[:match.start()]
        if before.endswith("”"):
            words = before[before.rfind("“") + 1:-1]
        else:
            start = len(before)
            while start > 0 and before[start - 1] not in STOPS:
                start -= 1
            words = before[start:]
        words = squash(words)
        found.append((match.group(0), "" if words.endswith(SEED) else words))
    return found


def problems(text: str) -> list[str]:
    """What is wrong with the citations of `text`: a mark the seed lacks, words not in the
    measure they are attributed to, a "第六条" (a law's "》第十五条" is an article indeed), a
    doubled mark."""
    found = []
    for mark, words in attributions(text):
        if mark not in measures():
            found.append(f"{mark}: the seed has no such measure")
        elif words and words not in measures()[mark]:
            found.append(f"“{words}”{mark}: not words of {mark}")
    for match in ARTICLE.finditer(text):
        if not text[:match.start()].endswith("》"):
            found.append(f"{match.group(0)}: the seed numbers measures, not articles")
    for doubled in ("（（", "））"):
        at = text.find(doubled)
        if at >= 0:
            found.append(f"doubled marks in …{text[max(at - 30, 0):at + 10]}…")
    return found
