"""The identifier validators against the standards' own examples and typical typos."""

from datetime import date

import pytest

from policy.errors import Invalid
from policy.identifiers import (
    InvalidIdentifier,
    birth_date_from_id,
    make_credit_code,
    make_id_number,
    mask_id_number,
    mask_name,
    mask_numbers_in_text,
    mask_phone,
    validate_credit_code,
    validate_id_number,
    validate_mobile,
)

AS_OF = date(2020, 9, 1)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("11010519491231002X", "11010519491231002X"),  # GB 11643-1999's example
        ("440524188001010014", "440524188001010014"),  # the standard's second example
        ("11010519491231002x", "11010519491231002X"),
        (" 110105 19491231 002X ", "11010519491231002X"),
        ("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X"),  # full-width input
    ],
)
def test_a_valid_id_number_is_returned_normalised(raw, expected):
    assert validate_id_number(raw, as_of=AS_OF) == expected


@pytest.mark.parametrize(
    "raw, fragment",
    [
        ("110105194912310021", "校验码"),
        ("110105199902300021", "出生日期"),  # 1999-02-30
        ("350182203001010011", "出生日期"),  # born in 2030
        ("11010519491231002", "格式"),
        ("11010519491231002XX", "格式"),
        ("11010519491231002Y", "格式"),
        ("", "格式"),
    ],
)
def test_an_invalid_id_number_says_what_is_wrong_in_chinese(raw, fragment):
    with pytest.raises(InvalidIdentifier) as caught:
        validate_id_number(raw, as_of=AS_OF)
    assert caught.value.code == "invalid_id_number"
    assert fragment in caught.value.message


def test_an_invalid_identifier_is_a_domain_error_the_web_layer_maps_to_422():
    with pytest.raises(Invalid, match="校验码") as caught:
        validate_id_number("110105194912310021", as_of=AS_OF)
    assert caught.value.fields == {}


def test_a_birth_date_after_the_as_of_date_is_rejected():
    number = make_id_number("350182", date(2020, 9, 2), 11)
    with pytest.raises(InvalidIdentifier):
        validate_id_number(number, as_of=AS_OF)
    assert validate_id_number(number, as_of=date(2020, 9, 2)) == number


def test_the_birth_date_is_read_from_the_number():
    assert birth_date_from_id("11010519491231002X") == date(1949, 12, 31)


def test_make_id_number_reproduces_the_standards_example():
    assert make_id_number("110105", date(1949, 12, 31), 2) == "11010519491231002X"
    assert make_id_number("440524", date(1880, 1, 1), "001") == "440524188001010014"


def test_make_id_number_gives_numbers_that_validate():
    for seq in range(0, 1000, 37):
        number = make_id_number("350112", date(1998, 2, 28), seq)
        assert validate_id_number(number, as_of=AS_OF) == number


@pytest.mark.parametrize(
    "raw",
    [
        "91350100M000100Y43",  # GB 32100-2015's example
        "91110000100006485K",
        "91350100m000100y43",
    ],
)
def test_a_valid_credit_code_is_returned_normalised(raw):
    assert validate_credit_code(raw) == raw.upper()


@pytest.mark.parametrize(
    "raw, fragment",
    [
        ("91350100M000100Y44", "校验码"),
        ("91350100M000100Y4", "格式"),
        ("91350100M000100Y433", "格式"),
        ("91350100M000I00Y43", "格式"),
        ("91350100M000O00Y43", "格式"),
        ("91350100M000Z00Y43", "格式"),
        ("91350100M000S00Y43", "格式"),
        ("91350100M000V00Y43", "格式"),
        ("913501A0M000100Y43", "格式"),  # the area code is digits
    ],
)
def test_an_invalid_credit_code_says_what_is_wrong_in_chinese(raw, fragment):
    with pytest.raises(InvalidIdentifier) as caught:
        validate_credit_code(raw)
    assert caught.value.code == "invalid_credit_code"
    assert fragment in caught.value.message


def test_make_credit_code_reproduces_the_standards_example():
    assert make_credit_code("91350100M000100Y4") == "91350100M000100Y43"


def test_make_credit_code_gives_codes_that_validate_including_check_zero():
    checks = set()
    for n in range(400):
        code = make_credit_code(f"913501820{n:07d}X")
        checks.add(code[-1])
        assert validate_credit_code(code) == code
    assert "0" in checks


def test_make_credit_code_refuses_characters_outside_the_charset():
    with pytest.raises(ValueError):
        make_credit_code("91350100M000100I4")


@pytest.mark.parametrize(
    "raw",
    ["13812345678", "138 1234 5678", "+86 138-1234-5678", "008613812345678", "8613812345678"],
)
def test_a_mobile_number_is_returned_as_eleven_digits(raw):
    assert validate_mobile(raw) == "13812345678"


@pytest.mark.parametrize("raw", ["12812345678", "1381234567", "138123456789", "0591-2288xxxx", ""])
def test_an_invalid_mobile_number_is_rejected(raw):
    with pytest.raises(InvalidIdentifier) as caught:
        validate_mobile(raw)
    assert caught.value.code == "invalid_phone"
    assert "手机号码" in caught.value.message


def test_masks_keep_only_what_a_clerk_needs_to_recognise_a_person():
    assert mask_id_number("350182199802280011") == "3501**********0011"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"


@pytest.mark.parametrize(("text", "masked"), [
    ("/search?q=13800005678&page=2", "/search?q=138****5678&page=2"),
    ("q=138+0000+5678", "q=138****5678"),
    ("q=138%200000%205678", "q=138****5678"),
    ("q=138-0000-5678", "q=138****5678"),
    ("id=35010219900101123X", "id=3501**********123X"),
    ("/posts/12345?since=2020-09-01", "/posts/12345?since=2020-09-01"),
    ("q=会计&township=航城街道", "q=会计&township=航城街道"),
])
def test_numbers_that_look_like_a_phone_or_id_are_masked_in_free_text(text, masked):
    assert mask_numbers_in_text(text) == masked
