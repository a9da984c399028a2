"""The Chinese reasons that come with every ranked result ("为何推荐" and "为何不推荐").

Reasons are built from what decided the score — the terms that contributed most to the text
similarity, the structured fits, and the rules of policy/eligibility.py with the seed's clauses —
so an explanation never says something the ranking did not use.
"""

from __future__ import annotations

from matcher.tokenizer import BROAD, NEAR
from policy.eligibility import Decision, Priority

MAX_TERMS = 5
"""Shared terms shown; more reads as noise."""


def shared_terms(terms: list[str], contributions) -> list[str]:
    """ "关键词匹配：…", "同类工作：…", "相近领域：…" from the strongest shared terms, best first."""
    ranked = sorted(zip(contributions, terms, strict=True), key=lambda pair: (-pair[0], pair[1]))
    words, near, broad = [], [], []
    for _, term in ranked:
        if term.startswith(NEAR):
            near.append(term[1:])
        elif term.startswith(BROAD):
            broad.append(term[1:])
        else:
            words.append(term)
    # A word inside a longer shared word ("算机" in "计算机") adds nothing to read.
    words = [w for w in words if not any(w != other and w in other for other in words)]
    why = []
    if words:
        why.append("关键词匹配：" + "、".join(words[:MAX_TERMS]))
    if near:
        why.append("同类工作：" + "、".join(near[:MAX_TERMS]))
    if broad and not near:
        why.append("相近领域：" + "、".join(broad[:MAX_TERMS]))
    return why


def major_fit(post_majors: tuple[str, ...], major: str, fits: bool) -> list[str]:
    """Only said when the post names majors: that is when the major counts."""
    if not post_majors:
        return []
    if fits:
        return [f"专业对口：{major}"]
    wanted = "、".join(post_majors)
    return [f"专业不在岗位要求之列（{wanted}）" if major else f"未填写专业（岗位要求：{wanted}）"]


def township_fit(post_township: str, wanted: tuple[str, ...]) -> list[str]:
    if not post_township:
        return []
    if not wanted:
        return [f"工作地点{post_township}，求职者不限镇街"]
    if post_township in wanted:
        return [f"意向镇街：{post_township}"]
    return [f"意向镇街不含{post_township}"]


def rules(decision: Decision, priority: Priority) -> list[str]:
    """Eligible: the rules that passed, then the priority. Not eligible: only what excluded."""
    if not decision.eligible:
        return ["不推荐：" + r.message for r in decision.reasons if not r.passed]
    passed = [r.message for r in decision.reasons if r.passed]
    return passed + [r.message for r in priority.reasons]


def freshness(days: int | None, limit: int) -> list[str]:
    if days is None or days > limit:
        return []
    return ["岗位信息今日更新" if days == 0 else f"岗位信息{days}天前更新"]
