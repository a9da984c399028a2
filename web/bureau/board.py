"""The bureau's post board: every post searched, filtered, sorted and paged (services.post_board)."""

from flask import render_template, request

from policy.codes import POST_KIND_LABELS, POST_KINDS, TOWNSHIPS
from services import post_board
from web.bureau import bp
from web.database import session
from web.inputs import row_id
from web.security import role_required


def _filters() -> post_board.BoardFilters:
    """The query string's filters; anything unknown is dropped rather than refused (a link
    kept from another day still opens the board)."""
    args = request.args

    def known(name: str, allowed, default: str = "") -> str:
        value = args.get(name, default)
        return value if value in allowed else default

    return post_board.BoardFilters(
        q=args.get("q", "").strip()[:post_board.KEYWORD_MAX_LENGTH],
        kind=known("kind", POST_KINDS), township=known("township", TOWNSHIPS),
        employer_id=args.get("employer", type=row_id),
        status=known("status", post_board.STATUS_FILTERS, "open"),
        fill=known("fill", post_board.FILL_FILTERS), sort=known("sort", post_board.SORTS, "fill"))


@bp.get("/posts", endpoint="post_board")
@role_required("bureau")
def board_page():
    filters = _filters()
    found = post_board.board(session(), filters, request.args.get("page", 1, type=int) or 1)
    query = {key: value for key, value in (
        ("q", filters.q), ("kind", filters.kind), ("township", filters.township),
        ("employer", filters.employer_id), ("fill", filters.fill))
        if value}
    if filters.status != "open":
        query["status"] = filters.status
    if filters.sort != "fill":
        query["sort"] = filters.sort
    return render_template(
        "bureau/posts.html", found=found, filters=filters, query=query, townships=TOWNSHIPS,
        all_employers={k: v for k, v in query.items() if k != "employer"},
        kinds=POST_KIND_LABELS, fills=post_board.FILL_FILTERS, sorts=post_board.SORTS,
        employer_name=post_board.employer_name(session(), filters.employer_id))
