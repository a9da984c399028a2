"""The seeker's forms: the profile in four short steps, unemployment registration, saved searches,
closing the account. Shape only; the rules live in services.profiles, services.unemployment
and services.privacy. The profile's forms serve the person's own pages and township staff
acting for them (代办) alike (web/seeker/steps.py)."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from policy import codes
from policy.consent import text as consent_text
from web.auth.forms import REQUIRED
from web.choices import choices, pairs
from web.inputs import visible

DATE_MESSAGE = "请填写正确的日期（年-月-日）"


class CheckboxList(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class BasicForm(FlaskForm):
    name = StringField("姓名", validators=[DataRequired(REQUIRED), Length(max=64), visible])
    gender = SelectField("性别", choices=pairs([("", "不填"), ("male", "男"), ("female", "女")]))
    id_number = StringField("身份证号", validators=[DataRequired(REQUIRED), Length(max=24)])
    phone = StringField("联系手机", validators=[DataRequired(REQUIRED), Length(max=20)])


class EducationForm(FlaskForm):
    education = SelectField("最高学历", choices=choices(codes.EDUCATION_LEVELS, codes.EDUCATION_LABELS),
                            validators=[DataRequired("请选择学历")])
    school = StringField("毕业院校", validators=[Optional(), Length(max=64), visible])
    major = StringField("专业", validators=[Optional(), Length(max=64)])
    graduation_date = DateField("毕业（离校）时间", validators=[Optional()], format="%Y-%m-%d")


class IntentForm(FlaskForm):
    desired = TextAreaField("想找的工作", validators=[Optional(), Length(max=2000)])
    skills = TextAreaField("技能与证书", validators=[Optional(), Length(max=2000)])
    experience = TextAreaField("工作或实习经历", validators=[Optional(), Length(max=5000)])
    townships = CheckboxList("意向工作地点（可多选，不选表示不限）",
                             choices=pairs((t, t) for t in codes.TOWNSHIPS))
    desired_salary = IntegerField("期望月薪（元，可不填）",
                                  validators=[Optional(), NumberRange(0, 1_000_000, "金额不合理")])
    work_type = SelectField("全职/兼职", choices=pairs([("", "都可以"), *((w, codes.WORK_TYPE_LABELS[w])
                                                                     for w in codes.WORK_TYPES)]),
                            default="")
    open_to_offers = BooleanField("允许用人单位在“推荐人选”中找到我"
                                  "（姓名、电话和身份证号会隐去，直到我申请该单位岗位）")


class SituationForm(FlaskForm):
    employed = BooleanField("目前已就业")
    unemployed_since = DateField("失业（离校未就业）起始日期", validators=[Optional()], format="%Y-%m-%d")
    groups = CheckboxList("我属于（自行申报，人社局核验前显示“待核验”）",
                          choices=pairs((g, codes.GROUP_LABELS[g]) for g in codes.GROUPS))
    # Its own checkbox and its own text (policy.consent), never ticked in advance: PIPL Art. 29.
    sensitive_consent = BooleanField(consent_text())


class WithdrawConsentForm(FlaskForm):
    """撤回同意: removes every sensitive group from the profile (services.consent.withdraw)."""


class UnemploymentForm(FlaskForm):
    township = SelectField("登记所在乡镇（街道）",
                           choices=choices(codes.TOWNSHIPS, {t: t for t in codes.TOWNSHIPS}),
                           validators=[DataRequired("请选择乡镇（街道）")])
    unemployed_since = DateField("失业起始日期", validators=[DataRequired(DATE_MESSAGE)], format="%Y-%m-%d")
    previous_employer = StringField("原工作单位（没有可不填）",
                                    validators=[Optional(), Length(max=128), visible])
    # 劳动年龄 is read from the 身份证号; a woman's retirement age depends on this declaration.
    cadre = SelectField("身份（女性法定退休年龄：工人50周岁，干部55周岁）",
                        choices=pairs([("worker", "工人"), ("cadre", "干部")]), default="worker")
    able_to_work = BooleanField("本人声明：有劳动能力", validators=[DataRequired("请勾选此项声明")])
    wants_work = BooleanField("本人声明：有就业要求", validators=[DataRequired("请勾选此项声明")])


class SaveSearchForm(FlaskForm):
    name = StringField("名称（可不填）", validators=[Optional(), Length(max=64), visible])


class EraseForm(FlaskForm):
    current_password = PasswordField("当前密码", validators=[DataRequired(REQUIRED)])
    confirm = BooleanField("我已了解：注销后无法恢复，账号不能再登录",
                           validators=[DataRequired("请勾选确认")])
