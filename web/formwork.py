"""Running a page form's use case: one transaction, and a broken rule shown to the user."""

from collections.abc import Callable

from flask import flash

from policy.errors import DomainError
from web.database import retrying


def attempt(form, work, on_error: Callable[[DomainError], None] | None = None) -> bool:
    """Run `work(session)` in one transaction; on a DomainError nothing is written, the message
    is flashed, each named field carries its own, and `on_error(error)` is told.

    The transaction starts over when SQLite refused a concurrent writer (web.database.retrying):
    an edit racing a placement would otherwise answer 500. SQLite refuses at the first write,
    before `work` returns, so what `work` hands back is never kept from a failed attempt."""
    try:
        retrying(work)
        return True
    except DomainError as error:
        if on_error is not None:
            on_error(error)
        for field, message in error.fields.items():
            if field in form:
                form[field].errors.append(message)
        flash(error.message, "error")
        return False


def submit(form, work: Callable, success: Callable[[object], str]) -> None:
    """For an action that redirects back (no form to re-render): check the form, run
    `work(session)` in one transaction, and flash `success(result)` or what went wrong."""
    if form is not None and not form.validate_on_submit():
        flash("；".join(e for errors in form.errors.values() for e in errors), "error")
        return
    try:
        result = retrying(work)
    except DomainError as error:
        flash(error.message, "error")
        return
    flash(success(result), "success")
