"""Pages of the district HR bureau (区人社局)."""

from flask import Blueprint

bp = Blueprint("bureau", __name__)

from web.bureau import (  # noqa: E402,F401
    admin,
    board,
    employers,
    followups,
    imports,
    matching,
    monitoring,
    outbox,
    parameters,
    placements,
    subsidy_claims,
    subsidy_export,
    views,
)
