"""Domain errors: a stable snake_case `code` for API clients and a Chinese `message` for people.

The web layer maps them in one place (web/errors.py): NotFound → 404, Forbidden → 403,
Conflict → 409, everything else → 422.
"""


class DomainError(Exception):
    code = "invalid"

    def __init__(self, message: str, code: str | None = None, fields: dict[str, str] | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.fields = fields or {}


class Invalid(DomainError):
    """Input that breaks a rule: a bad ID number, a weak password, a missing field."""


class Conflict(DomainError):
    """The request is valid but collides with the current state (already applied, post full)."""

    code = "conflict"


class NotFound(DomainError):
    code = "not_found"


class Forbidden(DomainError):
    code = "forbidden"


class Unauthenticated(DomainError):
    """Wrong or missing credentials."""

    code = "unauthenticated"
