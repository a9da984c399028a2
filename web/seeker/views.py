from flask import g, render_template
from sqlalchemy import select

from models import Candidate
from web.database import session
from web.security import role_required
from web.seeker import bp


@bp.get("/")
@role_required("seeker")
def home():
    candidate = session().scalar(select(Candidate).where(Candidate.user_id == g.user.id))
    return render_template("seeker/home.html", candidate=candidate)
