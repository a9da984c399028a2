"""Bureau forms: placements, targets, follow-up contacts and the purpose of an ID reveal."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from policy.placements import END_REASON_LABELS, END_REASONS
from services.followups import CHANNEL_LABELS, OUTCOME_LABELS
from services.privacy import PURPOSE_MAX_LENGTH
from web.choices import choices, pairs


class EndPlacementForm(FlaskForm):
    ended_on = DateField("最后在岗日期", validators=[DataRequired("请填写日期（YYYY-MM-DD）")])
    reason = SelectField(
        "结束原因",
        choices=choices(END_REASONS, END_REASON_LABELS, blank=None),
        validators=[DataRequired("请选择结束原因")],
    )


class ExtendPlacementForm(FlaskForm):
    months = IntegerField("延长月数", default=12,
                          validators=[InputRequired("请填写月数"), NumberRange(1, 12, "应为 1 至 12 个月")])
    still_unemployed = BooleanField("本人期满仍未实现稳定就业（已核实）")


class UnlockLoginForm(FlaskForm):
    phone = StringField("登录手机号", validators=[DataRequired("请填写手机号"), Length(max=20)])


class TargetForm(FlaskForm):
    target = IntegerField("目标人数", validators=[
        InputRequired("请填写目标人数"), NumberRange(1, 1_000_000, "目标人数应为正整数")])


class FollowUpForm(FlaskForm):
    contacted_on = DateField("联系日期", validators=[DataRequired("请填写日期（YYYY-MM-DD）")])
    channel = SelectField("联系方式", choices=pairs(CHANNEL_LABELS.items()))
    outcome = SelectField("结果", choices=pairs(OUTCOME_LABELS.items()))
    note = StringField("备注", validators=[Length(max=500, message="备注最多 500 字")])


class PlaceForm(FlaskForm):
    start_date = DateField("上岗日期", validators=[DataRequired("请填写日期（YYYY-MM-DD）")])
    contract_months = IntegerField("劳动合同期限（月，可不填）", validators=[
        Optional(), NumberRange(1, 240, "应为 1 至 240 个月")])


class RevealForm(FlaskForm):
    """查看完整身份证号: the purpose is asked every time and kept in the audit entry."""

    purpose = StringField("查看目的", validators=[
        DataRequired("请填写查看目的，例如：核实安置人员身份"),
        Length(max=PURPOSE_MAX_LENGTH, message=f"查看目的最多 {PURPOSE_MAX_LENGTH} 字")])
