"""GET /openapi.json: the OpenAPI 3.1 document, built from the app's URL map and each view's
@documented contract, so it lists exactly the routes that exist, with the pydantic models
that validate their requests and the TypedDicts their views answer with.

OpenAPI 3.1 because its schemas are JSON Schema 2020-12, which is what pydantic writes: the
models go in unconverted.
"""

import re
from typing import Any, NamedTuple

from flask import Flask, current_app, jsonify
from pydantic import TypeAdapter

from web import ID_MAX
from web.api import bp
from web.api.contract import ROLE_LABELS, Operation, documented
from web.api.schemas import Query

REF = "#/components/schemas/{model}"
PATH_PARAMETER = re.compile(r"<(?:(?P<converter>\w+)(?:\([^)]*\))?:)?(?P<name>\w+)>")
PATH_SCHEMAS = {"int": {"type": "integer", "minimum": 0, "maximum": ID_MAX}}
STATUS_LABELS = {
    200: "成功", 201: "已创建", 202: "已受理", 400: "请求体无法处理（JSON 嵌套过深）",
    401: "未登录或令牌无效", 403: "无权操作", 404: "不存在",
    409: "与当前状态冲突", 413: "请求体过大", 422: "请求参数或内容有误", 429: "尝试过于频繁，请稍后再试",
    503: "服务暂时不可用（数据库或 Redis 中断），请稍后再试",
}
# Operations are grouped by the module that serves them.
TAGS = {
    "auth": "账号与令牌", "posts": "岗位", "applications": "求职申请", "me": "我的求职",
    "candidates": "候选人", "programs": "岗位计划、单位审核与安置", "openapi": "接口文档",
    "docs": "接口文档", "monitoring": "就业监测", "parameters": "政策参数", "messages": "站内消息",
    "hiring": "邀请、面试与录用", "subsidies": "补贴申领",
}
# web/errors.py answers every failure in this shape.
ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {
        "type": "object",
        "required": ["code", "message", "fields"],
        "properties": {
            "code": {"type": "string", "description": "稳定的英文错误码，供程序判断"},
            "message": {"type": "string", "description": "中文说明，可直接展示"},
            "fields": {
                "type": "object",
                "description": "出错的字段及原因",
                "additionalProperties": {"anyOf": [
                    {"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
            },
            "request_id": {"type": "string",
                           "description": "错误编号，与响应头 X-Request-ID 相同，也写在服务器日志里"},
        },
    }},
}


@bp.get("/openapi.json")
@documented("OpenAPI 3.1 接口描述（由校验请求的代码生成）", responses={200: dict[str, Any]})
def openapi_document():
    return jsonify(document(current_app))


def document(app: Flask) -> dict:
    """Built once per app: the routes and their contracts do not change while it runs."""
    if "openapi" not in app.extensions:
        app.extensions["openapi"] = build_document(app)
    return app.extensions["openapi"]


class Route(NamedTuple):
    path: str  # OpenAPI style: /api/v1/posts/{post_id}
    method: str
    endpoint: str
    rule: str  # Werkzeug style: /api/v1/posts/<int:post_id>
    module: str
    operation: Operation


def api_routes(app: Flask) -> list[Route]:
    """Every API route and method with its contract; a route without one is an error, not a
    gap in the document."""
    found = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        if not rule.endpoint.startswith("api."):
            continue
        view = app.view_functions[rule.endpoint]
        operation = getattr(view, "operation", None)
        if operation is None:
            raise LookupError(f"{rule.endpoint} ({rule.rule}) has no @documented contract")
        path = PATH_PARAMETER.sub(r"{\g<name>}", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append(Route(path, method.lower(), rule.endpoint, rule.rule,
                               view.__module__.rsplit(".", 1)[-1], operation))
    return found


def build_document(app: Flask) -> dict:
    routes = api_routes(app)
    types = {}
    for route in routes:
        if route.operation.body is not None:
            types[(route.endpoint, "body")] = ("validation", route.operation.body)
        for status, answer in route.operation.responses.items():
            types[(route.endpoint, status)] = ("serialization", answer)
    by_mode, definitions = TypeAdapter.json_schemas(
        [(key, mode, TypeAdapter(kind)) for key, (mode, kind) in types.items()], ref_template=REF)
    schemas = {key: schema for (key, _mode), schema in by_mode.items()}

    paths: dict[str, dict] = {}
    for route in routes:
        paths.setdefault(route.path, {})[route.method] = _operation(route, schemas)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "就业直通车 API",
            "version": "1",
            "description": "长乐区就业直通车的 JSON 接口。登录用手机号和密码换取令牌，"
                           "之后在请求头中携带 `Authorization: Bearer <令牌>`。"
                           "出错时返回 `{\"error\": {\"code\", \"message\", \"fields\"}}`。",
        },
        "tags": [{"name": name} for name in dict.fromkeys(TAGS.values())],
        "paths": paths,
        "components": {
            "schemas": {**definitions.get("$defs", {}), "Error": ERROR_SCHEMA},
            "securitySchemes": {"bearerAuth": {
                "type": "http", "scheme": "bearer",
                "description": "POST /api/v1/auth/token 换取的令牌，12 小时内有效，退出登录即失效；"
                               "区人社局的令牌 30 分钟未使用即失效。接口只认令牌，"
                               "不认网页登录的 Cookie",
            }},
        },
    }


