"""Settings come from the environment and the instance folder, never from constants."""

import stat

import pytest

from settings import ConfigError, as_of_date, database_url, secret_key


def test_database_defaults_to_sqlite_in_the_instance_folder(tmp_path):
    assert database_url({}, tmp_path) == f"sqlite:///{tmp_path / 'jobbridge.sqlite3'}"


def test_postgresql_urls_use_psycopg3():
    url = database_url({"DATABASE_URL": "postgresql://u@h/db"}, None)
    assert url == "postgresql+psycopg://u@h/db"


def test_secret_key_is_generated_once_into_the_instance_folder(tmp_path):
    first = secret_key({}, tmp_path)
    assert len(first) >= 32
    assert secret_key({}, tmp_path) == first
    mode = (tmp_path / "secret_key").stat().st_mode
    assert not mode & (stat.S_IRWXG | stat.S_IRWXO)


def test_two_instances_get_different_secret_keys(tmp_path):
    assert secret_key({}, tmp_path / "a") != secret_key({}, tmp_path / "b")


def test_a_short_secret_key_from_the_environment_is_refused(tmp_path):
    with pytest.raises(ConfigError):
        secret_key({"SECRET_KEY": "changeme"}, tmp_path)


def test_as_of_date_pins_today_or_rejects_garbage():
    assert as_of_date({}) is None
    assert str(as_of_date({"JOBBRIDGE_AS_OF_DATE": "2020-09-01"})) == "2020-09-01"
    with pytest.raises(ConfigError):
        as_of_date({"JOBBRIDGE_AS_OF_DATE": "2020-13-01"})
