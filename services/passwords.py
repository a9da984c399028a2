"""Password hashing (argon2id) and the strength rule applied at registration and change."""

import os
import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

from policy.errors import Invalid
from settings import password_hashing

MIN_LENGTH = 8
MAX_LENGTH = 256
# zxcvbn estimates the guesses an attacker needs; 10^8 is where its score 3 ("safely
# unguessable" online) starts. Its dictionaries hold 30,000 leaked passwords, English words and
# names, keyboard walks (qwertyuiop, 1q2w3e4r), sequences, repeats, dates and l33t spellings.
MIN_GUESSES_LOG10 = 8
# zxcvbn guesses an unknown character as if it were a digit (10 choices). A Han character is
# one of thousands; counting it as 100 choices stays well under a word list's entropy, so a
# Chinese password like 长乐就业2020 is judged fairly, while a repeat (我爱你我爱你) or a
# listed phrase (CHINESE_WORDS) still gains nothing.
HAN_EXTRA_LOG10 = 1.0
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# zxcvbn refuses longer input; a password is judged by its first 72 characters.
SCORED_LENGTH = 72
# What zxcvbn's English lists miss: pinyin and number words common in Chinese leaked lists
# (CSDN, 天涯), matched as dictionary words inside a password like any other.
CHINESE_WORDS = (
    "woaini", "woaini1314", "woaini520", "5201314", "1314520", "520520", "1314", "aini",
    "wodemima", "mima", "nihao", "zhongguo", "qq123456", "a123456", "aa123456", "1qaz2wsx",
    "asd123456", "abc123", "147258369", "123456789", "987654321", "88888888", "666666",
    "woshishui", "wangyi", "baidu", "taobao", "weixin", "zhifubao", "shouji", "jiayou",
    "我爱你", "我爱你中国", "一二三四五六", "密码", "你好", "中国",
)

# (time cost, memory cost, parallelism): the first three parameters of PasswordHasher.
_hasher = PasswordHasher(*password_hashing(os.environ))


def check_strength(password: str, personal: tuple[str, ...] = ()) -> None:
    """Reject short, overlong and guessable passwords; any Unicode is allowed and kept whole.
    `personal`: the person's phone, name and the like, which a password must not be built on.
    Registration, password change (pages and API alike) and bureau accounts all call this."""
    if len(password) < MIN_LENGTH:
        raise Invalid(f"密码至少需要 {MIN_LENGTH} 个字符", code="weak_password",
                      # bandit B105: a message, not a password
                      fields={"password": "密码太短"})  # nosec B105
    if len(password) > MAX_LENGTH:
        raise Invalid(f"密码不能超过 {MAX_LENGTH} 个字符", code="weak_password",
                      # bandit B105: a message, not a password
                      fields={"password": "密码太长"})  # nosec B105
    if _guesses_log10(password, personal) < MIN_GUESSES_LOG10:
        raise Invalid("密码过于常见、容易被猜到：请避开常见密码、键盘顺序（如 qwerty、1q2w3e）、"
                      "连续或重复的数字、拼音词（如 woaini）、手机号和姓名，"
                      "可以用几个不相关的词加上数字或符号",
                      code="weak_password",
                      # bandit B105: a message, not a password
                      fields={"password": "密码过于常见"})  # nosec B105


def _guesses_log10(password: str, personal: tuple[str, ...]) -> float:
    words = [*CHINESE_WORDS, *(p for p in personal if p)]
    estimate = zxcvbn(password[:SCORED_LENGTH], user_inputs=words)
    han = sum(len(HAN.findall(m["token"])) for m in estimate["sequence"]
              if m["pattern"] == "bruteforce")
    return estimate["guesses_log10"] + HAN_EXTRA_LOG10 * han


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# Verified against when the phone is unknown, so both failures take the same time.
DUMMY_HASH = _hasher.hash("jobbridge-timing-equaliser")
