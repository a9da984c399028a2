"""站内消息: the inbox of anyone signed in, newest first, with mark-read."""

from flask import g, redirect, render_template, url_for

from services import notifications
from web.auth import bp
from web.database import session, transaction
from web.security import role_required


@bp.route("/messages", methods=["GET"])
@role_required()
def messages():
    s = session()
    return render_template("auth/messages.html", messages=notifications.inbox(s, g.user),
                           unread=notifications.unread_count(s, g.user))


@bp.route("/messages/<int:message_id>/read", methods=["POST"])
@role_required()
def read_message(message_id: int):
    with transaction() as s:
        notifications.mark_read(s, g.user, message_id)
    return redirect(url_for("auth.messages"))


@bp.route("/messages/read-all", methods=["POST"])
@role_required()
def read_all_messages():
    with transaction() as s:
        notifications.mark_all_read(s, g.user)
    return redirect(url_for("auth.messages"))
