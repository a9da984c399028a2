"""Settings from defaults, the instance folder and the environment, for every entry point.

The bottom of the layers: the app (web.config turns these into Flask's config), the models
(the 身份证号 key, models.id_cipher), migrations/env.py, the scripts and the tests read the
same functions, so every entry point talks to the same database with the same keys. Imports
nothing of the project.
"""

import os
import secrets
from collections.abc import Mapping
from datetime import date
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INSTANCE_PATH = PROJECT_ROOT / "instance"
# bandit B105: the file name of the generated key, not a key
SECRET_KEY_FILE = "secret_key"  # nosec B105
ID_KEY_FILE = "id_key"
MIN_SECRET_KEY_LENGTH = 32
ENVIRONMENTS = ("development", "production")
# Keys published in this repository (test fixtures) and placeholder words from examples:
# anyone can read them, so a production key that matches signs nothing.
PUBLISHED_SECRET_KEYS = frozenset({
    "test-secret-key-that-is-long-enough-0123456789",
    "live-test-secret-key-0123456789-abcdefghijkl",
})
PLACEHOLDER_WORDS = ("changeme", "change-me", "change_me", "insecure", "example", "secret-key",
                     "secret_key", "your-secret", "dev-secret", "test-secret", "0123456789")


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


def instance_path(environ: Mapping[str, str]) -> Path:
    """`JOBBRIDGE_INSTANCE_PATH`, else `instance/` in the project: where generated keys live."""
    return Path(environ.get("JOBBRIDGE_INSTANCE_PATH") or DEFAULT_INSTANCE_PATH)


def secret_key(environ: Mapping[str, str], instance_path: Path) -> str:
    """`SECRET_KEY`, else one generated once into the instance folder (mode 0600)."""
    return _key(environ, "SECRET_KEY", instance_path / SECRET_KEY_FILE)


def id_key(environ: Mapping[str, str], instance_path: Path) -> str:
    """`JOBBRIDGE_ID_KEY`, else one generated once into the instance folder (mode 0600): the
    master key of the 身份证号 column (models.id_cipher). Without it the numbers cannot be read
    back, so it is backed up with the database — but never stored in it."""
    return _key(environ, "JOBBRIDGE_ID_KEY", instance_path / ID_KEY_FILE)


def _key(environ: Mapping[str, str], name: str, path: Path) -> str:
    key = environ.get(name, "").strip()
    if key:
        if len(key) < MIN_SECRET_KEY_LENGTH:
            raise ConfigError(f"{name} 太短：至少需要 {MIN_SECRET_KEY_LENGTH} 个字符")
        return key
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
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


def limit(environ: Mapping[str, str], name: str, default: str) -> str:
    """A rate limit in the `limits` notation: `5 per 5 minutes; 10 per hour`."""
    return environ.get(name, "").strip() or default


def environment(environ: Mapping[str, str]) -> str:
    """`JOBBRIDGE_ENV`: a typo must not quietly switch the production checks off."""
    value = environ.get("JOBBRIDGE_ENV", "").strip().lower() or "development"
    if value not in ENVIRONMENTS:
        raise ConfigError(f"JOBBRIDGE_ENV 只能是 {' 或 '.join(ENVIRONMENTS)}：{value}")
    return value


# argon2id's cost (time cost, memory in KiB, lanes): RFC 9106's second recommended option,
# argon2-cffi's default. `JOBBRIDGE_PASSWORD_HASHING=fast` takes the library's cheapest
# parameters, for the test suite only: hundreds of logins would otherwise spend minutes hashing.
PASSWORD_HASHING = {"standard": (3, 65536, 4), "fast": (1, 8, 1)}


def password_hashing(environ: Mapping[str, str]) -> tuple[int, int, int]:
    """The argon2id cost for new hashes; existing hashes verify with the cost they carry. The
    cheap one is refused in production, where it would make stolen hashes easy to crack."""
    name = environ.get("JOBBRIDGE_PASSWORD_HASHING", "").strip().lower() or "standard"
    if name not in PASSWORD_HASHING:
        raise ConfigError(f"JOBBRIDGE_PASSWORD_HASHING 只能是 {' 或 '.join(PASSWORD_HASHING)}：{name}")
    if name != "standard" and environment(environ) == "production":
        raise ConfigError("生产环境不能使用低强度的密码哈希（JOBBRIDGE_PASSWORD_HASHING）")
    return PASSWORD_HASHING[name]


