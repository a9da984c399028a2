"""Query-string parameters: closed choices and bounded positive integers, checked once."""

from flask import request

from policy.errors import Invalid


def choice(name: str, allowed) -> str | None:
    value = request.args.get(name) or None
    if value is not None and value not in allowed:
        raise Invalid(f"参数 {name} 的取值无效", code="invalid_query", fields={name: "无效取值"})
    return value


def positive_int(name: str, default: int, maximum: int = 100_000) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= maximum:
        raise Invalid(f"参数 {name} 应为 1 到 {maximum} 之间的整数", code="invalid_query",
                      fields={name: "应为正整数"})
    return int(raw)
