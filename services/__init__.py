"""Use cases: each function changes state inside the caller's transaction.

They take a Session first, call policy and the matcher, flush, and never commit: the view
or CLI command owns the transaction, so a failure leaves nothing half-written.
"""

# Every session of a process that uses the services records the matcher's changes.
from services.change_log import install  # noqa: E402

install()
