"""Rules on the text people send: which characters a name may not hide, and how deep a JSON
document may nest. Pure functions, used by the forms, the API schemas, the request check
(web/inputs.py) and the bulk import alike, so the rule is written once.

Names and titles are shown to other people as who or what something is: an employer's name on
every post, a person's name on an application, a post's title in search results. A bidi
override (U+202E) makes "公司\u202Egnp.exe" display reversed, and a zero-width character makes
two names that look the same differ (or a name that looks empty not be), so these characters
are refused in names and titles. Longer free text (descriptions, notes) may legitimately carry
direction marks when it quotes Arabic-script text (Uyghur), and is never used to identify
anyone, so it is left alone.
"""

import re

MAX_JSON_DEPTH = 32
JSON_TOO_DEEP = f"JSON 嵌套层数过多（最多 {MAX_JSON_DEPTH} 层），请检查请求内容"

# Bidi embeddings/overrides (U+202A–U+202E), isolates (U+2066–U+2069), marks (U+200E, U+200F,
# U+061C), zero-width space/non-joiner/joiner (U+200B–U+200D), word joiner (U+2060), BOM (U+FEFF).
_HIDDEN = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060\ufeff]")
HIDDEN_CHARACTERS = "不能含有不可见的格式控制字符（文字方向控制符或零宽字符），请删除后重新输入"


def hidden_characters(text: str) -> list[str]:
    """The bidi controls and zero-width characters in `text`, as "U+202E" (none: empty)."""
    return [f"U+{ord(ch):04X}" for ch in _HIDDEN.findall(text or "")]


def json_problem(value: object, max_depth: int = MAX_JSON_DEPTH) -> str | None:
    """"too_deep" when a parsed JSON value nests containers more than `max_depth` levels,
    "nul" when a string or key holds NUL (PostgreSQL cannot store it), else None.

    Iterative: a recursive walk fails with RecursionError at a few hundred levels, which a
    2 MB body reaches easily (327 `[` made every route answer 500)."""
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return "nul"
            continue
        if not isinstance(item, dict | list):
            continue
        if depth > max_depth:
            return "too_deep"
        if isinstance(item, dict):
            for key, child in item.items():
                if "\x00" in key:
                    return "nul"
                pending.append((child, depth + 1))
        else:
            pending.extend((child, depth + 1) for child in item)
    return None
