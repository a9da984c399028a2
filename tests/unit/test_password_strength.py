"""The password rule: zxcvbn's estimate of guesses with Chinese words added, the same for
registration, password change and bureau accounts (services.passwords.check_strength)."""

import pytest

from policy.errors import Invalid
from services.passwords import check_strength


@pytest.mark.parametrize("weak", [
    "qwertyuiop", "1q2w3e4r", "password123", "woaini123", "woaini1314", "12345678",
    "Password1", "iloveyou2020", "1qaz2wsx3edc", "我爱你我爱你我爱你", "我爱你中国2020", "88888888a",
])
def test_common_and_patterned_passwords_are_refused(weak):
    with pytest.raises(Invalid) as refused:
        check_strength(weak)
    assert refused.value.code == "weak_password"
    assert "密码过于常见" in refused.value.message


@pytest.mark.parametrize("strong", [
    "Changle2020",  # the demo's password (services/demo/seed.py)
    "Changle@2020", "长乐就业2020", "闽江学院2020届", "跨境电商2020!", "Fuzhou#Job88",
    "correct horse battery staple",
])
def test_ordinary_strong_passwords_pass(strong):
    check_strength(strong)


def test_a_password_built_on_the_persons_phone_or_name_is_refused():
    check_strength("13905910023x")
    with pytest.raises(Invalid):
        check_strength("13905910023x", ("13905910023", "陈雨桐"))
    with pytest.raises(Invalid):
        check_strength("陈雨桐陈雨桐2020", ("13905910023", "陈雨桐"))


def test_a_long_password_is_judged_without_error():
    check_strength("长乐区就业直通车" * 30)
    with pytest.raises(Invalid):
        check_strength("a" * 200)
