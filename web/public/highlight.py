"""Matched words in <mark>, on escaped text: the words come from the matcher, the text from
employers, and neither may inject markup."""

import re

from markupsafe import Markup, escape

from web.public import bp

SNIPPET_LENGTH = 80


def _pattern(terms) -> re.Pattern | None:
    words = sorted({t for t in terms if t}, key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


@bp.app_template_filter("highlight")
def highlight(text: str, terms) -> Markup:
    pattern = _pattern(terms)
    if pattern is None:
        return escape(text)
    out, last = [], 0
    for match in pattern.finditer(text):
        out += [escape(text[last:match.start()]), Markup("<mark>"), escape(match.group()), Markup("</mark>")]
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


@bp.app_template_filter("snippet")
def snippet(text: str, terms) -> str:
    """About SNIPPET_LENGTH characters of `text`, around the first matched word if any."""
    pattern = _pattern(terms)
    match = pattern.search(text) if pattern else None
    start = max(0, match.start() - SNIPPET_LENGTH // 4) if match else 0
    piece = text[start:start + SNIPPET_LENGTH]
    return ("…" if start else "") + piece + ("…" if start + SNIPPET_LENGTH < len(text) else "")
