"""gunicorn settings for JobBridge; every value can be overridden on the command line."""

import gc
import os

# bandit B404: the master runs the project's own `flask refit-index`, an argument list, no shell
import subprocess  # nosec B404
import sys

from gunicorn.errors import ConfigError

from services.index_sync import REQUEST_TIMEOUT_SECONDS, require_sync_workers

# 127.0.0.1 by default: put a reverse proxy (TLS) in front for real deployments.
bind = os.environ.get("JOBBRIDGE_BIND", "127.0.0.1:8000")

# Two cores on the reference machine: 2 × cores workers keeps both busy while one waits on
# the database. Each worker holds its own matcher index in memory.
workers = int(os.environ.get("JOBBRIDGE_WORKERS", "4"))

# Sync workers, one thread each: requests are short (search, rank, a page), and each worker
# changes its matcher index in place between requests (services/index_sync.py), so threaded
# workers are refused at start-up (on_starting). The timeout is the one the index's change-log
# horizon is derived from (services/index_replay.py, HORIZON_SECONDS).
worker_class = "sync"
threads = 1
timeout = REQUEST_TIMEOUT_SECONDS
graceful_timeout = 20
keepalive = 5

# Load the app (and the matcher's dictionaries) once in the master, then fork: workers
# share those pages copy-on-write and start faster.
preload_app = True

# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = 5000
max_requests_jitter = 500

# No control socket: its default path is shared by every gunicorn of the user, so two
# instances on one machine (a test server beside the demo) would fight over it.
control_socket_disable = True

accesslog = "-"
# The access log prints the URL with its query and the Referer: search terms that look like a
# phone or 身份证号 are masked there (web/accesslog.py).
logger_class = "web.accesslog.MaskingLogger"
# gunicorn's default line plus the request's correlation id (web/requestid.py), the one its
# error page and any traceback of it show.
access_log_format = ('%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" '
                     'request_id=%({x-request-id}o)s')
errorlog = "-"
loglevel = os.environ.get("JOBBRIDGE_LOG_LEVEL", "info")


def when_ready(server):
    """Before the first fork, do once in the master what every worker would otherwise do on
    its first requests: make the matcher index ready — load the base saved by the refit job
    (or fit and save one) and replay the change log since (services/index_sync.py; create_app
    does not, so that `flask db upgrade` never reads tables the schema may not have yet) — and
    compile the templates (a new or recycled worker answered its first pages hundreds of
    milliseconds late). Then gc.freeze(): what the master loaded (app, dictionaries, index)
    lives as long as the worker, so the collector need not walk it — fewer pauses, and the
    shared pages stay shared instead of being copied by the GC. Without preload_app the
    workers load their own app, so the master builds nothing they would use."""
    if not server.cfg.preload_app:
        return
    from web.matching import needs_fit_apart, warm
    from wsgi import app

    if needs_fit_apart(app):
        _fit_apart(server)
    how = warm(app)
    _log(server, f"master: matcher index {how}")
    for name in app.jinja_env.list_templates(extensions=["html"]):
        app.jinja_env.get_template(name)
    gc.freeze()


def _fit_apart(server) -> None:
    """Fit and save the base in a child process — the refit job's own command — so that the
    master only loads it (web.matching.needs_fit_apart says why). Should the child fail, the
    master fits itself, as it did before."""
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "refit-index"]
    here = os.path.dirname(os.path.abspath(__file__))
    # bandit B603: this interpreter running the project's command with fixed arguments
    done = subprocess.run(command, cwd=here, capture_output=True, text=True, check=False)  # nosec B603
    outcome = "done" if done.returncode == 0 else f"failed ({done.stderr.strip()[-300:]})"
    _log(server, f"master: matcher index base fitted by `flask refit-index`: {outcome}")


def pre_fork(server, worker):
    """In the master, before each fork: when the refit job saved a newer base than the index
    held, load it (files only, no database), so a new or recycled worker starts minutes behind,
    not the day, and shares the base's pages with the master."""
    if not server.cfg.preload_app:
        return
    from wsgi import app

    if app.extensions["matcher"].refresh_base():
        _log(server, "master: loaded the newer matcher index base")


def post_worker_init(worker):
    """Before the worker accepts a request: replay the change log since its index's base
    (minutes), or fit its own index when it inherited none (`--no-preload`). No visitor's
    request pays a fit or a replay. The line logged says which, and how many full fits this
    process's index took (the master's, inherited, when none was needed here)."""
    from web.matching import warm
    from wsgi import app

    how = warm(app)
    _log(worker, f"worker: matcher index {how}; fits={app.extensions['matcher'].fits}")


def _log(process, message: str) -> None:
    if getattr(process, "log", None) is not None:
        process.log.info(message)


def post_fork(server, worker):
    """Connections opened in the master must not be shared with the children (SQLAlchemy
    'pooling' docs): each worker starts with an empty pool."""
    from wsgi import app

    app.extensions["db"].engine.dispose(close=False)


def on_starting(server):
    """Several workers each keeping their own in-memory count of failed logins would grant
    an attacker the budget once per worker: without REDIS_URL, start only one. Runs after
    the command line is read, so `-w` is counted too; a ConfigError stops gunicorn."""
    from web.limits import require_shared_storage
    from wsgi import app

    try:
        require_sync_workers(server.cfg.worker_class_str, server.cfg.threads)
    except ValueError as error:
        raise ConfigError(str(error)) from error
    require_shared_storage(app, server.cfg.workers)
