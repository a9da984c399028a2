"""No input may carry a NUL character: PostgreSQL cannot store one in text, so a form field,
query parameter or JSON string holding it would otherwise end in a database error (a 500)
instead of a clear refusal. Checked once for every request, before any view reads its input."""

from flask import Flask, request

from policy.errors import Invalid

NUL = "\x00"
MESSAGE = "输入中含有不可见的空字符，请删除后重试"


def init_app(app: Flask) -> None:
    app.before_request(refuse_nul)


def refuse_nul() -> None:
    form = [name for name, value in request.form.items(multi=True) if NUL in value]
    if form or (request.is_json and _holds_nul(request.get_json(silent=True))):
        raise Invalid(MESSAGE, code="invalid_request", fields=dict.fromkeys(form or ["body"], "含有空字符"))
    query = [name for name, value in request.args.items(multi=True) if NUL in value]
    if query:
        raise Invalid(MESSAGE, code="invalid_query", fields=dict.fromkeys(query, "含有空字符"))


def _holds_nul(value) -> bool:
    """A string, key or nested value of a JSON document holds NUL."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False
