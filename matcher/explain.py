"""The Chinese reasons that come with every ranked result ("为何推荐" and "为何不推荐").

Reasons are built from what decided the score — the terms that contributed most to the text
similarity, the structured fits, and the rules of policy/eligibility.py with the seed's clauses —
so an explanation never says something the ranking did not use.

Each reason also says whether an employer may read it (matcher/results.py). A rule that names
the person's group ("符合公益性岗位条件：低保家庭成员（本区经办规则）", "优先安排：就业困难人员；依据：…") is
sensitive whatever the group: were only hardship groups reworded, the neutral wording itself would
tell them apart. Its neutral wording cites the rule of the post kind, never a group's source (（八） is
the 低保 measure). Shared words of the sensitive groups' synonym families (低保, 贫困户 …) are
left out of the employer's keyword lines.
"""

from __future__ import annotations

from matcher import ordering
from matcher.results import Reason
from matcher.tokenizer import BROAD, NEAR
from policy.codes import EDUCATION_LABELS, GROUP_LABELS, WORK_TYPE_LABELS
from policy.eligibility import Decision, Priority
from policy.eligibility import Reason as Rule
from policy.eligibility import rules as policy_rules

MAX_TERMS = 5
"""Shared terms shown; more reads as noise."""

GROUP_RULES = ("public_welfare", "priority.group")
"""Policy reason codes whose messages may name the person's groups."""


def _neutral_rule(code: str, passed: bool) -> str:
    """The employer's wording of a group-naming rule: the post kind's rule, no group.

    A priority line has no neutral wording (empty: dropped for employers): the groups served
    first on public-welfare posts are exactly the sensitive ones, so even "属于优先安置人员"
    would tell an employer the person is in one of them.
    """
    if code == "priority.group":
        return ""
    cited = policy_rules()["public_welfare"]["groups_source"]
    return f"符合公益性岗位条件（{cited}）" if passed else f"不属于公益性岗位安置的人员类别（{cited}）"


def _rule(rule: Rule, prefix: str = "", message: str = "") -> Reason:
    message = message or rule.message
    names_group = rule.code in GROUP_RULES and any(label in message for label in GROUP_LABELS.values())
    if not names_group:
        return Reason(rule.code, prefix + message, fits=rule.passed)
    return Reason(rule.code, prefix + message, True, prefix + _neutral_rule(rule.code, rule.passed),
                  fits=rule.passed)


def shared_terms(
    terms: list[str], contributions: list[float], hidden: frozenset[str] = frozenset()
) -> list[Reason]:
    """ "关键词匹配：…", "同类工作：…", "相近领域：…" from the strongest shared terms, best first
    (ties by term). `contributions` are Python floats: sorting numpy scalars is several times slower.

    A line with a `hidden` term is sensitive; the employer reads it without those terms.
    """
    ranked = [t for _, t in sorted(zip([-c for c in contributions], terms, strict=True))]
    full = _term_lines(ranked)
    if hidden.isdisjoint(ranked):
        return [Reason(code, text) for code, text in full.items()]
    public = _term_lines([t for t in ranked if t not in hidden])
    return [
        Reason(code, text) if text == public.get(code) else Reason(code, text, True, public.get(code, ""))
        for code, text in full.items()
    ]


def _term_lines(ranked: list[str]) -> dict[str, str]:
    words, near, broad = [], [], []
    for term in ranked:
        mark = term[0]  # (a vocabulary term is never empty)
        if mark == NEAR:
            near.append(term[1:])
        elif mark == BROAD:
            broad.append(term[1:])
        else:
            words.append(term)
    # A word inside a longer shared word ("算机" in "计算机") adds nothing to read; only the
    # first MAX_TERMS words left are shown, so stop looking once they are found. The words are
    # distinct: one found twice in them all is also inside another.
    shown, joined = [], "\0".join(words)
    for word in words:
        if joined.count(word) == 1:
            shown.append(word)
            if len(shown) == MAX_TERMS:
                break
    words = shown
    lines = {}
    if words:
        lines["terms.word"] = "关键词匹配：" + "、".join(words[:MAX_TERMS])
    if near:
        lines["terms.near"] = "同类工作：" + "、".join(near[:MAX_TERMS])
    if broad and not near:
        lines["terms.broad"] = "相近领域：" + "、".join(broad[:MAX_TERMS])
    return lines


def major_fit(post_majors: tuple[str, ...], major: str, fits: bool) -> list[Reason]:
    """Only said when the post names majors: that is when the major counts."""
    if not post_majors:
        return []
    if fits:
        return [Reason("major", f"专业对口：{major}")]
    wanted = "、".join(post_majors)
    return [
        Reason("major", f"专业不在岗位要求之列（{wanted}）" if major else f"未填写专业（岗位要求：{wanted}）",
               fits=False)
    ]


def township_fit(post_township: str, wanted: tuple[str, ...], ahead_anyway: bool = False) -> list[Reason]:
    """`ahead_anyway`: the post went first in its level although it is elsewhere
    (matcher/ordering.wished_first), which the missed line then says."""
    if not post_township:
        return []
    if not wanted:
        return [Reason("township", f"工作地点{post_township}，求职者不限镇街")]
    if post_township in wanted:
        return [Reason("township", f"意向镇街：{post_township}")]
    missed = f"意向镇街不含{post_township}"
    return [Reason("township", ordering.elsewhere(missed) if ahead_anyway else missed, fits=False)]


def wishes(salary_max: int | None, post_work: str, desired_salary: int | None, work: str) -> list[Reason]:
    """The 期望月薪 and 全职/兼职 a person stated, said only when they stated them (the same test
    as matcher/boost.wishes_fit)."""
    lines = []
    if desired_salary and salary_max:
        if salary_max >= desired_salary:
            lines.append(Reason("wishes.salary", f"月薪可达{salary_max}元，符合期望（{desired_salary}元）"))
        else:
            lines.append(Reason("wishes.salary", f"月薪最高{salary_max}元，低于期望（{desired_salary}元）",
                                fits=False))
    if work:
        label, wanted = WORK_TYPE_LABELS[post_work], WORK_TYPE_LABELS[work]
        fits = post_work == work
        text = f"{label}岗位，符合意向" if fits else f"{label}岗位，意向为{wanted}"
        lines.append(Reason("wishes.work_type", text, fits=fits))
    return lines


def served_first(priority: Priority, level: int) -> list[Reason]:
    """Why the bureau's list puts this person first within their level (matcher/ordering.py):
    it names their group, so an employer never reads it."""
    return [_rule(r, message=ordering.reason(level, True, r.message)) for r in priority.reasons]


def far_above(above: bool, education: str) -> list[Reason]:
    """The person's education is far above a simple post: their level dropped by one."""
    if not above:
        return []
    label = EDUCATION_LABELS[education]
    return [Reason("education.far_above", f"学历（{label}）远高于岗位要求，匹配档次降一档", fits=False)]


def rules(decision: Decision, priority: Priority) -> list[Reason]:
    """Eligible: the rules that passed, then the priority. Not eligible: only what excluded."""
    if not decision.eligible:
        return [_rule(r, "不推荐：") for r in decision.reasons if not r.passed]
    return [_rule(r) for r in decision.reasons if r.passed] + [_rule(r) for r in priority.reasons]


def freshness(days: int | None, limit: int) -> list[Reason]:
    if days is None or days > limit:
        return []
    return [Reason("freshness", "岗位信息今日更新" if days == 0 else f"岗位信息{days}天前更新")]
