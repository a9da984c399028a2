"""Bureau forms: placements, targets, follow-up contacts and the purpose of an ID reveal."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, NumberRange, Optional

from policy.codes import POST_KIND_LABELS
from policy.placements import END_REASON_LABELS, END_REASONS, TARGET_RULE_LABELS
from services.employers import DECISION_LABELS, REASON_MAX_LENGTH, Review, review_problems
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
    target = IntegerField("目标（上限为岗位数，下限为人数）", validators=[
        InputRequired("请填写目标"), NumberRange(1, 1_000_000, "目标应为正整数")])


class ProgramForm(FlaskForm):
    """A quota program, created or edited by the bureau (services.programs checks the sense)."""

    kind = SelectField("类型", choices=choices(("trainee", "public_welfare"), POST_KIND_LABELS,
                                              blank=None))
    name = StringField("名称", validators=[DataRequired("请填写名称"), Length(max=64)])
    target = IntegerField("目标", validators=[
        InputRequired("请填写目标"), NumberRange(1, 1_000_000, "目标应为正整数")])
    target_rule = SelectField("目标性质", choices=pairs(TARGET_RULE_LABELS.items()))
    start_date = DateField("开始日期", validators=[DataRequired("请填写日期（YYYY-MM-DD）")])
    end_date = DateField("结束日期", validators=[DataRequired("请填写日期（YYYY-MM-DD）")])
    term_months = IntegerField("期限（月，公益性岗位 1–6，见习 3–12；不填用默认）", validators=[
        Optional(), NumberRange(1, 12, "期限应为 1 至 12 个月")])
    monthly_subsidy_yuan = IntegerField("本计划每月岗位补贴（元，仅公益性岗位；不填按政策参数）", validators=[
        Optional(), NumberRange(0, 100_000, "补贴应为 0 至 100000 元")])


class FollowUpForm(FlaskForm):
    contacted_on = DateField("联系日期", validators=[DataRequired("请填写日期（YYYY-MM-DD）")])
    channel = SelectField("联系方式", choices=pairs(CHANNEL_LABELS.items()), validate_choice=False,
                          validators=[AnyOf(tuple(CHANNEL_LABELS), message="请选择联系方式")])
    # Rendered as one button per outcome (the second tap); a missing or unknown one is refused
    # in Chinese rather than with WTForms' English "Not a valid choice".
    outcome = SelectField("结果", choices=pairs(OUTCOME_LABELS.items()), validate_choice=False,
                          validators=[AnyOf(tuple(OUTCOME_LABELS), message="请选择联系结果")])
    note = StringField("备注", validators=[Length(max=500, message="备注最多 500 字")])


class PlaceForm(FlaskForm):
    start_date = DateField("上岗日期", validators=[DataRequired("请填写日期（YYYY-MM-DD）")])
    contract_months = IntegerField("劳动合同期限（月，可不填）", validators=[
        Optional(), NumberRange(1, 240, "应为 1 至 240 个月")])
    term_months = IntegerField("见习期限（月，仅见习岗位，3–12；不填按计划期限或最长期限）", validators=[
        Optional(), NumberRange(1, 24, "应为 1 至 24 个月")])


class RevealForm(FlaskForm):
    """查看完整身份证号: the purpose is asked every time and kept in the audit entry."""

    purpose = StringField("查看目的", validators=[
        DataRequired("请填写查看目的，例如：核实安置人员身份"),
        Length(max=PURPOSE_MAX_LENGTH, message=f"查看目的最多 {PURPOSE_MAX_LENGTH} 字")])


class EmployerReviewForm(FlaskForm):
    """The bureau's decision on an employer. The conditional rules (a reason to return or
    reject, the licence ticked to verify) are services.employers.review_problems, shown with
    the fields' own errors all at once."""

    decision = RadioField("审核结果", choices=pairs(DECISION_LABELS.items()), validate_choice=False)
    reason = TextAreaField("原因（退回补充或驳回时必填，单位可见）", validators=[
        Length(max=REASON_MAX_LENGTH, message=f"原因最多 {REASON_MAX_LENGTH} 字")])
    confirmed = BooleanField("已核对统一社会信用代码、单位名称、法定代表人、住所与营业执照一致")

    def review(self) -> Review:
        return Review(decision=self.decision.data or "", reason=self.reason.data or "",
                      confirmed=bool(self.confirmed.data))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for name, message in review_problems(self.review()).items():
            if message not in self[name].errors:
                self[name].errors.append(message)
                valid = False
        return valid


class ExportPurposeForm(FlaskForm):
    """导出含完整身份证号的补贴申领名单: the purpose is asked every time and audited."""

    purpose = StringField("导出目的", validators=[
        DataRequired("请填写导出目的，例如：向区财政局申领2020年9月公益性岗位补贴"),
        Length(max=PURPOSE_MAX_LENGTH, message=f"导出目的最多 {PURPOSE_MAX_LENGTH} 字")])
