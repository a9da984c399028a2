"""The JSON of every answer, written by orjson.

Flask's default provider writes through the standard library: a page of twenty search results
(22 kB) took 0.16 ms to encode, orjson 0.01 ms — on the uncached search, several per cent of
the whole request. What the answers hold is plain data (dicts, lists, strings, numbers, the
API's TypedDicts), written as UTF-8 (Chinese stays readable) with keys in the order the code
builds them; a date is written as ISO 8601. Reading request bodies stays with the standard
library, whose errors web/inputs.py already answers.
"""

from typing import Any

import orjson
from flask import Response
from flask.json.provider import DefaultJSONProvider


class OrjsonProvider(DefaultJSONProvider):
    """`jsonify` and `flask.json.dumps` through orjson; anything it cannot write goes through
    Flask's own `default` (dataclasses, decimals, `__html__`) first."""

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        return self._encode(obj).decode()

    def response(self, *args: Any, **kwargs: Any) -> Response:
        return self._app.response_class(self._encode(self._prepare_response_obj(args, kwargs)),
                                        mimetype=self.mimetype)

    def _encode(self, obj: Any) -> bytes:
        # numpy scalars (a score rounded by `round()` stays one) are numbers, as they were
        return orjson.dumps(obj, default=self.default,
                            option=orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY)
