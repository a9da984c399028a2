"""@documented: each API view declares who may call it, what it reads and what it answers.

The declaration is not a comment beside the code: the decorator checks the role, parses the
query string and the JSON body with the declared pydantic models and hands them to the view
(`query=`, `body=`), and web/api/openapi.py builds the OpenAPI document from the same
declarations and the app's URL map. A view therefore cannot validate one thing and document
another, and a route without a declaration breaks the document's build (and its test).

Why our own 100 lines rather than flask-smorest, APIFlask or spectree: the first two bring
marshmallow or their own app class and error format, and spectree validates in its own way
with its own error body. The views already validate with pydantic and answer every error
in one shape (web/errors.py); this keeps both and adds only the description.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from web.api.schemas import Body, Query, parse, parse_query
from web.security import role_required

ROLE_LABELS = {"seeker": "求职者", "employer": "用人单位", "bureau": "区人社局", "township": "镇街协理员"}
# services.placements.place_candidate's conflicts, answered by every route that places someone.
PLACEMENT_CONFLICTS = ("post_full", "already_placed", "ineligible", "not_fresh_graduate")


@dataclass(frozen=True)
class Operation:
    """One route's contract. `responses` maps a success status to the type of its JSON body;
    `errors` maps an error status to the codes the route's services may answer with."""

    summary: str
    responses: dict[int, Any]
    roles: tuple[str, ...] | None = None
    query: type[Query] | None = None
    body: type[Body] | None = None
    errors: dict[int, tuple[str, ...]] = field(default_factory=dict)
    media_type: str = "application/json"

    def error_codes(self, routed_ids: bool) -> dict[int, tuple[str, ...]]:
        """The declared codes plus those the declaration implies; `routed_ids`: the path holds
        ids: the router answers 404 for one that is no id at all, and web/probes.py 429 to a
        client that met too many 403/404 answers on such routes."""
        implied: dict[int, list[str]] = (
            {404: ["not_found"], 429: ["too_many_requests"]} if routed_ids else {})
        # Any route may meet its database (or the login counters' Redis) down: web/errors.py.
        implied[503] = ["service_unavailable"]
        if self.roles is not None:
            implied.setdefault(401, []).append("unauthorized")
            implied.setdefault(403, []).append("forbidden")
            if "township" not in self.roles:  # web.security: staff work on the pages
                implied[403].append("township_pages_only")
        if self.query is not None:
            implied.setdefault(422, []).append("invalid_query")
        if self.body is not None:
            implied.setdefault(400, []).append("invalid_request")  # JSON nested too deep
            implied.setdefault(413, []).append("payload_too_large")
            implied.setdefault(422, []).extend(["invalid_json", "invalid_request"])
        for status, codes in self.errors.items():
            implied.setdefault(status, []).extend(codes)
        return {status: tuple(dict.fromkeys(codes)) for status, codes in sorted(implied.items())}


def documented(summary: str, *, responses: dict[int, Any], roles: tuple[str, ...] | None = None,
               query: type[Query] | None = None, body: type[Body] | None = None,
               errors: dict[int, tuple[str, ...]] | None = None,
               media_type: str = "application/json") -> Callable:
    """Guard, parse and describe a view. `roles=None` is public; a tuple needs a bearer
    token of one of those roles (401 without one, 403 with another)."""
    operation = Operation(summary=summary, responses=responses, roles=roles, query=query,
                          body=body, errors=errors or {}, media_type=media_type)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def parsed(*args, **kwargs):
            if query is not None:
                kwargs["query"] = parse_query(query)
            if body is not None:
                kwargs["body"] = parse(body)
            return view(*args, **kwargs)

        guarded = parsed if roles is None else role_required(*roles)(parsed)
        guarded.operation = operation
        return guarded

    return decorator
