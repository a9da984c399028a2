"""gunicorn settings for JobBridge; every value can be overridden on the command line."""

import gc
import os

# 127.0.0.1 by default: put a reverse proxy (TLS) in front for real deployments.
bind = os.environ.get("JOBBRIDGE_BIND", "127.0.0.1:8000")

# Two cores on the reference machine: 2 × cores workers keeps both busy while one waits on
# the database. Each worker holds its own matcher index in memory.
workers = int(os.environ.get("JOBBRIDGE_WORKERS", "4"))

# Sync workers: requests are short (search, rank, a page); no long-polling.
worker_class = "sync"
timeout = 30
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
    its first requests: fit the matcher index (create_app does not, so that `flask db upgrade`
    and the other commands never read tables the schema may not have yet) and compile the
    templates (a new or recycled worker answered its first pages hundreds of milliseconds
    late). Then gc.freeze(): what the master loaded (app, dictionaries, index) lives as long as
    the worker, so the collector need not walk it — fewer pauses, and the shared pages stay
    shared instead of being copied by the GC. Without preload_app the workers load their own
    app, so the master builds nothing they would use."""
    if not server.cfg.preload_app:
        return
    from web.matching import warm
    from wsgi import app

    warm(app)
    for name in app.jinja_env.list_templates(extensions=["html"]):
        app.jinja_env.get_template(name)
    gc.freeze()


def post_worker_init(worker):
    """A worker fits its own index before it accepts a request when it did not inherit the
    master's (`--no-preload`); with preload_app this finds the index fitted and does nothing."""
    from web.matching import warm
    from wsgi import app

    warm(app)


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

    require_shared_storage(app, server.cfg.workers)
