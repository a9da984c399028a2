"""In production the service refuses to start with debug on, a guessable SECRET_KEY or cookies
that may travel over plain http; elsewhere the same settings are allowed."""

import secrets

import pytest

from settings import ConfigError, environment, password_hashing, refuse_unsafe_production
from web.config import app_config

GOOD_KEY = secrets.token_urlsafe(48)


def _production(**overrides) -> dict:
    config = {"ENV": "production", "DEBUG": False, "SECRET_KEY": GOOD_KEY,
              "SESSION_COOKIE_SECURE": True}
    config.update(overrides)
    return config


def test_a_safe_production_config_starts():
    refuse_unsafe_production(_production())


def test_production_refuses_debug_mode():
    with pytest.raises(ConfigError, match="FLASK_DEBUG"):
        refuse_unsafe_production(_production(DEBUG=True))


@pytest.mark.parametrize("key", [
    "short-key",
    "test-secret-key-that-is-long-enough-0123456789",
    "please-changeme-before-going-live-in-changle",
    "x" * 31,
])
def test_production_refuses_a_short_or_published_secret_key(key):
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        refuse_unsafe_production(_production(SECRET_KEY=key))


def test_production_refuses_cookies_over_plain_http():
    with pytest.raises(ConfigError, match="JOBBRIDGE_COOKIE_SECURE"):
        refuse_unsafe_production(_production(SESSION_COOKIE_SECURE=False))


def test_every_problem_is_named_at_once():
    with pytest.raises(ConfigError) as caught:
        refuse_unsafe_production(_production(DEBUG=True, SECRET_KEY="dev",
                                             SESSION_COOKIE_SECURE=False))
    assert all(word in str(caught.value) for word in ("FLASK_DEBUG", "SECRET_KEY", "COOKIE"))


def test_development_allows_what_production_refuses():
    refuse_unsafe_production(_production(ENV="development", DEBUG=True, SECRET_KEY="dev",
                                         SESSION_COOKIE_SECURE=False))


def test_a_mistyped_environment_name_is_refused_rather_than_ignored():
    assert environment({}) == "development"
    assert environment({"JOBBRIDGE_ENV": "Production"}) == "production"
    with pytest.raises(ConfigError, match="JOBBRIDGE_ENV"):
        environment({"JOBBRIDGE_ENV": "prod"})


def test_cookies_are_secure_unless_the_setting_turns_it_off(tmp_path):
    assert app_config({}, tmp_path)["SESSION_COOKIE_SECURE"] is True
    assert app_config({"JOBBRIDGE_COOKIE_SECURE": "0"}, tmp_path)["SESSION_COOKIE_SECURE"] is False


def test_the_login_limits_and_their_storage_come_from_the_environment(tmp_path):
    defaults = app_config({}, tmp_path)
    assert defaults["LOGIN_LIMIT_PER_ACCOUNT_ADDRESS"] == "5 per 5 minutes; 10 per hour; 20 per day"
    assert defaults["LOGIN_LIMIT_PER_ACCOUNT"] == "30 per hour"
    assert defaults["LOGIN_LIMIT_PER_IP"] == "20 per 15 minutes"
    assert defaults["REGISTER_TAKEN_LIMIT_PER_IP"] == "10 per hour"
    assert defaults["ID_PROBE_LIMIT"] == "100 per 5 minutes"
    assert defaults["RATELIMIT_STORAGE_URI"] == "memory://"
    shared = app_config({"REDIS_URL": "redis://127.0.0.1:6379/2",
                       "JOBBRIDGE_LOGIN_LIMIT_PER_ACCOUNT": "3 per hour",
                       "JOBBRIDGE_ID_PROBE_LIMIT": "7 per minute"}, tmp_path)
    assert shared["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/2"
    assert shared["LOGIN_LIMIT_PER_ACCOUNT"] == "3 per hour"
    assert shared["ID_PROBE_LIMIT"] == "7 per minute"


def test_the_cheap_password_hash_of_the_test_suite_is_refused_in_production():
    assert password_hashing({}) == (3, 65536, 4)
    assert password_hashing({"JOBBRIDGE_PASSWORD_HASHING": "fast"}) == (1, 8, 1)
    with pytest.raises(ConfigError, match="JOBBRIDGE_PASSWORD_HASHING"):
        password_hashing({"JOBBRIDGE_PASSWORD_HASHING": "fast", "JOBBRIDGE_ENV": "production"})
    with pytest.raises(ConfigError, match="JOBBRIDGE_PASSWORD_HASHING"):
        password_hashing({"JOBBRIDGE_PASSWORD_HASHING": "md5"})
