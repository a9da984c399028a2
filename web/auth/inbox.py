"""站内消息: the inbox of anyone signed in, newest first, with mark-read."""

from flask import flash, g, redirect, render_template, url_for

from policy.identifiers import mask_phone
from services import notifications
from web.auth import bp
from web.auth.forms import EmailForm
from web.database import session, transaction
from web.formwork import attempt
from web.security import role_required


@bp.route("/messages", methods=["GET"])
@role_required()
def messages(email_form: EmailForm | None = None):
    s = session()
    form = email_form or EmailForm(email=g.user.email or "")
    return render_template("auth/messages.html", messages=notifications.inbox(s, g.user),
                           unread=notifications.unread_count(s, g.user), email_form=form,
                           phone=mask_phone(g.user.phone))


@bp.route("/messages/email", methods=["POST"])
@role_required()
def set_email():
    form = EmailForm()
    if form.validate_on_submit() and attempt(
            form, lambda s: notifications.set_email(s, g.user, form.email.data or "")):
        flash("通知邮箱已保存" if form.email.data else "已停止邮件通知", "success")
        return redirect(url_for("auth.messages"))
    return messages(email_form=form)


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
