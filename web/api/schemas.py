"""What the API reads and answers, as types: request bodies and query strings are pydantic
models (shape is checked here, rules in services), answers are TypedDicts. The contract
decorator (web/api/contract.py) parses requests with the former and documents both.

This module holds the machinery (Body, Query, the ISO date types, parsing and its Chinese
messages) and the shapes shared by several route modules; a shape only one route module
reads lives beside its routes (auth, messages, hiring, subsidies, parameters, monitoring)."""

from datetime import date, datetime
from typing import Annotated, Literal

from flask import request
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError
from typing_extensions import TypedDict  # pydantic reads typing.TypedDict only from 3.12

from policy.codes import EDUCATION_LEVELS, GROUPS, POST_KINDS, TOWNSHIPS
from policy.errors import Invalid
from services.post_search import SALARY_STEPS, SORTS
from web import ID_MAX
from web.inputs import VisibleText
from web.serializers import CandidateCardJson, PostJson

MESSAGES = {
    "missing": "必填",
    "string_type": "应为文本",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "bool_parsing": "应为 true 或 false",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_type": "应为日期（YYYY-MM-DD）",
    "datetime_type": "应为时间（如 2020-09-03T09:30:00+08:00）",
    "datetime_parsing": "应为时间（如 2020-09-03T09:30:00+08:00）",
    "datetime_range": "时间应在 2000 至 2100 年之间",
    "date_range": "日期应在 1900 至 2100 年之间",
    "literal_error": "不是允许的取值",
    "string_too_long": "内容过长",
    "string_too_short": "内容过短",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "list_type": "应为列表",
    "extra_forbidden": "不支持的字段",
    "hidden_characters": "含有不可见的格式控制字符（文字方向控制符或零宽字符）",
}


YEARS = (1900, 2100)  # a date outside: no birth, hire or payment this service records

# A larger id can name nothing and must not reach a query (see web.ID_MAX).
RowId = Annotated[int, Field(ge=1, le=ID_MAX)]


def _date_text(value: object) -> date:
    """A JSON date is its ISO text: pydantic would also read a number as seconds since 1970,
    which no client means (schemathesis placed someone on 1970-01-01 from `"start_date": 0`)."""
    if not isinstance(value, str):
        raise PydanticCustomError("date_type", "date must be YYYY-MM-DD text")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("date_parsing", "date must be YYYY-MM-DD") from None
    if not YEARS[0] <= day.year <= YEARS[1]:
        # A term counted from 9999-12-31 ends past the calendar (a 500, not an answer).
        raise PydanticCustomError("date_range", "date must be within 1900..2100")
    return day


IsoDate = Annotated[date, BeforeValidator(_date_text)]


def _datetime_text(value: object) -> datetime:
    """A JSON time is ISO 8601 text, `2020-09-03T09:30:00+08:00`; without an offset it is
    China Standard Time (services.interviews)."""
    if not isinstance(value, str):
        raise PydanticCustomError("datetime_type", "time must be ISO 8601 text")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("datetime_parsing", "time must be ISO 8601") from None
    if not 2000 <= moment.year <= 2100:
        # Year 1 with an offset cannot even be converted to UTC; no interview is that far.
        raise PydanticCustomError("datetime_range", "time must be within 2000..2100")
    return moment


IsoDateTimeInput = Annotated[datetime, BeforeValidator(_datetime_text)]


# --- request bodies ---------------------------------------------------------------------

class Body(BaseModel):
    # Unknown fields (role, verified, employer_id…) are ignored, never assigned. Strict: JSON
    # says what it means, so `false` is no 0 and `"3"` no 3 (schemathesis: a boolean subsidy).
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, strict=True)


