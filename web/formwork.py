"""Running a page form's use case: one transaction, and a broken rule shown on its field."""

from flask import flash

from policy.errors import DomainError
from web.database import transaction


def attempt(form, work) -> bool:
    """Run `work(session)` in one transaction; on a DomainError nothing is written, the message
    is flashed and each named field carries its own."""
    try:
        with transaction() as s:
            work(s)
        return True
    except DomainError as error:
        for field, message in error.fields.items():
            if field in form:
                form[field].errors.append(message)
        flash(error.message, "error")
        return False
