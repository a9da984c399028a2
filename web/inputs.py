"""Inputs every view could trip over, refused once for every request before any view reads them.

- NUL: PostgreSQL cannot store it in text, so a form field, query parameter or JSON string
  holding it would otherwise end in a database error (a 500) instead of a clear refusal.
- Deeply nested JSON: walking (or even parsing) thousands of `[` raises RecursionError, which
  made every route, /healthz included, answer 500. Such a body gets 400 `invalid_request`, as
  JSON on every route: whoever sent JSON reads JSON.

The rules themselves (what counts as too deep, which characters a name may not hide) live in
policy/text.py; `visible` and `VisibleText` apply the latter to WTForms fields and API schemas.
"""

from typing import Annotated

from flask import Flask, request
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError
from wtforms.validators import ValidationError

from policy.errors import Invalid
from policy.text import HIDDEN_CHARACTERS, JSON_TOO_DEEP, hidden_characters, json_problem
from web.errors import error_response

# Row ids are PostgreSQL INTEGERs.
ID_MAX = 2**31 - 1
NUL = "\x00"
MESSAGE = "输入中含有不可见的空字符，请删除后重试"


def init_app(app: Flask) -> None:
    app.before_request(refuse_broken_input)


def refuse_broken_input():
    form = [name for name, value in request.form.items(multi=True) if NUL in value]
    if request.is_json and not form:
        try:
            problem = json_problem(request.get_json(silent=True))
        except RecursionError:  # the JSON parser's own limit, some hundreds of levels deeper
            problem = "too_deep"
        if problem == "too_deep":
            return error_response(400, "invalid_request", JSON_TOO_DEEP, {"body": "嵌套过深"},
                                  as_json=True)
        if problem == "nul":
            form = ["body"]
    if form:
        raise Invalid(MESSAGE, code="invalid_request", fields=dict.fromkeys(form, "含有空字符"))
    query = [name for name, value in request.args.items(multi=True) if NUL in value]
    if query:
        raise Invalid(MESSAGE, code="invalid_query", fields=dict.fromkeys(query, "含有空字符"))
    return None


def row_id(text: str) -> int:
    """A row id in a query string (`request.args.get("employer", type=row_id)`): a number no
    row can have is no filter (Werkzeug answers the default for a ValueError), rather than a
    query the database refuses (a 500)."""
    value = int(text)
    if not 1 <= value <= ID_MAX:
        raise ValueError(text)
    return value


def visible(_form, field) -> None:
    """WTForms validator for names and titles: no bidi controls or zero-width characters."""
    if isinstance(field.data, str) and hidden_characters(field.data):
        raise ValidationError(HIDDEN_CHARACTERS)


def _visible_text(value: str) -> str:
    if hidden_characters(value):
        raise PydanticCustomError("hidden_characters", HIDDEN_CHARACTERS)
    return value


VisibleText = Annotated[str, AfterValidator(_visible_text)]
"""A name or title in an API body: the same rule as `visible`, a 422 naming the field."""
