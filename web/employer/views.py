from flask import g, render_template
from sqlalchemy import select

from models import Post
from web.database import session
from web.employer import bp
from web.security import role_required


@bp.get("/")
@role_required("employer")
def home():
    own_posts = session().scalars(
        select(Post).where(Post.employer_id == g.user.employer_id).order_by(Post.id.desc())
    ).all()
    return render_template("employer/home.html", employer=g.user.employer, posts=own_posts)
