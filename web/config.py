"""Settings from defaults, the instance folder and the environment — without importing Flask.

migrations/env.py and the scripts read the database URL through the same functions as the
app, so every entry point talks to the same database.
"""

import os
import secrets
from collections.abc import Mapping
from datetime import date
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INSTANCE_PATH = PROJECT_ROOT / "instance"
SECRET_KEY_FILE = "secret_key"
MIN_SECRET_KEY_LENGTH = 32


class ConfigError(RuntimeError):
    """A setting that would make the service unsafe or unable to start."""


def database_url(environ: Mapping[str, str], instance_path: Path) -> str:
    """`DATABASE_URL`, or a SQLite file in the instance folder."""
    url = environ.get("DATABASE_URL", "").strip()
    if url:
        # Heroku-style URLs and bare postgresql:// both mean psycopg 3 here.
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix):]
        return url
    return f"sqlite:///{instance_path / 'jobbridge.sqlite3'}"


def secret_key(environ: Mapping[str, str], instance_path: Path) -> str:
    """`SECRET_KEY`, else one generated once into the instance folder (mode 0600)."""
    key = environ.get("SECRET_KEY", "").strip()
    if key:
        if len(key) < MIN_SECRET_KEY_LENGTH:
            raise ConfigError(f"SECRET_KEY 太短：至少需要 {MIN_SECRET_KEY_LENGTH} 个字符")
        return key
    path = instance_path / SECRET_KEY_FILE
    if not path.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def as_of_date(environ: Mapping[str, str]) -> date | None:
    """`JOBBRIDGE_AS_OF_DATE` pins "today" (the 2020 demo runs on 2020-09-01); empty = real date."""
    raw = environ.get("JOBBRIDGE_AS_OF_DATE", "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise ConfigError(f"JOBBRIDGE_AS_OF_DATE 不是有效日期（YYYY-MM-DD）：{raw}") from exc


def flag(environ: Mapping[str, str], name: str, default: bool) -> bool:
    raw = environ.get(name, "").strip().lower()
    if not raw:
        return default
    return raw in ("1", "true", "yes", "on")


def settings(environ: Mapping[str, str], instance_path: Path) -> dict:
    """Every setting the app reads, in one dict (the README's configuration table)."""
    return {
        "SQLALCHEMY_DATABASE_URL": database_url(environ, instance_path),
        "SECRET_KEY": secret_key(environ, instance_path),
        "REDIS_URL": environ.get("REDIS_URL", "").strip() or None,
        "AS_OF_DATE": as_of_date(environ),
        "SESSION_COOKIE_SECURE": flag(environ, "JOBBRIDGE_COOKIE_SECURE", True),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "MAX_CONTENT_LENGTH": int(environ.get("JOBBRIDGE_MAX_UPLOAD_BYTES", 2 * 1024 * 1024)),
        "WTF_CSRF_TIME_LIMIT": None,
    }
