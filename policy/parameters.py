"""Parameters the seed does not fix, each with where it comes from (`policy/data/settings.json`).

A number the seed states lives next to its rule (eligibility.json, programs_<year>.json); a
number it does not state is either a national rule (cited by name) or 本区经办规则, a choice
the district bureau makes. Keeping the source next to the value lets every page that uses the
number say which of the two it is, from the same data the rule reads.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

SOURCE_LABELS = {"national": "国家规定", "bureau": "本区经办规则"}


@dataclass(frozen=True)
class Parameter:
    value: int
    source: str  # "national" or "bureau"
    basis: str  # the national rule by name, or 本区经办规则

    @property
    def label(self) -> str:
        """How a page cites it: "本区经办规则" or "国家规定：国发〔1978〕104号（…）"."""
        if self.source == "bureau":
            return SOURCE_LABELS["bureau"]
        return f"{SOURCE_LABELS[self.source]}：{self.basis}"


@cache
def _settings() -> dict[str, Any]:
    text = resources.files("policy").joinpath("data/settings.json").read_text("utf-8")
    parsed: dict[str, Any] = json.loads(text)
    return parsed


def parameter(section: str, name: str) -> Parameter:
    """One parameter; KeyError names a section or parameter the data file lacks."""
    raw = _settings()[section][name]
    if raw["source"] not in SOURCE_LABELS:
        raise ValueError(f"unknown source {raw['source']!r} of {section}.{name}")
    return Parameter(value=int(raw["value"]), source=raw["source"], basis=raw["basis"])


def clause(section: str) -> str:
    """The seed's measure a section serves, e.g. "（九）"."""
    value: str = _settings()[section]["clause"]
    return value
