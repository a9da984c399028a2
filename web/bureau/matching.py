"""The bureau's own candidate search: for an open post, the eligible people ranked by the
matcher with every reason (the bureau may see groups), and placing one from the list."""

from flask import g, redirect, render_template, request, url_for

from policy.identifiers import mask_id_number, mask_phone
from services import placements, posts, privacy, profiles
from web.bureau import bp
from web.bureau.forms import PlaceForm, RevealForm
from web.clock import today
from web.database import session, transaction
from web.formwork import submit
from web.matching import current_matcher
from web.security import role_required

SHOWN = 20


@bp.get("/posts/<int:post_id>/candidates")
@role_required("bureau")
def ranked_candidates(post_id: int):
    post = posts.get_post(session(), post_id)
    index = current_matcher()
    results = []
    if index.has_post(str(post.id)):
        unavailable = placements.unavailable_for(session(), post)
        results = [r for r in index.rank_candidates(str(post.id), today(), top=SHOWN * 3,
                                                           served_first=True)
                   if int(r.id) not in unavailable][:SHOWN]
    people = profiles.candidates_by_id(session(), [int(r.id) for r in results])
    ranked = [(people[int(r.id)], r) for r in results]
    forms = {c.id: PlaceForm(prefix=f"p-{c.id}", start_date=today()) for c, _ in ranked}
    return render_template("bureau/ranked.html", post=post, ranked=ranked, forms=forms,
                           mask_id_number=mask_id_number, mask_phone=mask_phone)


@bp.post("/posts/<int:post_id>/place/<int:candidate_id>")
@role_required("bureau")
def place(post_id: int, candidate_id: int):
    form = PlaceForm(prefix=f"p-{candidate_id}")
    submit(form, lambda s: placements.place_candidate(
               s, g.user, post_id, candidate_id, form.start_date.data, form.contract_months.data,
               form.term_months.data),
           lambda p: f"已安置：{p.candidate.name}，{p.start_date.isoformat()} 起")
    return redirect(url_for("bureau.ranked_candidates", post_id=post_id))


@bp.post("/candidates/<int:candidate_id>/id-number")
@role_required("bureau")
def reveal_id_number(candidate_id: int):
    """查看完整身份证号: a POST (no number in any URL or cache) that states its purpose and is
    audited before it shows; without a purpose, the form asks for one and shows nothing."""
    form = RevealForm()
    back = request.form.get("back", "")
    back = back if back.startswith("/bureau/") else url_for("bureau.post_board")
    if not form.validate_on_submit():
        candidate = profiles.get_candidate(session(), candidate_id)
        return render_template("bureau/reveal_purpose.html", form=form, candidate=candidate,
                               back=back, masked=mask_id_number(candidate.id_number or ""))
    with transaction() as s:
        candidate = privacy.reveal_id_number(s, g.user, candidate_id, form.purpose.data)
    return render_template("bureau/reveal.html", candidate=candidate, purpose=form.purpose.data,
                           back=back)
