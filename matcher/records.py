"""Posts and candidates exactly as DESIGN.md's interchange format has them, validated once.

Everything the matcher ranks enters through `post_from_dict` / `candidate_from_dict`, so the
engine never meets an unknown education level or a malformed date: those stop at the edge with a
`RecordError` whose Chinese message the batch CLI shows with the file and line number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from policy.codes import EDUCATION_LEVELS, GROUPS, POST_KINDS, TOWNSHIPS, WORK_TYPES
from policy.eligibility import CandidateFacts


class RecordError(ValueError):
    """A post or candidate that does not follow the interchange format; message in Chinese."""


@dataclass(frozen=True)
class Post:
    id: str
    kind: str
    title: str
    employer: str = ""
    industry: str = ""
    description: str = ""
    requirements: str = ""
    education_min: str = "none"
    majors: tuple[str, ...] = ()
    township: str = ""
    slots: int = 1
    salary_min: int | None = None
    salary_max: int | None = None
    updated: date | None = None
    work_type: str = "full_time"  # policy.codes.WORK_TYPES


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str = ""
    birth_date: date | None = None
    education: str = "none"
    school: str = ""
    major: str = ""
    graduation_date: date | None = None
    skills: str = ""
    experience: str = ""
    desired: str = ""
    townships: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    unemployed_since: date | None = None
    employed: bool = False
    desired_salary: int | None = None  # 期望月薪, yuan
    work_type: str = ""  # 全职/兼职 wanted (policy.codes.WORK_TYPES); "" either
    open_to_offers: bool = True
    """Whether employers may find the person among a post's recommended candidates (the
    bureau finds everyone). Not part of the interchange format: the profile's own setting."""

    def facts(self) -> CandidateFacts:
        """What policy/eligibility.py reads about this person."""
        return CandidateFacts(
            education=self.education,
            school=self.school,
            birth_date=self.birth_date,
            graduation_date=self.graduation_date,
            groups=frozenset(self.groups),
            unemployed_since=self.unemployed_since,
            employed=self.employed,
        )


def post_from_dict(d: Mapping[str, Any]) -> Post:
    """A `Post` from one interchange object; raises RecordError naming the bad field."""
    r = _Reader(d)
    post = Post(
        id=r.id(),
        kind=r.choice("kind", POST_KINDS, required=True),
        title=r.text("title", required=True),
        employer=r.text("employer"),
        industry=r.text("industry"),
        description=r.text("description"),
        requirements=r.text("requirements"),
        education_min=r.choice("education_min", EDUCATION_LEVELS, default="none"),
        majors=r.texts("majors"),
        township=r.township("township"),
        slots=r.count("slots", default=1, minimum=1),
        salary_min=r.integer("salary_min", minimum=0),
        salary_max=r.integer("salary_max", minimum=0),
        updated=r.day("updated"),
        work_type=r.choice("work_type", WORK_TYPES, default="full_time"),
    )
    if post.salary_min is not None and post.salary_max is not None:
        if post.salary_min > post.salary_max:
            raise RecordError(f"字段 salary_min（{post.salary_min}）大于 salary_max（{post.salary_max}）")
    return post


def candidate_from_dict(d: Mapping[str, Any]) -> Candidate:
    """A `Candidate` from one interchange object; raises RecordError naming the bad field."""
    r = _Reader(d)
    townships = r.texts("townships")
    for township in townships:
        if township not in TOWNSHIPS:
            raise RecordError(f"字段 townships 含未知镇街：{township}")
    groups = r.texts("groups")
    for group in groups:
        if group not in GROUPS:
            raise RecordError(f"字段 groups 含未知人员类别：{group}")
    return Candidate(
        id=r.id(),
        name=r.text("name"),
        birth_date=r.day("birth_date"),
        education=r.choice("education", EDUCATION_LEVELS, required=True),
        school=r.text("school"),
        major=r.text("major"),
        graduation_date=r.day("graduation_date"),
        skills=r.text("skills"),
        experience=r.text("experience"),
        desired=r.text("desired"),
        townships=townships,
        groups=groups,
        unemployed_since=r.day("unemployed_since"),
        employed=r.flag("employed"),
        desired_salary=r.integer("desired_salary", minimum=0),
        work_type=r.choice("work_type", ("", *WORK_TYPES), default=""),
    )


class _Reader:
    """Typed access to one JSON object's fields, each failure worded for the person importing."""

    def __init__(self, d: Mapping[str, Any]):
        if not isinstance(d, Mapping):
            raise RecordError(f"每行应为一个 JSON 对象，而不是 {type(d).__name__}")
        self.d = d

    def _get(self, name: str, required: bool) -> Any:
        value = self.d.get(name)
        if value is None and required:
            raise RecordError(f"缺少必填字段 {name}")
        return value

    def id(self) -> str:
        value = self._get("id", required=True)
        if not isinstance(value, str) or not value.strip():
            raise RecordError("字段 id 应为非空字符串")
        return value.strip()

    def text(self, name: str, required: bool = False) -> str:
        value = self._get(name, required)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise RecordError(f"字段 {name} 应为字符串")
        if required and not value.strip():
            raise RecordError(f"字段 {name} 不能为空")
        return value

    def texts(self, name: str) -> tuple[str, ...]:
        value = self._get(name, required=False)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RecordError(f"字段 {name} 应为字符串列表")
        return tuple(v.strip() for v in value if v.strip())

    def choice(self, name: str, allowed: tuple[str, ...], required: bool = False, default: str = "") -> str:
        value = self._get(name, required)
        if value is None:
            return default
        if value not in allowed:
            raise RecordError(f"字段 {name} 的取值 {value!r} 无效，应为 {'/'.join(allowed)} 之一")
        return str(value)

    def township(self, name: str) -> str:
        value = self.text(name).strip()
        if value and value not in TOWNSHIPS:
            raise RecordError(f"字段 {name} 含未知镇街：{value}")
        return value

    def count(self, name: str, default: int, minimum: int = 0) -> int:
        """An integer that always has a value (`default` when absent)."""
        value = self.integer(name, minimum=minimum)
        return default if value is None else value

    def integer(self, name: str, default: int | None = None, minimum: int = 0) -> int | None:
        value = self._get(name, required=False)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            raise RecordError(f"字段 {name} 应为整数")
        if value < minimum:
            raise RecordError(f"字段 {name} 不能小于 {minimum}")
        return value

    def day(self, name: str) -> date | None:
        value = self._get(name, required=False)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise RecordError(f"字段 {name} 应为 YYYY-MM-DD 格式的日期")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise RecordError(f"字段 {name} 的日期 {value!r} 无效，应为 YYYY-MM-DD") from None

    def flag(self, name: str) -> bool:
        value = self._get(name, required=False)
        if value is None:
            return False
        if not isinstance(value, bool):
            raise RecordError(f"字段 {name} 应为 true 或 false")
        return value
