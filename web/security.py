"""Who is asking: the logged-in user from the session cookie or a bearer token, and role checks.

The JSON API under /api/v1 knows bearer tokens only and ignores the cookie: a browser adds the
cookie to a cross-site form or fetch by itself, and the API has no CSRF token, so a cookie
accepted there would let any site close posts or apply in the user's name. A token is sent
only by code that holds it. (No page or script of the site calls the API.)

Both carry the user's session generation; logging out bumps it, so a copied cookie or an
old token stops working even though Flask's cookie session cannot be revoked by itself.
The cookie also carries when the login started and when it was last used, so a session ends
after its absolute lifetime and, for the bureau, after idling (SESSION_*_TIMEOUT settings).
A token carries when it was issued; when it was last used is kept in web.token_activity, so
a bureau token idles out after the same 30 minutes as a bureau session.
"""

import re
import secrets
import time
from datetime import timedelta
from functools import lru_cache, wraps

from flask import Flask, abort, current_app, flash, g, redirect, request, session, url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import bindparam, select
from werkzeug.middleware.proxy_fix import ProxyFix

from models import User
from policy.errors import Forbidden
from services import recommendations
from web import token_activity
from web.database import session as db_session

TOKEN_MAX_AGE = timedelta(hours=12)
API_SIGNATURE_SALT = "jobbridge-api-token"  # what the signatures of API tokens are salted with
API_PREFIX = "/api/"


def init_app(app: Flask) -> None:
    app.permanent_session_lifetime = app.config["SESSION_ABSOLUTE_TIMEOUT"]
    hops = app.config["PROXY_HOPS"]
    if hops:
        # Behind a TLS proxy: the client's address (rate limits) and https (HSTS, Secure
        # cookies) come from the X-Forwarded headers the trusted proxies set, and only those.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    token_activity.init_app(app)
    app.before_request(_load_user)
    app.context_processor(lambda: {"current_user": g.get("user")})


def _serializer(secret_key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=API_SIGNATURE_SALT)


def issue_token(user: User) -> str:
    claims = {"uid": user.id, "gen": user.session_generation}
    token = _serializer(current_app.config["SECRET_KEY"]).dumps(claims)
    idle = _idle_limit(user)
    if idle is not None:
        _activity().touch(token, time.time(), idle.total_seconds())
    return token


def _activity():
    return current_app.extensions["token_activity"]


def _idle_limit(user: User) -> timedelta | None:
    """The role's idle limit (SESSION_IDLE_TIMEOUT): the same for its cookie and its tokens."""
    return current_app.config["SESSION_IDLE_TIMEOUT"].get(user.role)


def _load_user() -> None:
    g.user = g.standing = None
    try:
        _identify()
    finally:
        if g.user is None:  # read with its user, then refused (timed out): not this request's
            g.standing = None


def _identify() -> None:
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        g.user = _token_user(header[7:].strip())
        g.via_token = True
        return
    if request.path.startswith(API_PREFIX):
        return
    if "uid" in session:
        g.user = _active_user(session.get("uid"), session.get("gen"))
        if g.user is None:
            session.clear()
        elif _timed_out(g.user, time.time()):
            g.user = None
            session.clear()
            flash("登录已超时，请重新登录", "error")
        else:
            session["seen"] = int(time.time())


TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_.-]{1,512}")
"""What itsdangerous writes: URL-safe base64 parts joined by dots. itsdangerous itself decodes
a token with other characters added (it drops them), so one valid token would make many."""


@lru_cache(maxsize=4096)
def _signed(secret_key: str, token: str) -> tuple[object, object, float]:
    """A token's user id and session generation (as signed: not checked here), and when it was
    signed; raises BadSignature for a token this key did not sign, which is not kept. Kept for
    the tokens recently seen: a client sends the same token with every request, and checking
    its signature (a key derivation, then the HMAC) cost a third of a small answer's own work."""
    claims, signed_at = _serializer(secret_key).loads(token, return_timestamp=True)
    if not isinstance(claims, dict):
        raise BadSignature("the token's claims are not an object")
    return claims.get("uid"), claims.get("gen"), signed_at.timestamp()


def _token_user(token: str) -> User | None:
    """The token's user while it is within its absolute lifetime and, for a role with an idle
    limit, used within that limit; each use restarts the idle clock."""
    if not TOKEN_SHAPE.fullmatch(token):
        return None
    try:
        uid, generation, signed_at = _signed(current_app.config["SECRET_KEY"], token)
    except BadSignature:
        return None
    if not 0 <= time.time() - signed_at <= TOKEN_MAX_AGE.total_seconds():
        return None
    user = _active_user(uid, generation)
    idle = _idle_limit(user) if user is not None else None
    if idle is None:
        return user
    now, seen = time.time(), _activity().last_seen(token)
    if seen is None or now - seen > idle.total_seconds():
        return None
    _activity().touch(token, now, idle.total_seconds())
    return user


def _timed_out(user: User, now: float) -> bool:
    """Past the absolute lifetime, or idle longer than the user's role allows."""
    login_at, seen_at = session.get("login_at"), session.get("seen")
    if not isinstance(login_at, int) or not isinstance(seen_at, int):
        return True
    if now - login_at > current_app.config["SESSION_ABSOLUTE_TIMEOUT"].total_seconds():
        return True
    idle = _idle_limit(user)
    return idle is not None and now - seen_at > idle.total_seconds()


_USER = recommendations.with_standing(select(User)).where(User.id == bindparam("uid"))
"""The user, and a seeker's standing (services.recommendations.Standing) in the same round
trip. Built once: Session.get composes its statement on every call, a third of its cost."""


def _active_user(uid, generation) -> User | None:
    """The user of a session or token still valid, or None; a seeker's standing goes to
    g.standing (None for anybody else)."""
    if not isinstance(uid, int) or not isinstance(generation, int):
        return None
    row = db_session().execute(_USER, {"uid": uid}).one_or_none()
    if row is None or not row[0].active or row[0].session_generation != generation:
        return None
    g.standing = recommendations.Standing.of(row)
    return row[0]


def login_user(user: User) -> None:
    """Start a fresh session: nothing from before the login survives in the cookie."""
    session.clear()
    session.permanent = True
    session["uid"] = user.id
    session["gen"] = user.session_generation
    session["sid"] = secrets.token_urlsafe(16)
    session["login_at"] = session["seen"] = int(time.time())


def logout_session() -> None:
    session.clear()


TOWNSHIP_PAGES_ONLY = "镇街协理员的工作（辖区人员、岗位、跟踪服务和代办）在网页上办理，接口不向协理员账号开放"


def role_required(*roles: str):
    """Pages: anonymous → login page; API: 401. A wrong role is 403 for both. Township staff
    work on the pages only (their scope and 代办 consent are checked there): the API refuses
    their token with its own code, so a client can tell them where to go instead."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            user = g.get("user")
            if user is None:
                if request.blueprint == "api":
                    abort(401)
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            if roles and user.role not in roles:
                if user.role == "township" and request.blueprint == "api":
                    raise Forbidden(TOWNSHIP_PAGES_ONLY, code="township_pages_only")
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
