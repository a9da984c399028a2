"""The person's certificate for a declared 低保 / 脱贫 group: the evidence the bureau verifies on."""

from flask import flash, g, redirect, url_for

from policy.codes import GROUP_LABELS
from services import verification
from web import attachments
from web.formwork import attempt
from web.security import role_required
from web.seeker import bp
from web.subsidy_forms import CertificateForm


@bp.post("/claims/<group>/certificate")
@role_required("seeker")
def group_certificate(group: str):
    form = CertificateForm()
    user = g.user

    file = form.attachment.data
    if not form.validate_on_submit():
        flash("页面已过期，请刷新后重新上传", "error")
    elif file is None or not file.filename:
        flash("请选择要上传的证明文件", "error")
    elif attempt(form, lambda s: verification.attach_certificate(
            s, user, group, attachments.upload(s, user, file))):
        flash(f"已上传{GROUP_LABELS.get(group, '')}证明，等待人社局核验", "success")
    return redirect(url_for("seeker.home"))
