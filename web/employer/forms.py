"""Employer forms: the company profile, a post, and an application's next stage. Shape only."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from policy import codes
from web.auth.forms import REQUIRED
from web.choices import choices, pairs
from web.inputs import visible


class CompanyForm(FlaskForm):
    name = StringField("单位名称", validators=[DataRequired(REQUIRED), Length(max=128), visible])
    ownership = SelectField("单位性质", choices=choices(codes.OWNERSHIPS, codes.OWNERSHIP_LABELS),
                            validators=[DataRequired("请选择单位性质")])
    size = SelectField("企业规模", choices=choices(codes.EMPLOYER_SIZES, codes.EMPLOYER_SIZE_LABELS),
                       validators=[DataRequired("请选择企业规模")])
    staff_count = IntegerField("职工人数", validators=[DataRequired("请填写职工人数"),
                                                   NumberRange(0, 1_000_000, "人数不合理")])
    industry = StringField("所属行业", validators=[DataRequired(REQUIRED), Length(max=32)])
    township = SelectField("所在乡镇（街道）",
                           choices=choices(codes.TOWNSHIPS, {t: t for t in codes.TOWNSHIPS}),
                           validators=[DataRequired("请选择乡镇（街道）")])
    contact_name = StringField("联系人", validators=[DataRequired(REQUIRED), Length(max=64), visible])
    contact_phone = StringField("联系电话（手机）", validators=[DataRequired(REQUIRED), Length(max=20)])
    legal_representative = StringField("法定代表人（与营业执照一致）", validators=[
        Optional(), Length(max=64, message="最多 64 字")])
    address = StringField("住所（与营业执照一致）", validators=[
        Optional(), Length(max=128, message="最多 128 字")])


class PostForm(FlaskForm):
    kind = SelectField("岗位类型", choices=choices(codes.POST_KINDS, codes.POST_KIND_LABELS),
                       validators=[DataRequired("请选择岗位类型")])
    title = StringField("岗位名称", validators=[DataRequired(REQUIRED), Length(max=64), visible])
    industry = StringField("行业", validators=[DataRequired(REQUIRED), Length(max=32)])
    township = SelectField("工作地点", choices=choices(codes.TOWNSHIPS, {t: t for t in codes.TOWNSHIPS}),
                           validators=[DataRequired("请选择工作地点")])
    slots = IntegerField("招聘人数", validators=[InputRequired("请填写招聘人数"),
                                             NumberRange(1, 10_000, "人数应为 1 到 10000")])
    education_min = SelectField("最低学历", choices=pairs((v, codes.EDUCATION_LABELS[v])
                                                      for v in codes.EDUCATION_LEVELS))
    majors = StringField("专业要求（多个用顿号或逗号分隔，可不填）", validators=[Optional(), Length(max=200)])
    salary_min = IntegerField("月薪下限（元，可不填）", validators=[Optional(),
                                                         NumberRange(0, 1_000_000, "金额不合理")])
    salary_max = IntegerField("月薪上限（元，可不填）", validators=[Optional(),
                                                         NumberRange(0, 1_000_000, "金额不合理")])
    work_type = SelectField("全职/兼职", choices=choices(codes.WORK_TYPES, codes.WORK_TYPE_LABELS),
                            default="full_time")
    description = TextAreaField("岗位职责", validators=[Optional(), Length(max=5000)])
    requirements = TextAreaField("任职要求", validators=[Optional(), Length(max=5000)])
    close_date = DateField("截止日期（可不填）", validators=[Optional()], format="%Y-%m-%d")
    reserved_for_graduates = BooleanField("专项招聘应届高校毕业生（仅国有企业的招聘岗位）")


class StageForm(FlaskForm):
    to = SelectField("下一步", choices=pairs([("shortlisted", "初筛通过"), ("interview", "安排面试"),
                                      ("offered", "发录用通知"), ("hired", "录用（登记到岗）"),
                                      ("rejected", "未通过")]))
    reason = StringField("原因（未通过时必填）", validators=[Optional(), Length(max=255)])
    start_date = DateField("到岗日期（录用时必填）", validators=[Optional()], format="%Y-%m-%d")