def _operation(route: Route, schemas: dict) -> dict:
    operation, endpoint = route.operation, route.endpoint
    item: dict[str, Any] = {
        "operationId": endpoint.removeprefix("api."),
        "summary": operation.summary,
        "tags": [TAGS[route.module]],
    }
    parameters = [_path_parameter(match) for match in PATH_PARAMETER.finditer(route.rule)]
    if operation.query is not None:
        parameters += _query_parameters(operation.query)
    if parameters:
        item["parameters"] = parameters
    if operation.body is not None:
        item["requestBody"] = {"required": True, "content": {
            "application/json": {"schema": schemas[(endpoint, "body")]}}}
    if operation.roles is not None:
        item["security"] = [{"bearerAuth": []}]
        item["x-roles"] = list(operation.roles)
        item["description"] = "权限：" + "、".join(ROLE_LABELS[r] for r in operation.roles)
    responses = {
        str(status): {"description": STATUS_LABELS[status],
                      "content": {operation.media_type: {"schema": schemas[(endpoint, status)]}}}
        for status in operation.responses
    }
    for status, codes in operation.error_codes(routed_ids="<" in route.rule).items():
        responses[str(status)] = {
            "description": STATUS_LABELS[status],
            "content": {"application/json": {"schema": {
                "allOf": [{"$ref": REF.format(model="Error")}],
                "properties": {"error": {"properties": {"code": {"enum": list(codes)}}}},
            }}},
        }
        if status in (429, 503):
            responses[str(status)]["headers"] = {"Retry-After": {
                "description": "多少秒后可以再试", "schema": {"type": "integer"}}}
    item["responses"] = responses
    return item


def _path_parameter(match: re.Match) -> dict:
    return {"name": match["name"], "in": "path", "required": True,
            "schema": PATH_SCHEMAS.get(match["converter"] or "", {"type": "string"})}


def _query_parameters(model: type[Query]) -> list[dict]:
    """One parameter per field; "or null" is dropped, since absent is how a query says it."""
    schema = model.model_json_schema(ref_template=REF)
    required = set(schema.get("required", ()))
    parameters = []
    for name, field in schema["properties"].items():
        field = {k: v for k, v in field.items() if k != "title"}
        description = field.pop("description", "")
        branches = [b for b in field.pop("anyOf", ()) if b != {"type": "null"}]
        if len(branches) == 1:
            field.update(branches[0])
        if field.get("default", "") is None:
            del field["default"]
        parameters.append({"name": name, "in": "query", "required": name in required,
                           "description": description, "schema": field})
    return parameters
