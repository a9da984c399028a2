"""What a request reads of the index (services/index_sync.py, web/matching.py): one generation
from start to end; and what the listing may show: no post past its close date."""

from datetime import date, timedelta
from pathlib import Path

from flask import g

from services.index_sync import IndexSync
from tests.factories import make_employer, make_post
from tests.web.conftest import TODAY
from tests.web.helpers import bearer
from web import matching


def _titles(response) -> list[str]:
    return [p["title"] for p in response.json["items"]]


def test_a_request_reads_one_generation_while_the_holder_moves_on(app, session):
    holder = app.extensions["matcher"]
    holder.refresh_seconds = 0
    employer = make_employer(session)
    make_post(session, employer, title="织造车间质检员")
    with app.test_request_context("/posts"):
        app.preprocess_request()  # the snapshot is taken before the view runs
        started = matching.snapshot().generation
        first = matching.cached_listing(("probe",), lambda: "computed at the start")
        make_post(session, employer, title="无人机植保飞手")
        session.flush()
        moved = holder.current(lambda: session)  # another request of this process, or a catch-up
        assert moved.generation > started
        assert matching.snapshot().generation == started
        assert matching.cached_listing(("probe",), lambda: "recomputed") == first
        assert [h.id for h in matching.current_matcher().search_posts("质检员")]
        g.pop("index_snapshot")
    with app.test_request_context("/posts"):
        app.preprocess_request()
        assert matching.snapshot().generation == moved.generation


def test_a_post_past_its_close_date_leaves_the_listing_and_the_search(instant_index, client, session):
    employer = make_employer(session)
    make_post(session, employer, title="出纳", close_date=TODAY)
    make_post(session, employer, title="会计核算员", open_date=date(2020, 8, 1),
              close_date=TODAY - timedelta(days=1))
    assert _titles(client.get("/api/v1/posts")) == ["出纳"]
    assert _titles(client.get("/api/v1/posts?q=会计")) == ["出纳"]
    page = client.get("/posts").get_data(as_text=True)
    assert "出纳" in page and "会计核算员" not in page


def test_a_post_past_its_close_date_is_not_recommended(instant_index, client, session, seeker):
    employer = make_employer(session)
    closed = make_post(session, employer, title="出纳", description="现金收付 银行对账",
                       close_date=TODAY - timedelta(days=1))
    kept = make_post(session, employer, title="出纳专员", description="现金收付 银行对账")
    session.flush()
    headers = bearer(client, seeker.phone)
    ids = [r["post"]["id"] for r in client.get("/api/v1/me/recommendations", headers=headers).json]
    assert kept.id in ids and closed.id not in ids


def test_refit_index_saves_the_base_a_new_worker_starts_from(app, session, tmp_path):
    post = make_post(session, make_employer(session), title="织造车间质检员")
    session.flush()
    result = app.test_cli_runner().invoke(args=["refit-index"])
    assert result.exit_code == 0, result.output
    worker = IndexSync(base_dir=Path(app.config["MATCHER_INDEX_DIR"]))
    assert worker.refresh_base() and worker.fits == 0
    assert [h.id for h in worker.matcher.search_posts("质检员")] == [str(post.id)]


def test_a_district_registry_without_a_base_is_fitted_apart_and_a_small_one_in_place(
        app, session, monkeypatch):
    """gunicorn's master has a child fit a district's registry (web.matching.needs_fit_apart);
    the demo's few thousand people are fitted in the master, and a saved base is just loaded."""
    from tests.factories import make_candidate

    make_candidate(session)
    session.flush()
    assert not matching.needs_fit_apart(app)  # one person
    monkeypatch.setattr(matching, "PARALLEL_FROM", 1)
    assert matching.needs_fit_apart(app)
    assert app.test_cli_runner().invoke(args=["refit-index"]).exit_code == 0
    assert not matching.needs_fit_apart(app)  # the base is on disk: the master loads it
