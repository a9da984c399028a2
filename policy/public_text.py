"""The rules as the public reads them — "谁可以申请" on a post, the programmes on the plan page —
written from the same data the rules read (policy/data/*.json), so a changed age, year or group
changes the text too, and each sentence cites its true source (policy/sources.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from policy import graduate_posts
from policy.codes import EDUCATION_LABELS, EDUCATION_LEVELS, GROUP_LABELS
from policy.eligibility import priority_source, rules
from policy.placements import program_definitions
from policy.sources import cite


@dataclass(frozen=True)
class WhoMayApply:
    """Who may apply, its source (None: no rule beyond the post's own), and the education line."""

    text: str
    source: str | None
    education: str


def who_may_apply(kind: str, education_min: str, reserved_for_graduates: bool = False) -> WhoMayApply:
    """The "谁可以申请" paragraph of a post of `kind`."""
    if education_min not in EDUCATION_LEVELS:
        raise ValueError(f"unknown education: {education_min!r}")
    education = ("学历不限" if education_min == "none"
                 else f"学历要求：{EDUCATION_LABELS[education_min]}及以上")
    if kind == "trainee":
        p = rules()["trainee"]
        years = p["graduated_within_years"]
        text = (f"离校{years}年以内未就业的高校毕业生（含技师学院毕业生，不含中专、技校），"
                f"或{p['youth_age_min']}至{p['youth_age_max']}周岁的登记失业青年。")
        return WhoMayApply(text, p["source"], education)
    if kind == "public_welfare":
        p = rules()["public_welfare"]
        groups = "、".join(GROUP_LABELS[g] for g in p["groups"])
        first = "、".join(GROUP_LABELS[g] for g in p["priority_groups"])
        sources = "；".join(f"{GROUP_LABELS[g]}：{priority_source(g)}" for g in p["priority_groups"])
        text = f"未就业，且属于{groups}之一。{first}优先——{sources}。"
        return WhoMayApply(text, p["groups_source"], education)
    if kind != "regular":
        raise ValueError(f"unknown post kind: {kind!r}")
    if reserved_for_graduates:
        p = graduate_posts.params()
        text = (f"本岗位专项招聘应届高校毕业生（含离校{p['graduate_status_years']}年内未就业、"
                f"以应届毕业生身份应聘的高校毕业生）。")
        return WhoMayApply(text, graduate_posts.citation(), education)
    return WhoMayApply("面向所有求职者。", None, education)


def programme_citations(year: int = 2020) -> list[str]:
    """The seed's words behind the year's quota programmes: “临时性公益岗位500个”（六）, …"""
    return [cite(p["words"], p["clause"]) for p in program_definitions(year) if p.get("words")]
