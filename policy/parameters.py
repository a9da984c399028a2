"""Parameters the seed does not fix, each with where it comes from (`policy/data/settings.json`).

A number the seed states lives next to its rule (eligibility.json, programs_<year>.json); a
number it does not state is either a national rule (cited by name) or 本区经办规则, a choice
the district bureau makes. Keeping the source next to the value lets every page that uses the
number say which of the two it is, from the same data the rule reads.

The data file holds each parameter's default, 待确认 until the bureau confirms it. The bureau
changes a parameter from a date on (a `Change`, stored by services.policy_settings); a sum
computed for a period reads the value in effect on each day it covers (`Settings.at`), so a
change from 1 January never reprices December.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

SOURCE_LABELS = {"national": "国家规定", "bureau": "本区经办规则"}

UNIT_LABELS = {"fen": "元", "days": "天", "months": "个月", "years": "周岁", "percent": "%", "people": "人"}


@dataclass(frozen=True)
class Parameter:
    value: int
    source: str  # "national" or "bureau"
    basis: str  # the national rule by name, or 本区经办规则
    section: str = ""
    name: str = ""
    label_zh: str = ""
    unit: str = ""
    minimum: int = 0
    maximum: int = 0
    confirmed: bool = False  # the bureau confirmed this value; a default of the data file is not
    effective_from: date | None = None  # None: the data file's default, in effect from always

    @property
    def label(self) -> str:
        """How a page cites it: "本区经办规则" or "国家规定：国发〔1978〕104号（…）"."""
        if self.source == "bureau":
            return SOURCE_LABELS["bureau"]
        return f"{SOURCE_LABELS[self.source]}：{self.basis}"

    @property
    def status_zh(self) -> str:
        return "已确认" if self.confirmed else "待确认"

    @property
    def shown(self) -> str:
        """The value as a page prints it: 1800元, 30天, 12个月."""
        if self.unit == "fen":
            yuan, rest = divmod(self.value, 100)
            return f"{yuan}元" if rest == 0 else f"{yuan}.{rest:02d}元"
        return f"{self.value}{UNIT_LABELS.get(self.unit, '')}"

    @property
    def note(self) -> str:
        """What is printed next to an amount that used it, e.g.
        "公益性岗位补贴（每月）1800元（本区经办规则，待确认）"."""
        return f"{self.label_zh}{self.shown}（{SOURCE_LABELS[self.source]}，{self.status_zh}）"


@dataclass(frozen=True)
class Change:
    """The bureau's setting of one parameter from `effective_from` on (services.policy_settings)."""

    section: str
    name: str
    value: int
    effective_from: date
    confirmed: bool


@cache
def _settings() -> dict[str, Any]:
    text = resources.files("policy").joinpath("data/settings.json").read_text("utf-8")
    parsed: dict[str, Any] = json.loads(text)
    return parsed


def parameter(section: str, name: str) -> Parameter:
    """One parameter's default; KeyError names a section or parameter the data file lacks."""
    raw = _settings()[section][name]
    if raw["source"] not in SOURCE_LABELS:
        raise ValueError(f"unknown source {raw['source']!r} of {section}.{name}")
    return Parameter(value=int(raw["value"]), source=raw["source"], basis=raw["basis"],
                     section=section, name=name, label_zh=raw.get("label", name),
                     unit=raw.get("unit", ""), minimum=int(raw.get("min", 0)),
                     maximum=int(raw.get("max", raw["value"])))


def clause(section: str) -> str:
    """The seed's measure a section serves, e.g. "（九）"."""
    value: str = _settings()[section]["clause"]
    return value


def defaults() -> list[Parameter]:
    """Every parameter of the data file, in its order: what the 政策参数 page lists."""
    return [parameter(section, name)
            for section, body in _settings().items() if isinstance(body, dict)
            for name, raw in body.items() if isinstance(raw, dict) and not name.startswith("_")]


def check_change(change: Change) -> Parameter:
    """The parameter a change sets; KeyError for an unknown one, ValueError outside its bounds."""
    default = parameter(change.section, change.name)
    if not default.minimum <= change.value <= default.maximum:
        raise ValueError(f"{change.section}.{change.name} must lie in "
                         f"[{default.minimum}, {default.maximum}]")
    return default


class Settings:
    """The parameters as the bureau has set them: each one's default, then its changes, each in
    effect from its date until the next. Of two changes from the same date the later wins."""

    def __init__(self, changes: Iterable[Change] = ()) -> None:
        self._changes: dict[tuple[str, str], list[Change]] = {}
        for change in sorted(changes, key=lambda c: c.effective_from):  # stable: later wins ties
            self._changes.setdefault((change.section, change.name), []).append(change)

    def at(self, section: str, name: str, day: date) -> Parameter:
        """The parameter in effect on `day`."""
        current = parameter(section, name)
        for change in self._changes.get((section, name), ()):
            if change.effective_from > day:
                break
            current = replace(current, value=change.value, confirmed=change.confirmed,
                              effective_from=change.effective_from)
        return current

    def value(self, section: str, name: str, day: date) -> int:
        return self.at(section, name, day).value

    def history(self, section: str, name: str) -> list[Change]:
        """The changes of one parameter in the order they take effect."""
        return list(self._changes.get((section, name), ()))
