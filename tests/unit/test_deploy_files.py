"""The files of deploy/ agree with the code and with each other: the environment template sets
every setting of the README's configuration table and is a configuration production accepts;
gunicorn's address, the upload limit and the environment file's path are the same in the
unit, the nginx site and the operator wrapper. (tests/live/test_nginx_proxy.py runs the site.)"""

import re

from settings import PROJECT_ROOT, refuse_unsafe_production
from web.config import app_config

DEPLOY = PROJECT_ROOT / "deploy"
ENV_FILE = "/etc/jobbridge/jobbridge.env"


def _environment_file() -> dict[str, str]:
    """deploy/jobbridge.env as systemd's EnvironmentFile= reads it (and `set -a; .` in sh)."""
    values = {}
    for line in (DEPLOY / "jobbridge.env").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, _, value = line.partition("=")
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        values[key.strip()] = value
    return values


def _readme_settings() -> set[str]:
    """Every name in the first column of the README's configuration table, but the rows
    whose meaning starts "tests only"."""
    readme = (PROJECT_ROOT / "README.md").read_text()
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    names = set()
    for row in section.splitlines():
        cells = row.split("|")
        if row.startswith("| `") and not cells[3].strip().startswith("tests only"):
            names.update(re.findall(r"`([A-Z][A-Z0-9_]+)`", cells[1]))
    return names


def test_the_environment_template_sets_every_setting_of_the_readme():
    readme = _readme_settings()
    assert {"DATABASE_URL", "JOBBRIDGE_PROXY_HOPS", "JOBBRIDGE_BIND"} <= readme
    assert readme - set(_environment_file()) == set()


def test_the_environment_template_is_a_configuration_production_accepts(tmp_path):
    environ = {**_environment_file(), "JOBBRIDGE_INSTANCE_PATH": str(tmp_path)}
    config = app_config(environ, tmp_path)
    refuse_unsafe_production(config)
    assert config["ENV"] == "production"
    assert config["PROXY_HOPS"] == 1
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["AS_OF_DATE"] is None
    assert config["RATELIMIT_STORAGE_URI"].startswith("redis://")
    assert config["SQLALCHEMY_DATABASE_URL"].startswith("postgresql+psycopg://")


def test_nginx_passes_to_gunicorn_s_address_and_lets_the_app_answer_oversized_uploads():
    environ = _environment_file()
    site = (DEPLOY / "nginx-jobbridge.conf").read_text()
    upstream = re.search(r"upstream \w+ \{[^}]*?server ([^;\s]+);", site).group(1)
    assert upstream == environ["JOBBRIDGE_BIND"]
    assert environ["JOBBRIDGE_BIND"].startswith("127.0.0.1:")
    size = re.search(r"client_max_body_size (\d+)([km]?);", site)
    nginx_limit = int(size.group(1)) * {"": 1, "k": 1024, "m": 1024 ** 2}[size.group(2)]
    assert nginx_limit > int(environ["JOBBRIDGE_MAX_UPLOAD_BYTES"])


def test_the_unit_and_the_operator_wrapper_read_the_same_environment_file():
    unit = (DEPLOY / "jobbridge.service").read_text()
    assert f"EnvironmentFile={ENV_FILE}" in unit
    assert re.search(r"^ExecStart=\S+/gunicorn -c gunicorn\.conf\.py wsgi:app$", unit, re.M)
    assert f". {ENV_FILE};" in (DEPLOY / "jobbridge-flask").read_text()
