"""Today's date as the app sees it: the real date, or AS_OF_DATE when pinned (the 2020 demo)."""

from datetime import date

from flask import current_app


def today() -> date:
    return current_app.config.get("AS_OF_DATE") or date.today()
