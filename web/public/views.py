from flask import abort, jsonify, render_template, request
from sqlalchemy import text

from policy.codes import EDUCATION_LEVELS, POST_KINDS, TOWNSHIPS
from services import posts, programs
from web.database import session
from web.public import bp

PER_PAGE = 20


@bp.get("/healthz")
def healthz():
    session().execute(text("SELECT 1"))
    return jsonify({"status": "ok"})


@bp.get("/")
def home():
    return render_template("public/home.html", programs=programs.program_progress(session()))


@bp.get("/programs")
def program_list():
    return render_template("public/programs.html", programs=programs.program_progress(session()))


@bp.get("/posts")
def post_list():
    args = request.args
    filters = posts.PostFilter(
        kind=args.get("kind") if args.get("kind") in POST_KINDS else None,
        township=args.get("township") if args.get("township") in TOWNSHIPS else None,
        education=args.get("education") if args.get("education") in EDUCATION_LEVELS else None,
    )
    page = args.get("page", "1")
    page = int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1
    items, total = posts.list_public_posts(session(), filters, page, PER_PAGE)
    pages = max(1, -(-total // PER_PAGE))
    if page > pages:
        abort(404)
    return render_template("public/posts.html", posts=items, total=total, page=page,
                           pages=pages, filters=filters)


@bp.get("/posts/<int:post_id>")
def post_detail(post_id: int):
    return render_template("public/post_detail.html",
                           post=posts.get_public_post(session(), post_id))
