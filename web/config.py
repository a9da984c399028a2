"""Flask's config from the settings (settings.py reads the environment; this names the keys
Flask, Flask-WTF and Flask-Limiter look for). Imports no Flask itself.
"""

from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path

from settings import as_of_date, database_url, environment, flag, id_key, limit, secret_key


def app_config(environ: Mapping[str, str], instance_path: Path) -> dict:
    """Every setting the app reads, in one dict (the README's configuration table)."""
    redis_url = environ.get("REDIS_URL", "").strip() or None
    return {
        "ENV": environment(environ),
        "SQLALCHEMY_DATABASE_URL": database_url(environ, instance_path),
        "SECRET_KEY": secret_key(environ, instance_path),
        "ID_KEY": id_key(environ, instance_path),
        "REDIS_URL": redis_url,
        "AS_OF_DATE": as_of_date(environ),
        "SESSION_COOKIE_SECURE": flag(environ, "JOBBRIDGE_COOKIE_SECURE", True),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "MAX_CONTENT_LENGTH": int(environ.get("JOBBRIDGE_MAX_UPLOAD_BYTES", 2 * 1024 * 1024)),
        # Reading an uploaded import file stops after this many seconds, inside gunicorn's 30 s
        # worker timeout (a full 20,000-row workbook reads in about 8 s on the 2-core machine).
        "IMPORT_READ_SECONDS": float(environ.get("JOBBRIDGE_IMPORT_READ_SECONDS", "10") or 10),
        "WTF_CSRF_TIME_LIMIT": None,
        # Every login ends after 12 hours; a bureau or township login (placements, 身份证号)
        # also after 30 minutes without a request.
        "SESSION_ABSOLUTE_TIMEOUT": timedelta(hours=12),
        "SESSION_IDLE_TIMEOUT": {"bureau": timedelta(minutes=30), "township": timedelta(minutes=30)},
        # Failed logins, counted in Redis when there is one so every gunicorn worker sees them.
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        # Failed logins (web/limits.py): growing windows per (account, address), per address,
        # and per account from addresses it has not logged in from lately.
        "LOGIN_LIMIT_PER_ACCOUNT_ADDRESS": limit(
            environ, "JOBBRIDGE_LOGIN_LIMIT_PER_ACCOUNT_ADDRESS",
            "5 per 5 minutes; 10 per hour; 20 per day"),
        "LOGIN_LIMIT_PER_IP": limit(environ, "JOBBRIDGE_LOGIN_LIMIT_PER_IP", "20 per 15 minutes"),
        "LOGIN_LIMIT_PER_ACCOUNT": limit(environ, "JOBBRIDGE_LOGIN_LIMIT_PER_ACCOUNT",
                                          "30 per hour"),
        # Probing (web/probes.py): registrations refused because a phone or 身份证号 is taken,
        # per address; 403/404 answers on routes naming a row id, per account and address.
        "REGISTER_TAKEN_LIMIT_PER_IP": limit(environ, "JOBBRIDGE_REGISTER_TAKEN_LIMIT_PER_IP",
                                              "10 per hour"),
        "ID_PROBE_LIMIT": limit(environ, "JOBBRIDGE_ID_PROBE_LIMIT", "100 per 5 minutes"),
        # 忘记密码 (web/reset_limits.py): codes asked for per phone and per address, and
        # guesses per phone (each code also dies after 5 wrong guesses).
        "PASSWORD_RESET_LIMIT_PER_PHONE": limit(
            environ, "JOBBRIDGE_PASSWORD_RESET_LIMIT_PER_PHONE", "1 per minute; 5 per day"),
        "PASSWORD_RESET_LIMIT_PER_IP": limit(environ, "JOBBRIDGE_PASSWORD_RESET_LIMIT_PER_IP",
                                             "20 per hour"),
        "PASSWORD_RESET_GUESS_LIMIT": limit(environ, "JOBBRIDGE_PASSWORD_RESET_GUESS_LIMIT",
                                            "10 per hour"),
        # 邀请投递: invitations one employer may send a day (services.invitations).
        "INVITATIONS_PER_DAY": int(environ.get("JOBBRIDGE_INVITATIONS_PER_DAY", "20") or 20),
        # Reverse proxies in front of gunicorn whose X-Forwarded-For/-Proto are trusted.
        "PROXY_HOPS": int(environ.get("JOBBRIDGE_PROXY_HOPS", "0") or 0),
    }
