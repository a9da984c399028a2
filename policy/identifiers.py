"""China's identifiers: 居民身份证号码 (GB 11643-1999), 统一社会信用代码 (GB 32100-2015), mobiles.

Registration, imports and the demo all check these numbers the same way, so a typo is caught
at the edge with a Chinese message instead of becoming a second account for the same person.
Input is normalised first (NFKC turns full-width digits and letters into ASCII, spaces go),
because people type these numbers on phones with Chinese keyboards.

Masking lives here too: pages and exports show `3501**********1234`, never the whole number.
"""

import re
import unicodedata
from datetime import date

from policy.errors import Invalid

ID_NUMBER_WEIGHTS: tuple[int, ...] = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_NUMBER_CHECK_CHARS = "10X98765432"  # indexed by (weighted sum mod 11)

CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, Z, S, V
CREDIT_CODE_WEIGHTS: tuple[int, ...] = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

_ID_NUMBER_SHAPE = re.compile(r"[1-9]\d{16}[\dX]")
_AREA_CODE_SHAPE = re.compile(r"[1-9]\d{5}")
_CREDIT_CODE_SHAPE = re.compile(rf"[{CREDIT_CODE_CHARSET}]{{2}}\d{{6}}[{CREDIT_CODE_CHARSET}]{{10}}")
_MOBILE_SHAPE = re.compile(r"1[3-9]\d{9}")
_OLDEST_BIRTH_YEAR = 1800  # the standard's own example, 440524188001010014, is born in 1880


