from dataclasses import dataclass

from flask import abort, current_app, g, jsonify, render_template, request
from flask import session as flask_session
from markupsafe import Markup

from policy.codes import EDUCATION_LEVELS, POST_KINDS, TOWNSHIPS
from policy.public_text import programme_citations, who_may_apply
from services import applications, post_search, posts, programs
from services.saved_searches import clean_params, filters_of
from web.clock import today
from web.database import ping, select_one, session
from web.errors import OUTAGE_RETRY_AFTER_SECONDS
from web.limits import storage_ready
from web.matching import cached_listing, current_matcher, index_ready, visible_posts, without_catch_up
from web.public import bp

PER_PAGE = 20
SORT_LABELS = {"relevance": "相关度", "newest": "最新", "salary": "薪资"}
MAX_PAGE = 10_000


@bp.get("/healthz")
def healthz():
    select_one()
    return jsonify({"status": "ok"})


@bp.get("/readyz")
@without_catch_up
def readyz():
    """Readiness, for a load balancer: whether each dependency this worker needs answers now.
    200 when all do; 503 with Retry-After naming those that do not. (/healthz stays the cheap
    liveness check: a worker that is up but whose database is not needs no restart.)"""
    checks = {"database": ping()}
    redis = storage_ready(current_app)
    if redis is not None:
        checks["redis"] = redis
    checks["matcher"] = index_ready()
    ready = all(checks.values())
    response = jsonify({
        "status": "ready" if ready else "unavailable",
        "checks": {name: "ok" if ok else "unavailable" for name, ok in checks.items()},
    })
    response.headers["Cache-Control"] = "no-store"
    if not ready:
        response.status_code = 503
        response.headers["Retry-After"] = str(OUTAGE_RETRY_AFTER_SECONDS)
    return response


HOME_NEWEST = 8


@bp.get("/")
def home():
    """The keyword box, the newest posts, then the quota programmes' progress."""
    found = post_search.search_public_posts(current_matcher(), visible_posts(), "",
                                            post_search.PostFilter(), 1, HOME_NEWEST, today())
    loaded = post_search.posts_by_id(session(), found.post_ids)
    return render_template("public/home.html", programs=programs.program_progress(session()),
                           newest=[loaded[i] for i in found.post_ids], total=found.total)


@bp.get("/programs")
def program_list():
    return render_template("public/programs.html", programs=programs.program_progress(session()),
                           citations=programme_citations())


@bp.get("/posts")
def post_list():
    """The listing: every parameter is in the URL, so a search can be shared or saved.
    The results are the same for every visitor and kept rendered until the listing changes;
    only the page around them (navigation, the seeker's 保存此搜索) is per request."""
    params = clean_params(request.args)
    page = request.args.get("page", "1")
    page = int(page) if page.isdigit() and 0 < int(page) <= MAX_PAGE else 1
    key = ("public.post_list", tuple(sorted(params.items())), page, today())
    listing = cached_listing(key, lambda: _results(params, page))
    if listing is None:
        abort(404)
    return render_template("public/posts.html", params=params, listing=listing)


def _results(params: dict[str, str], page: int) -> Markup | None:
    """The rendered results, or None for a page past the last."""
    found = post_search.search_public_posts(current_matcher(), visible_posts(), params.get("q", ""),
                                            filters_of(params), page, PER_PAGE, today(),
                                            params.get("sort", "relevance"))
    pages = max(1, -(-found.total // PER_PAGE))
    if page > pages:
        return None
    loaded = post_search.posts_by_id(session(), [*found.post_ids, *found.related])
    # bandit B704: the markup is our own template's output, every value escaped by Jinja
    return Markup(render_template(  # nosec B704
        "public/_post_results.html", found=found, shown=[loaded[i] for i in found.post_ids],
        related=[loaded[i] for i in found.related], sorts=SORT_LABELS,
        params=params, page=page, pages=pages, kinds=POST_KINDS, townships=TOWNSHIPS,
        levels=EDUCATION_LEVELS, salary_steps=post_search.SALARY_STEPS,
    ))


@dataclass(frozen=True)
class ShownPost:
    """What the detail page needs of a post besides the reader: the same for everyone."""

    id: int
    title: str
    status: str
    slots_left: int
    article: Markup


@bp.get("/posts/<int:post_id>")
def post_detail(post_id: int):
    """The post, kept rendered until it changes; then what this reader may do with it."""
    shown = cached_listing(("public.post_detail", post_id, today()), lambda: _shown_post(post_id))
    if g.user is None and "_flashes" not in flask_session:
        # The same page for every visitor who is not logged in and has no message waiting:
        # kept whole, so the commonest reader of a shared link costs no rendering.
        return cached_listing(("public.post_detail.anonymous", post_id, today()),
                              lambda: render_template("public/post_detail.html", shown=shown, decision=None,
                                                      application=None, failed=[], passed=[]))
    decision = application = None
    if g.user is not None and g.user.role == "seeker":
        s = session()
        candidate = applications.candidate_of(s, g.user)
        decision = applications.eligibility_for(candidate, post_search.get_public_post(s, post_id), today())
        application = applications.application_of(s, candidate.id, post_id)
    return render_template(
        "public/post_detail.html", shown=shown, decision=decision, application=application,
        failed=[r for r in decision.reasons if not r.passed] if decision else [],
        passed=[r for r in decision.reasons if r.passed] if decision else [],
    )


def _shown_post(post_id: int) -> ShownPost:
    s = session()
    post = post_search.get_public_post(s, post_id)
    slots_left = max(post.slots - posts.active_placements(s, post.id), 0)
    # bandit B704: the markup is our own template's output, every value escaped by Jinja
    article = Markup(render_template(  # nosec B704
        "public/_post_article.html", post=post, slots_left=slots_left,
        rule=who_may_apply(post.kind, post.education_min, post.reserved_for_graduates),
        stale=post_search.is_stale(post, today()),
    ))
    return ShownPost(post.id, post.title, post.status, slots_left, article)
