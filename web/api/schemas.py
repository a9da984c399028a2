"""Request bodies of the API as pydantic models: shape is checked here, rules in services."""

from datetime import date
from typing import Literal

from flask import request
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from policy.errors import Invalid

MESSAGES = {
    "missing": "必填",
    "string_type": "应为文本",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_type": "应为日期（YYYY-MM-DD）",
    "literal_error": "不是允许的取值",
    "string_too_long": "内容过长",
    "string_too_short": "内容过短",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "list_type": "应为列表",
    "extra_forbidden": "不支持的字段",
}


class Body(BaseModel):
    # Unknown fields (role, verified, employer_id…) are ignored, never assigned.
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class RegisterBody(Body):
    role: Literal["seeker", "employer"]
    phone: str = Field(max_length=20)
    password: str = Field(max_length=256)
    name: str = Field(max_length=64)
    # seeker
    id_number: str | None = Field(default=None, max_length=24)
    education: str | None = None
    # employer
    employer_name: str | None = Field(default=None, max_length=128)
    credit_code: str | None = Field(default=None, max_length=24)
    ownership: str | None = None
    size: str | None = None
    staff_count: int | None = None
    industry: str | None = Field(default=None, max_length=32)
    township: str | None = None


class TokenBody(Body):
    phone: str = Field(max_length=20)
    password: str = Field(max_length=256)


class PostBody(Body):
    kind: Literal["regular", "trainee", "public_welfare"]
    title: str = Field(min_length=1, max_length=64)
    industry: str = Field(min_length=1, max_length=32)
    description: str = Field(default="", max_length=5000)
    requirements: str = Field(default="", max_length=5000)
    education_min: str = "none"
    majors: list[str] = Field(default_factory=list, max_length=20)
    township: str
    slots: int = Field(ge=1, le=10000)
    salary_min: int | None = Field(default=None, ge=0, le=1_000_000)
    salary_max: int | None = Field(default=None, ge=0, le=1_000_000)
    close_date: date | None = None
    employer_id: int | None = None  # honoured for the bureau only


class StageBody(Body):
    to: Literal["shortlisted", "interview", "offered", "hired", "rejected"]
    reason: str = Field(default="", max_length=255)
    start_date: date | None = None  # required by the service when hiring


class PlacementBody(Body):
    post_id: int
    candidate_id: int
    start_date: date
    contract_months: int | None = Field(default=None, ge=1, le=240)


def parse(model: type[Body]) -> Body:
    """The request's JSON as `model`, or Invalid naming each bad field in Chinese."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise Invalid("请求体应为 JSON 对象", code="invalid_json")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        fields = {
            ".".join(str(part) for part in err["loc"]) or "body": MESSAGES.get(err["type"], "格式不正确")
            for err in exc.errors()
        }
        raise Invalid("请求参数有误：" + "，".join(f"{k} {v}" for k, v in fields.items()),
                      code="invalid_request", fields=fields) from exc
