"""The answers' JSON (web/json_answers.py): what the standard library's provider wrote, orjson
writes too — numbers, Chinese as UTF-8, dataclasses, decimals — and dates as ISO 8601."""

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np


@dataclass
class Pair:
    name: str
    score: float


def test_answers_hold_what_the_api_returns_and_read_back(app):
    with app.app_context():
        written = app.json.dumps({"score": round(np.float64(0.123456), 4), "count": np.int64(3),
                                  "title": "会计", "day": date(2020, 9, 1), "fen": Decimal("18.00"),
                                  "pair": Pair("出纳", 0.5), 7: "seven"})
        response = app.json.response({"title": "会计"})
    assert "会计" in written  # UTF-8, not \\u escapes
    assert json.loads(written) == {"score": 0.1235, "count": 3, "title": "会计", "day": "2020-09-01",
                                   "fen": "18.00", "pair": {"name": "出纳", "score": 0.5}, "7": "seven"}
    assert response.mimetype == "application/json" and json.loads(response.get_data()) == {"title": "会计"}
