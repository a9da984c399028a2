"""The consent text for sensitive groups (PIPL Art. 28–29), versioned.

The wording lives in `policy/data/consent.json`: a changed wording is a new version, and the
old ones stay, since every consent event names the version the person agreed to.
"""

import json
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

from policy.codes import SENSITIVE_GROUPS


@cache
def _texts() -> dict[str, Any]:
    data = resources.files("policy").joinpath("data/consent.json").read_text("utf-8")
    texts: dict[str, Any] = json.loads(data)
    return texts


def current_version() -> str:
    return str(_texts()["current"])


def text(version: str | None = None) -> str:
    """The wording of `version` (the current one by default); "" for a version never published."""
    return str(_texts()["texts"].get(version or current_version(), ""))


def sensitive(groups: Iterable[str]) -> list[str]:
    """The sensitive groups among `groups`, in a stable order."""
    return sorted(set(groups) & SENSITIVE_GROUPS)
