"""The matcher index is fitted before serving, and never by create_app: `flask db upgrade` and
the other commands load the app against schemas older than the models (issue 11, item 6).

gunicorn.conf.py's hooks do the fitting: with preload_app the master fits once in `when_ready`
and every worker inherits the index; a worker that inherited none (`--no-preload`) fits its own
in `post_worker_init`, before it accepts a request. Either way no visitor's request pays it.
"""

import gc
import runpy
import sys
import types

import pytest

from settings import PROJECT_ROOT
from tests.factories import make_employer, make_post
from web import create_app


@pytest.fixture
def hooks(app, monkeypatch):
    """gunicorn.conf.py's functions, serving the test's app as `wsgi.app`."""
    wsgi = types.ModuleType("wsgi")
    wsgi.app = app
    monkeypatch.setitem(sys.modules, "wsgi", wsgi)
    yield runpy.run_path(str(PROJECT_ROOT / "gunicorn.conf.py"))
    gc.unfreeze()  # when_ready froze the test process's objects


def _server(preload_app: bool):
    return types.SimpleNamespace(cfg=types.SimpleNamespace(preload_app=preload_app))


def _found(app, query: str) -> list[str]:
    return [hit.id for hit in app.extensions["matcher"].matcher.search_posts(query)]


def test_create_app_fits_no_index_even_when_not_testing(database_url_for_tests, engine):
    app = create_app({"SQLALCHEMY_DATABASE_URL": database_url_for_tests,
                      "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
                      "RATELIMIT_STORAGE_URI": "memory://"})
    assert not app.testing
    assert app.extensions["matcher"].matcher is None
    app.extensions["db"].engine.dispose()


def test_the_preloading_master_fits_the_index_once_and_workers_keep_it(app, hooks, session):
    post = make_post(session, make_employer(session), title="织造车间质检员")
    hooks["when_ready"](_server(preload_app=True))
    holder = app.extensions["matcher"]
    fitted, generation = holder.matcher, holder.generation
    assert _found(app, "质检员") == [str(post.id)]

    hooks["post_worker_init"](types.SimpleNamespace())
    assert holder.matcher is fitted and holder.generation == generation


def test_without_preload_each_worker_fits_its_own_index_before_serving(app, hooks, session):
    post = make_post(session, make_employer(session), title="织造车间质检员")
    hooks["when_ready"](_server(preload_app=False))
    assert app.extensions["matcher"].matcher is None  # the master's would serve nobody

    hooks["post_worker_init"](types.SimpleNamespace())
    assert _found(app, "质检员") == [str(post.id)]
