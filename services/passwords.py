"""Password hashing (argon2id) and the strength rule applied at registration and change."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from policy.errors import Invalid

MIN_LENGTH = 8
MAX_LENGTH = 256
# The most common Chinese passwords in leaked lists; a short list catches most attempts.
COMMON = frozenset(
    {
        "12345678", "123456789", "1234567890", "11111111", "88888888", "00000000",
        "woaini1314", "woaini520", "5201314520", "1qaz2wsx", "a1234567", "a12345678",
        "abc12345", "abcd1234", "password", "password1", "qwerty123", "iloveyou",
        "aa123456", "zxcvbnm123", "qq123456", "147258369", "987654321", "asd123456",
    }
)

_hasher = PasswordHasher()


def check_strength(password: str) -> None:
    """Reject short, overlong and common passwords; any Unicode is allowed and kept whole."""
    if len(password) < MIN_LENGTH:
        raise Invalid(f"密码至少需要 {MIN_LENGTH} 个字符", code="weak_password",
                      # bandit B105: a message, not a password
                      fields={"password": "密码太短"})  # nosec B105
    if len(password) > MAX_LENGTH:
        raise Invalid(f"密码不能超过 {MAX_LENGTH} 个字符", code="weak_password",
                      # bandit B105: a message, not a password
                      fields={"password": "密码太长"})  # nosec B105
    if password.lower() in COMMON or len(set(password)) <= 2:
        raise Invalid("密码过于常见，请换一个更难猜的密码", code="weak_password",
                      # bandit B105: a message, not a password
                      fields={"password": "密码过于常见"})  # nosec B105


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# Verified against when the phone is unknown, so both failures take the same time.
DUMMY_HASH = _hasher.hash("jobbridge-timing-equaliser")
