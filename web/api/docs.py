"""GET /docs: the OpenAPI document as a Chinese HTML page, rendered on the server.

Server-side rather than Swagger UI: nothing to vendor or keep patched, no script at all
(the CSP allows none inline), and the page cannot show anything the document does not say
because it reads nothing else.
"""

from dataclasses import dataclass, field

from flask import current_app, render_template

from web.api import bp
from web.api.contract import ROLE_LABELS, documented
from web.api.openapi import document

TYPE_LABELS = {"string": "文本", "integer": "整数", "number": "数值", "boolean": "布尔值",
               "object": "对象", "array": "列表", "null": "空"}
LOCATION_LABELS = {"path": "路径", "query": "查询"}


@dataclass
class Row:
    name: str
    type: str
    required: bool
    note: str
    where: str = ""


@dataclass
class Answer:
    status: str
    description: str
    type: str
    codes: list[str]


@dataclass
class Entry:
    anchor: str
    method: str
    path: str
    summary: str
    roles: str
    parameters: list[Row]
    body: str
    answers: list[Answer]


@dataclass
class Section:
    title: str
    entries: list[Entry] = field(default_factory=list)


@bp.get("/docs")
@documented("接口文档（本页）", responses={200: str}, media_type="text/html")
def api_docs():
    spec = document(current_app)
    return render_template("api_docs.html", info=spec["info"], sections=sections(spec),
                           models=models(spec))


def sections(spec: dict) -> list[Section]:
    grouped = {tag["name"]: Section(tag["name"]) for tag in spec["tags"]}
    for path, methods in spec["paths"].items():
        for method, item in methods.items():
            grouped[item["tags"][0]].entries.append(Entry(
                anchor=item["operationId"], method=method.upper(), path=path,
                summary=item["summary"],
                roles="、".join(ROLE_LABELS[r] for r in item.get("x-roles", ())) or "公开",
                parameters=[Row(p["name"], type_label(p["schema"]), p["required"],
                                note(p["schema"], p.get("description", "")),
                                LOCATION_LABELS[p["in"]])
                            for p in item.get("parameters", ())],
                body=type_label(item["requestBody"]["content"]["application/json"]["schema"])
                if "requestBody" in item else "",
                answers=[_answer(status, response) for status, response in item["responses"].items()],
            ))
    return [section for section in grouped.values() if section.entries]


def models(spec: dict) -> dict[str, list[Row]]:
    """Each named schema's fields, for the tables the operations link to."""
    found = {}
    for name, schema in sorted(spec["components"]["schemas"].items()):
        required = set(schema.get("required", ()))
        found[name] = [Row(prop, type_label(sub), prop in required, note(sub, sub.get("description", "")))
                       for prop, sub in schema.get("properties", {}).items()]
    return found


def _answer(status: str, response: dict) -> Answer:
    [(media_type, content)] = response["content"].items()
    schema = content["schema"]
    codes = schema.get("properties", {}).get("error", {}).get("properties", {}).get("code", {})
    return Answer(status, response["description"],
                  "Error" if "allOf" in schema else f"{type_label(schema)}（{media_type}）",
                  codes.get("enum", []))


def type_label(schema: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        kinds = [type_label(s) for s in schema["anyOf"] if s.get("type") != "null"]
        nullable = len(kinds) < len(schema["anyOf"])
        return " 或 ".join(kinds) + ("，可为 null" if nullable else "")
    if "enum" in schema:
        return "取值：" + " / ".join(str(v) for v in schema["enum"])
    kind = schema.get("type", "")
    if kind == "array":
        return f"列表（{type_label(schema.get('items', {}))}）"
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        return f"键值对（{type_label(schema['additionalProperties'])}）"
    label = TYPE_LABELS.get(kind, "任意")
    return f"{label}（{schema['format']}）" if "format" in schema else label


def note(schema: dict, description: str) -> str:
    """The description, then the limits a client must respect."""
    limits = []
    for key, text in (("minLength", "至少 {} 字"), ("maxLength", "最多 {} 字"),
                      ("minimum", "最小 {}"), ("maximum", "最大 {}"),
                      ("minItems", "至少 {} 项"), ("maxItems", "最多 {} 项")):
        if key in schema:
            limits.append(text.format(schema[key]))
    if schema.get("default") not in (None, ""):
        limits.append(f"默认 {schema['default']}")
    return "；".join(part for part in (description, "，".join(limits)) if part)
