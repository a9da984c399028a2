"""Forms of subsidy claims, shared by the employer's, the person's and the bureau's pages."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

NOTE_MAX = 500


class ClaimForm(FlaskForm):
    """One ledger line (its placement and rule are in the URL) claimed with a note and
    optionally a file."""

    note = TextAreaField("申领说明", validators=[DataRequired("请填写申领说明"),
                                               Length(max=NOTE_MAX, message="说明不超过500字")])
    attachment = FileField("证明材料（PDF/JPEG/PNG，不超过 2 MB，可不传）")


class RejectForm(FlaskForm):
    reason = StringField("驳回理由", validators=[DataRequired("请填写驳回理由"),
                                             Length(max=NOTE_MAX, message="理由不超过500字")])


class PayForm(FlaskForm):
    paid_on = DateField("发放日期", validators=[DataRequired("请填写发放日期（YYYY-MM-DD）")])
    voucher = StringField("凭证号", validators=[DataRequired("请填写凭证号"),
                                              Length(max=64, message="凭证号不超过64个字符")])


class CertificateForm(FlaskForm):
    attachment = FileField("证明材料（PDF/JPEG/PNG，不超过 2 MB）")