def refuse_unsafe_production(config: Mapping) -> None:
    """In production, debug mode (the Werkzeug debugger runs code), a guessable SECRET_KEY
    (anyone could sign a bureau session) or cookies over plain http stop the start-up."""
    if config.get("ENV") != "production":
        return
    problems = []
    if config.get("DEBUG"):
        problems.append("调试模式已开启（FLASK_DEBUG），生产环境必须关闭")
    key = str(config.get("SECRET_KEY") or "")
    if len(key) < MIN_SECRET_KEY_LENGTH:
        problems.append(f"SECRET_KEY 太短：至少需要 {MIN_SECRET_KEY_LENGTH} 个字符")
    elif key in PUBLISHED_SECRET_KEYS or any(word in key.lower() for word in PLACEHOLDER_WORDS):
        problems.append("SECRET_KEY 是公开的默认值或示例值，请换成随机生成的密钥")
    if not config.get("SESSION_COOKIE_SECURE"):
        problems.append("JOBBRIDGE_COOKIE_SECURE 已关闭，生产环境的会话 Cookie 必须只走 HTTPS")
    if problems:
        raise ConfigError("生产环境（JOBBRIDGE_ENV=production）拒绝启动：" + "；".join(problems))


def matcher_index_dir(environ: Mapping[str, str], instance_path: Path) -> Path:
    """Where the matcher index base is saved (`JOBBRIDGE_MATCHER_INDEX_DIR`, else the instance
    folder's `index`): the web app's MATCHER_INDEX_DIR, read by the worker too."""
    raw = environ.get("JOBBRIDGE_MATCHER_INDEX_DIR", "").strip()
    return Path(raw) if raw else instance_path / "index"


def queue_url(environ: Mapping[str, str], instance_path: Path) -> str:
    """`JOBBRIDGE_QUEUE_URL` (redis://… in production), else a SQLite file in the instance
    folder: the notification worker's queue needs no Redis for `make run`."""
    url = environ.get("JOBBRIDGE_QUEUE_URL", "").strip()
    return url or f"sqlite:///{instance_path / 'queue.sqlite3'}"


def delivery(environ: Mapping[str, str], instance_path: Path) -> dict[str, str]:
    """The notification channels' settings (README "Notifications"): Aliyun 短信服务 when its
    keys are set, SMTP when a host is set, else the log file; and the outbox's retry policy."""
    names = ("ALIYUN_SMS_ACCESS_KEY_ID", "ALIYUN_SMS_ACCESS_KEY_SECRET", "ALIYUN_SMS_SIGN_NAME",
             "ALIYUN_SMS_TEMPLATE_NOTICE", "ALIYUN_SMS_TEMPLATE_CODE", "JOBBRIDGE_SMTP_HOST",
             "JOBBRIDGE_SMTP_USER", "JOBBRIDGE_SMTP_PASSWORD")
    values = {name: environ.get(name, "").strip() for name in names}
    defaults = {
        "ALIYUN_SMS_ENDPOINT": "https://dysmsapi.aliyuncs.com/",
        "JOBBRIDGE_SMTP_PORT": "25",
        "JOBBRIDGE_SMTP_STARTTLS": "0",
        "JOBBRIDGE_MAIL_FROM": "noreply@jobbridge.invalid",
        "JOBBRIDGE_NOTIFY_LOG": str(instance_path / "notifications.log"),
        "JOBBRIDGE_OUTBOX_MAX_ATTEMPTS": "6",
        "JOBBRIDGE_OUTBOX_BACKOFF_SECONDS": "30",
        "JOBBRIDGE_OUTBOX_LEASE_SECONDS": "120",
    }
    values.update({name: environ.get(name, "").strip() or default
                   for name, default in defaults.items()})
    values["JOBBRIDGE_ENV"] = environment(environ)
    return values
