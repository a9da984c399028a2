"""Registration, login and account forms: shape only; the rules live in services.accounts."""

from flask_wtf import FlaskForm
from wtforms import IntegerField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, NumberRange, Optional

from policy import codes
from web.choices import choices
from web.inputs import visible

REQUIRED = "此项为必填"


class LoginForm(FlaskForm):
    phone = StringField("手机号", validators=[DataRequired(REQUIRED), Length(max=20)])
    password = PasswordField("密码", validators=[DataRequired(REQUIRED), Length(max=256)])


class _AccountFields(FlaskForm):
    phone = StringField("手机号", validators=[DataRequired(REQUIRED), Length(max=20)])
    password = PasswordField("密码（至少 8 位）", validators=[DataRequired(REQUIRED), Length(max=256)])
    confirm = PasswordField(
        "再次输入密码", validators=[DataRequired(REQUIRED), EqualTo("password", "两次输入的密码不一致")]
    )


class SeekerRegisterForm(_AccountFields):
    name = StringField("姓名", validators=[DataRequired(REQUIRED), Length(max=64), visible])
    id_number = StringField("身份证号", validators=[DataRequired(REQUIRED), Length(max=24)])
    education = SelectField(
        "最高学历",
        choices=choices(codes.EDUCATION_LEVELS, codes.EDUCATION_LABELS),
        validators=[DataRequired("请选择学历")],
    )


class EmployerRegisterForm(_AccountFields):
    name = StringField("联系人姓名", validators=[DataRequired(REQUIRED), Length(max=64), visible])
    employer_name = StringField("单位名称", validators=[DataRequired(REQUIRED), Length(max=128), visible])
    credit_code = StringField("统一社会信用代码", validators=[DataRequired(REQUIRED), Length(max=24)])
    legal_representative = StringField("法定代表人（与营业执照一致）", validators=[
        Optional(), Length(max=64, message="最多 64 字")])
    address = StringField("住所（与营业执照一致）", validators=[
        Optional(), Length(max=128, message="最多 128 字")])
    ownership = SelectField(
        "单位性质",
        choices=choices(codes.OWNERSHIPS, codes.OWNERSHIP_LABELS),
        validators=[DataRequired("请选择单位性质")],
    )
    size = SelectField(
        "企业规模",
        choices=choices(codes.EMPLOYER_SIZES, codes.EMPLOYER_SIZE_LABELS),
        validators=[DataRequired("请选择企业规模")],
    )
    staff_count = IntegerField(
        "职工人数",
        validators=[DataRequired("请填写职工人数"), NumberRange(0, 1_000_000, "人数不合理")],
    )
    industry = StringField("所属行业", validators=[DataRequired(REQUIRED), Length(max=32)])
    township = SelectField(
        "所在乡镇（街道）",
        choices=choices(codes.TOWNSHIPS, {t: t for t in codes.TOWNSHIPS}),
        validators=[DataRequired("请选择乡镇（街道）")],
    )


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField("当前密码", validators=[DataRequired(REQUIRED), Length(max=256)])
    password = PasswordField("新密码（至少 8 位）", validators=[DataRequired(REQUIRED), Length(max=256)])
    confirm = PasswordField(
        "再次输入新密码", validators=[DataRequired(REQUIRED), EqualTo("password", "两次输入的密码不一致")]
    )


class ChangePhoneForm(FlaskForm):
    current_password = PasswordField("当前密码", validators=[DataRequired(REQUIRED), Length(max=256)])
    phone = StringField("新手机号", validators=[DataRequired(REQUIRED), Length(max=20)])


class ResetRequestForm(FlaskForm):
    phone = StringField("注册时的手机号", validators=[DataRequired(REQUIRED), Length(max=20)])


class ResetConfirmForm(_AccountFields):
    code = StringField("短信验证码", validators=[DataRequired(REQUIRED), Length(max=12)])


class EmailForm(FlaskForm):
    email = StringField("接收通知的邮箱（可不填）", validators=[Length(max=254)])
