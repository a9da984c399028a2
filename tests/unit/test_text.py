"""The rules on text in policy/text.py: hidden characters in names, JSON depth and NUL."""

import pytest

from policy.text import MAX_JSON_DEPTH, hidden_characters, json_problem


@pytest.mark.parametrize("code_point", [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E,
                                        0x200F, 0x061C, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF])
def test_every_bidi_control_and_zero_width_character_is_found(code_point):
    assert hidden_characters(f"长乐{chr(code_point)}纺织") == [f"U+{code_point:04X}"]


@pytest.mark.parametrize("name", ["陈美玲", "阿卜杜拉·买买提", "O'Brien 张", "Zoë Müller", "", "ئابدۇللا"])
def test_ordinary_names_in_any_script_hold_no_hidden_character(name):
    assert hidden_characters(name) == []


def test_json_depth_is_counted_without_recursion():
    def nest(depth):
        value = "x"
        for _ in range(depth):
            value = [value]
        return value

    assert json_problem(nest(MAX_JSON_DEPTH)) is None
    assert json_problem(nest(MAX_JSON_DEPTH + 1)) == "too_deep"
    assert json_problem(nest(200_000)) == "too_deep"
    assert json_problem({"a": {"b": [1, None, True]}}) is None


def test_nul_is_found_in_strings_and_keys_at_any_depth():
    assert json_problem({"a": ["ok", "n\x00"]}) == "nul"
    assert json_problem({"k\x00": 1}) == "nul"
    assert json_problem("plain") is None
