"""gunicorn's access log, with phone- and 身份证号-like numbers masked.

The access log prints the request line with its query string (`GET /search?q=13800005678`)
and the Referer (the search page a visitor came from): a search for a person by phone or ID
number would otherwise be kept in plain text for the months logs are retained. Every value the
log format can name is masked the way policy.identifiers masks them on pages.
`gunicorn.conf.py` selects this class (`logger_class`).
"""

from gunicorn.glogging import Logger

from policy.identifiers import mask_numbers_in_text


class MaskingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {key: mask_numbers_in_text(value) if isinstance(value, str) else value
                for key, value in atoms.items()}
