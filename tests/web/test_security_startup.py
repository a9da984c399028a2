"""create_app itself applies the production checks, to the final config."""

import secrets

import pytest

from settings import ConfigError
from web import create_app


@pytest.fixture
def production_env(monkeypatch, tmp_path):
    monkeypatch.setenv("JOBBRIDGE_ENV", "production")
    monkeypatch.setenv("JOBBRIDGE_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    monkeypatch.setenv("SECRET_KEY", secrets.token_urlsafe(48))
    monkeypatch.delenv("JOBBRIDGE_COOKIE_SECURE", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)


def test_a_production_app_with_safe_settings_starts(production_env):
    assert create_app().config["ENV"] == "production"


def test_a_production_app_refuses_flask_debug(production_env, monkeypatch):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    with pytest.raises(ConfigError, match="FLASK_DEBUG"):
        create_app()


def test_a_production_app_refuses_insecure_cookies(production_env, monkeypatch):
    monkeypatch.setenv("JOBBRIDGE_COOKIE_SECURE", "0")
    with pytest.raises(ConfigError, match="JOBBRIDGE_COOKIE_SECURE"):
        create_app()