class InvalidIdentifier(Invalid):
    """A malformed identifier: `code` is stable for the API, `message` is shown to the user."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message, code=code)


def _normalise(s: str) -> str:
    """Full-width to ASCII, no whitespace or hyphens, letters upper-case."""
    text = unicodedata.normalize("NFKC", s)
    return re.sub(r"[\s\-]", "", text).upper()


def _id_check_char(first17: str) -> str:
    total = sum(int(ch) * w for ch, w in zip(first17, ID_NUMBER_WEIGHTS, strict=True))
    return ID_NUMBER_CHECK_CHARS[total % 11]


def _embedded_birth_date(number: str) -> date:
    """The YYYYMMDD of positions 7–14; ValueError when it is not a calendar date."""
    return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def validate_id_number(s: str, *, as_of: date | None = None) -> str:
    """The normalised 18-character number, or InvalidIdentifier saying what is wrong.

    GB 11643-1999: 6-digit area, 8-digit birth date, 3-digit sequence, check character
    (weights 2^(17-i) mod 11, sum mod 11 indexes "10X98765432"). The birth date must be a
    real date between 1800 and `as_of` (default today).
    """
    number = _normalise(s)
    if not _ID_NUMBER_SHAPE.fullmatch(number):
        raise InvalidIdentifier(
            "invalid_id_number", "身份证号码格式不正确：应为18位，前17位为数字，最后一位为数字或X"
        )
    try:
        born = _embedded_birth_date(number)
    except ValueError:
        born = None
    if born is None or born.year < _OLDEST_BIRTH_YEAR or born > (as_of or date.today()):
        raise InvalidIdentifier("invalid_id_number", "身份证号码中的出生日期不正确")
    if _id_check_char(number[:17]) != number[17]:
        raise InvalidIdentifier("invalid_id_number", "身份证号码校验码不正确，请核对后重新输入")
    return number


def birth_date_from_id(s: str, *, as_of: date | None = None) -> date:
    """The birth date embedded in a valid number (raises InvalidIdentifier otherwise)."""
    return _embedded_birth_date(validate_id_number(s, as_of=as_of))


def sex_from_id(s: str, *, as_of: date | None = None) -> str:
    """"male" or "female" from a valid number: the 17th character (the sequence's last digit)
    is odd for men and even for women (GB 11643-1999)."""
    return "male" if int(validate_id_number(s, as_of=as_of)[16]) % 2 else "female"


def make_id_number(area6: str, birth_date: date, seq3: int | str) -> str:
    """A number with its check character: area code, birth date, sequence (odd = male)."""
    area = str(area6)
    seq = f"{int(seq3):03d}"
    if not _AREA_CODE_SHAPE.fullmatch(area) or len(seq) != 3:
        raise ValueError(f"bad area code {area6!r} or sequence {seq3!r}")
    first17 = f"{area}{birth_date:%Y%m%d}{seq}"
    return first17 + _id_check_char(first17)


def _credit_check_char(first17: str) -> str:
    total = sum(CREDIT_CODE_CHARSET.index(ch) * w for ch, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def validate_credit_code(s: str) -> str:
    """The normalised 18-character code, or InvalidIdentifier.

    GB 32100-2015: registration authority and organisation type (2 chars), administrative
    area (6 digits), organisation code (9 chars), check character = 31 − (Σ value×weight mod 31),
    31 becoming 0. The letters I, O, Z, S and V never occur.
    """
    code = _normalise(s)
    if not _CREDIT_CODE_SHAPE.fullmatch(code):
        raise InvalidIdentifier(
            "invalid_credit_code",
            "统一社会信用代码格式不正确：应为18位数字或大写字母（不含I、O、Z、S、V）",
        )
    if _credit_check_char(code[:17]) != code[17]:
        raise InvalidIdentifier("invalid_credit_code", "统一社会信用代码校验码不正确，请核对后重新输入")
    return code


def make_credit_code(first17: str) -> str:
    """The code with its check character appended (first17 must use the code's charset)."""
    head = _normalise(first17)
    if len(head) != 17 or any(ch not in CREDIT_CODE_CHARSET for ch in head):
        raise ValueError(f"not the first 17 characters of a credit code: {first17!r}")
    return head + _credit_check_char(head)


def validate_mobile(s: str) -> str:
    """A mainland mobile number as 11 digits (1[3-9]…), without spaces or a +86 prefix."""
    number = _normalise(s)
    for prefix in ("+86", "0086"):
        if number.startswith(prefix):
            number = number[len(prefix) :]
            break
    if len(number) == 13 and number.startswith("86"):
        number = number[2:]
    if not _MOBILE_SHAPE.fullmatch(number):
        raise InvalidIdentifier("invalid_phone", "手机号码格式不正确：应为以1开头的11位中国大陆手机号")
    return number


def _mask_middle(s: str, keep_head: int, keep_tail: int) -> str:
    if len(s) <= keep_head + keep_tail:
        return "*" * len(s)
    return s[:keep_head] + "*" * (len(s) - keep_head - keep_tail) + s[len(s) - keep_tail :]


def mask_id_number(s: str) -> str:
    """`3501**********1234`: first 4 and last 4 characters kept."""
    return _mask_middle(s, 4, 4)


def mask_phone(s: str) -> str:
    """`138****5678`: first 3 and last 4 digits kept."""
    return _mask_middle(s, 3, 4)


# A run of digits, possibly written with spaces, '+', '-' or '%20' between them (how a search
# box sends `138 0000 0000`), and a trailing X (the 身份证号 check character).
_DIGIT_RUN = re.compile(r"\d(?:(?:[ +\-]|%20)?\d)*(?:[Xx](?![0-9A-Za-z]))?")
_LONGEST_SAFE_RUN = 10  # dates (8 digits) and row ids stay readable; phones have 11


def mask_numbers_in_text(text: str) -> str:
    """Free text (a URL, a search term) with every phone- or 身份证号-like run of 11 or more
    digits masked as mask_phone / mask_id_number would: logs keep the shape, not the number."""

    def masked(match: re.Match[str]) -> str:
        digits = re.sub(r"[^\dXx]", "", match.group(0).replace("%20", ""))
        if sum(c.isdigit() for c in digits) <= _LONGEST_SAFE_RUN:
            return match.group(0)
        return mask_phone(digits) if len(digits) == 11 else mask_id_number(digits)

    return _DIGIT_RUN.sub(masked, text)


def mask_name(s: str) -> str:
    """`张*`, `欧***`: the first character kept, the rest starred."""
    return s[:1] + "*" * max(len(s) - 1, 0)
