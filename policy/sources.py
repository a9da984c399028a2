"""How a rule shown to people cites where it comes from: one form for each kind of source.

- The seed (长政〔2020〕28号) numbers its measures （一）…（十五）, not articles: a page quotes the
  measure's own words and then its mark, “临时性公益岗位500个”（六）, so a reader (and
  tests/unit/test_citations.py) can find the words in that measure. Never "第六条".
- A national rule is cited by the notice's name (the trainee rule: `source` of eligibility.json's
  trainee section).
- A choice the district bureau makes is cited as 本区经办规则.

The words live in the data files next to the numbers the rule reads (policy/data/*.json), so
a page cites what the rule actually uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

SEED = "长政〔2020〕28号"
LOCAL_RULE = "本区经办规则"


def cite(words: str, clause: str) -> str:
    """ "“words”（七）": the seed's own words, then the measure they are quoted from."""
    return f"“{words}”{clause}"


def cite_section(section: Mapping[str, Any]) -> str:
    """A data section's citation: its seed words and clause, or the bare measure
    ("长政〔2020〕28号（六）") for a section without words (a programme made before they were)."""
    words, clause = section.get("words"), section["clause"]
    return cite(words, clause) if words else f"{SEED}{clause}"


def basis(text: str) -> str:
    """ "；依据：…", the one way a message appends its source after what it says."""
    return f"；依据：{text}"
