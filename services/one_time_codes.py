"""6-digit codes sent by SMS (忘记密码, 代办授权): made here, kept only as an argon2 hash, valid for
CODE_LIFETIME, and burned after MAX_WRONG_ATTEMPTS wrong guesses. The rows that hold them
(PasswordReset, DelegationConsent) have `code_hash` and `wrong_attempts`."""

import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from services.passwords import hash_password, verify_password

CODE_LIFETIME = timedelta(minutes=5)
MAX_WRONG_ATTEMPTS = 5


def make() -> tuple[str, str]:
    """A new code and the hash to store; the code itself goes only into the SMS."""
    code = f"{secrets.randbelow(10**6):06d}"
    return code, hash_password(code)


def matches(row: Any, code: str, burn: Callable[[], None]) -> bool:
    """Whether `code` is the row's; a wrong guess is counted on the row (the caller commits it),
    and the last allowed one calls `burn` to end the code."""
    if verify_password(row.code_hash, code.strip()):
        return True
    row.wrong_attempts += 1
    if row.wrong_attempts >= MAX_WRONG_ATTEMPTS:
        burn()
    return False