class PostBody(Body):
    kind: Literal["regular", "trainee", "public_welfare"]
    title: VisibleText = Field(min_length=1, max_length=64)
    industry: str = Field(min_length=1, max_length=32)
    description: str = Field(default="", max_length=5000)
    requirements: str = Field(default="", max_length=5000)
    education_min: str = "none"
    majors: list[str] = Field(default_factory=list, max_length=20)
    township: str
    slots: int = Field(ge=1, le=10000)
    salary_min: int | None = Field(default=None, ge=0, le=1_000_000)
    salary_max: int | None = Field(default=None, ge=0, le=1_000_000)
    work_type: Literal["full_time", "part_time"] = Field(default="full_time", description="全职 / 兼职")
    close_date: IsoDate | None = None
    reserved_for_graduates: bool = Field(
        default=False, description="专项招聘应届高校毕业生（长政〔2020〕28号（七）：仅国有企业的招聘岗位）")
    employer_id: RowId | None = Field(default=None, description="仅人社局发布时使用：发布单位")


class ProgramBody(Body):
    kind: Literal["trainee", "public_welfare"] = Field(
        description="trainee 就业见习；public_welfare 临时性公益岗位（类型创建后不能修改）")
    name: VisibleText = Field(min_length=1, max_length=64, description="计划名称")
    target: int = Field(ge=1, le=1_000_000, description="目标：上限为岗位数，下限为人数")
    target_rule: Literal["cap", "floor"] | None = Field(
        default=None, description="cap 上限（提供岗位不超过目标）；floor 下限（安置人数不少于目标）；"
                                  "不填：见习为下限，公益性岗位为上限")
    start_date: IsoDate
    end_date: IsoDate
    term_months: int | None = Field(default=None, ge=1, le=12,
                                    description="期限（月）：公益性岗位 1–6，见习 3–12；不填用默认")
    monthly_subsidy_fen: int | None = Field(default=None, ge=0, le=10_000_000,
                                            description="公益性岗位每月岗位补贴（分）；不填用默认")


class StageBody(Body):
    to: Literal["shortlisted", "interview", "offered", "hired", "rejected"]
    reason: str = Field(default="", max_length=255, description="未通过时必填")
    start_date: IsoDate | None = Field(default=None, description="录用（hired）时必填：到岗日期")


class ProfileBody(Body):
    """PUT replaces these fields of the seeker's profile as a whole (name, 身份证号, phone and
    groups are changed on the profile pages, which ask for consent where the law needs it)."""

    education: Literal[EDUCATION_LEVELS] = Field(description="学历代码")
    school: VisibleText = Field(default="", max_length=64)
    major: VisibleText = Field(default="", max_length=64)
    graduation_date: IsoDate | None = None
    skills: str = Field(default="", max_length=2000, description="技能、证书")
    experience: str = Field(default="", max_length=2000, description="工作经历")
    desired: str = Field(default="", max_length=500, description="期望的工作")
    townships: list[Literal[TOWNSHIPS]] = Field(default_factory=list, max_length=len(TOWNSHIPS),
                                                description="愿意去的乡镇（街道）")
    desired_salary: int | None = Field(default=None, ge=1, le=1_000_000,
                                       description="期望月薪（元），不填为不限")
    work_type: Literal["", "full_time", "part_time"] = Field(
        default="", description="希望全职（full_time）或兼职（part_time）；空为都可以")
    open_to_offers: bool = Field(default=False, description="愿意被推荐给用人单位（推荐时隐去姓名电话）")


class PlacementBody(Body):
    post_id: RowId
    candidate_id: RowId
    start_date: IsoDate
    contract_months: int | None = Field(default=None, ge=1, le=240)
    term_months: int | None = Field(
        default=None, ge=1, le=24,
        description="见习岗位：见习期限（月，国家就业见习通知 3 至 12 个月，以政策参数为准）；"
                    "不填按岗位计划的期限，计划未定的按最长期限")


# --- query strings ----------------------------------------------------------------------

