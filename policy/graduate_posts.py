"""（七） "国有企业新增岗位按不低于50%的比例，专项用于招聘应届高校毕业生".

Three questions, each a pure function of plain values, so the post form, the API, the import,
the placement and the dashboard ask them the same way:
- may a post be reserved for graduates (`reservation_problem`: SOEs' regular posts only);
- is a person an 应届高校毕业生 on the start date (`fresh_graduate`);
- does an SOE reach the share (`Share`), counted over the slots of its new regular posts only:
  trainee and public-welfare slots are programmes of the bureau, not new posts of the firm.

Parameters (50 %, the ownerships and kinds, the 2 years) are `graduate_reserved` in
`policy/data/eligibility.json`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from policy.codes import OWNERSHIP_LABELS, POST_KIND_LABELS
from policy.eligibility import CandidateFacts, Reason, add_years, is_graduate, rules
from policy.sources import cite


def params() -> dict[str, Any]:
    value: dict[str, Any] = rules()["graduate_reserved"]
    return value


def citation() -> str:
    """The seed's words for the reservation, with their measure."""
    p = params()
    return cite(p["words"], p["clause"])


def reservation_problem(ownership: str, post_kind: str) -> str | None:
    """Why a post of this employer and kind may not be reserved for graduates, or None."""
    p = params()
    if ownership not in p["ownerships"]:
        names = "、".join(OWNERSHIP_LABELS[o] for o in p["ownerships"])
        return f"只有{names}的岗位可以设为专项招聘应届高校毕业生"
    if post_kind not in p["post_kinds"]:
        kinds = "、".join(POST_KIND_LABELS[k] for k in p["post_kinds"])
        return f"只有{kinds}可以设为专项招聘应届高校毕业生，{POST_KIND_LABELS[post_kind]}不计入新增岗位"
    return None


def fresh_graduate(candidate: CandidateFacts, as_of: date) -> Reason:
    """Is the person an 应届高校毕业生 for a post starting on `as_of`?

    A college or technician-college graduate (`eligibility.is_graduate`) who graduates in the
    start date's year, or who left school at most `graduate_status_years` (2) before it —
    inclusive, as the trainee window — and has not been employed since (（七） lets them apply
    以应届毕业生身份)."""
    p = params()
    source = citation()
    graduated = candidate.graduation_date
    if not is_graduate(candidate) or graduated is None:
        return Reason("graduate_reserved", f"非高校毕业生，不能录用到专项招聘应届高校毕业生的岗位；{source}",
                      p["clause"], False)
    if graduated.year == as_of.year:
        return Reason("graduate_reserved", f"{graduated.year}年应届高校毕业生；{source}", p["clause"], True)
    years = p["graduate_status_years"]
    within = graduated <= as_of <= add_years(graduated, years)
    if within and not candidate.employed:
        status = cite(p["graduate_status_words"], p["clause"])
        return Reason("graduate_reserved", f"离校{years}年内未就业，按应届高校毕业生对待；{status}",
                      p["clause"], True)
    return Reason("graduate_reserved",
                  f"{graduated.year}年毕业，不属于应届高校毕业生，不能录用到专项招聘岗位；{source}",
                  p["clause"], False)


@dataclass(frozen=True)
class Share:
    """One SOE's new regular slots in a period, those reserved, and graduates hired into them."""

    employer: str
    slots: int
    reserved: int
    graduates_hired: int = 0

    @property
    def share(self) -> float:
        return self.reserved / self.slots if self.slots else 0.0

    @property
    def meets(self) -> bool:
        """Reserved slots ≥ 50 % of new regular slots, compared in integers (no float edge)."""
        return self.slots > 0 and self.reserved * 100 >= self.slots * params()["min_percent"]
