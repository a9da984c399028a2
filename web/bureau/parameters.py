"""The 政策参数 page: the parameters the seed does not fix, their values in effect, their history,
and the bureau's changes (each from a date, audited; services.policy_settings)."""

from decimal import Decimal

from flask import g, redirect, render_template, url_for
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, DecimalField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from policy import parameters
from services import policy_settings
from web.bureau import bp
from web.clock import today
from web.database import session
from web.formwork import attempt
from web.security import role_required


class ParameterForm(FlaskForm):
    parameter = SelectField("参数", validators=[DataRequired("请选择参数")])
    value = DecimalField("数值（金额填元，天数、月数、年龄填整数）", places=2, validators=[
        InputRequired("请填写数值"), NumberRange(0, 100_000, "数值应为 0 至 100000")])
    effective_from = DateField("自何日起执行", validators=[DataRequired("请填写日期（YYYY-MM-DD）")])
    confirmed = BooleanField("已核实确认（不勾选则显示“待确认”）")
    note = StringField("说明（如依据的文件）", validators=[Length(max=200, message="说明最多 200 字")])


@bp.route("/parameters", methods=["GET", "POST"])
@role_required("bureau")
def parameter_settings():
    form = ParameterForm()
    defaults = {f"{p.section}.{p.name}": p for p in parameters.defaults()
                if (p.section, p.name) not in policy_settings.FILE_ONLY}
    form.parameter.choices = [(key, p.label_zh) for key, p in defaults.items()]
    if form.validate_on_submit():
        chosen = defaults[form.parameter.data]
        value = _stored(form.value.data, chosen.unit)
        if value is None:
            form.value.errors.append("天数、月数、年龄应为整数")
        elif attempt(form, lambda s: policy_settings.change(
                s, g.user.id, chosen.section, chosen.name, value, form.effective_from.data,
                form.confirmed.data, form.note.data or "")):
            return redirect(url_for("bureau.parameter_settings"))
    status = 422 if form.errors else 200
    rows = policy_settings.overview(session(), today())
    return render_template("bureau/parameters.html", form=form, rows=rows,
                           source_labels=parameters.SOURCE_LABELS,
                           unit_labels=parameters.UNIT_LABELS), status


def _stored(value: Decimal, unit: str) -> int | None:
    """Money is entered in yuan and kept in fen; other units must be whole numbers."""
    if unit == "fen":
        return int(value * 100)
    return int(value) if value == int(value) else None