class Query(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class Paged(Query):
    page: int = Field(default=1, ge=1, le=100_000, description="页码")
    per_page: int = Field(default=20, ge=1, le=100, description="每页条数")


class PostQuery(Paged):
    q: str = Field(default="", description="关键词（中文分词检索，按相关度排序）")
    kind: Literal[POST_KINDS] | None = Field(default=None, description="岗位类型")
    township: Literal[TOWNSHIPS] | None = Field(default=None, description="乡镇（街道）")
    industry: str | None = Field(default=None, description="行业")
    education: Literal[EDUCATION_LEVELS] | None = Field(
        default=None, description="我的学历：只列出要求不高于它的岗位")
    salary: Literal[tuple(str(step) for step in SALARY_STEPS)] | None = Field(
        default=None, description="月薪不低于（元）")
    sort: Literal[SORTS] = Field(
        default="relevance",
        description="排序：relevance 相关度（无关键词时即最新）、newest 最新发布、salary 薪资从高到低")


class TopQuery(Query):
    top: int = Field(default=10, ge=1, le=50, description="返回前几名")


class CandidateQuery(Paged):
    group: Literal[GROUPS] | None = Field(default=None, description="人员类别")
    open_to_offers: bool = Field(default=False, description="只列出愿意接受推荐的人")


# --- answers ----------------------------------------------------------------------------

class PostListItem(PostJson):
    highlights: list[str]
    stale: bool


class PostPage(TypedDict):
    """`items` and `total` are the posts matching the keywords themselves (their synonyms,
    their pinyin); `related` are up to 10 posts of neighbouring work that match none of them,
    given with the last page only and never counted in `total`. `unmatched` names keywords that
    found nothing (the search went on with the others); `suggestion` is a word that sounds like
    what was typed (您是不是要找), or null."""

    items: list[PostListItem]
    total: int
    page: int
    per_page: int
    facets: dict[str, dict[str, int]]
    related: list[PostListItem]
    unmatched: list[str]
    suggestion: str | None


class RankedCandidate(CandidateCardJson):
    score: float  # orders the list; people read `fit`
    fit: str  # 很匹配 / 较匹配 / 可以考虑 (matcher/ordering.py)
    why: list[str]


class CandidatePage(TypedDict):
    items: list[CandidateCardJson]
    total: int
    page: int
    per_page: int


class Recommendation(TypedDict):
    post: PostJson
    score: float  # orders the list; people read `fit`
    fit: str  # 很匹配 / 较匹配 / 可以考虑 (matcher/ordering.py)
    why: list[str]


class Verified(TypedDict):
    id: int
    verified: bool


# --- parsing ----------------------------------------------------------------------------

def parse(model: type[Body]) -> Body:
    """The request's JSON as `model`, or Invalid naming each bad field in Chinese."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise Invalid("请求体应为 JSON 对象", code="invalid_json")
    # maxLength counts what was sent, as the schema says; pydantic measures after stripping the
    # whitespace around a value, so one space over the limit passed (schemathesis ST201).
    too_long = {name: MESSAGES["string_too_long"] for name, field in model.model_fields.items()
                if isinstance(value := data.get(name), str)
                and any(len(value) > m.max_length for m in field.metadata
                        if getattr(m, "max_length", None) is not None)}
    if too_long:
        raise Invalid("请求参数有误：" + _listed(too_long), code="invalid_request", fields=too_long)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        fields = _fields(exc)
        raise Invalid("请求参数有误：" + _listed(fields), code="invalid_request",
                      fields=fields) from exc


def parse_query(model: type[Query]) -> Query:
    """The query string as `model`, or Invalid `invalid_query`. A parameter given twice is
    refused rather than half read: the client meant one of the values, we cannot know which."""
    fields = {name: "只能出现一次" for name in model.model_fields if len(request.args.getlist(name)) > 1}
    if not fields:
        try:
            return model.model_validate(request.args.to_dict())
        except ValidationError as exc:
            fields = _fields(exc)
    raise Invalid("查询参数有误：" + _listed(fields), code="invalid_query", fields=fields)


def _fields(exc: ValidationError) -> dict[str, str]:
    return {".".join(str(part) for part in err["loc"]) or "body": MESSAGES.get(err["type"], "格式不正确")
            for err in exc.errors()}


def _listed(fields: dict[str, str]) -> str:
    return "，".join(f"{name} {problem}" for name, problem in fields.items())
