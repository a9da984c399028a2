"""未送达消息: the outbox's dead letters, for the bureau to look into and send again."""

from flask import g, redirect, render_template, url_for

from policy.identifiers import mask_phone
from services import outbox
from web.bureau import bp
from web.database import session
from web.formwork import submit
from web.security import role_required


@bp.get("/outbox")
@role_required("bureau")
def dead_letters():
    return render_template("bureau/outbox.html", rows=outbox.dead_letters(session()),
                           mask_phone=mask_phone)


@bp.post("/outbox/<int:outbox_id>/resend")
@role_required("bureau")
def resend(outbox_id: int):
    submit(None, lambda s: outbox.retry_dead(s, g.user.id, outbox_id), lambda _: "已重新发送")
    return redirect(url_for("bureau.dead_letters"))
