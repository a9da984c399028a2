"""Township staff forms: shape only; the rules live in services.delegation and services.accounts."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from policy import codes
from web.choices import choices
from web.seeker.forms import BasicForm


class CodeForm(FlaskForm):
    code = StringField("本人收到的短信验证码", validators=[
        DataRequired("请填写验证码"), Regexp(r"^\s*\d{6}\s*$", message="验证码为 6 位数字")])


class ConsentPhotoForm(FlaskForm):
    attachment = FileField("本人签字的代办授权书照片（JPEG/PNG，不超过 2 MB）")


class TownshipUserForm(FlaskForm):
    name = StringField("姓名", validators=[DataRequired("请填写姓名"), Length(max=64)])
    phone = StringField("手机号（登录账号）", validators=[DataRequired("请填写手机号")])
    township = SelectField("乡镇（街道）",
                           choices=choices(codes.TOWNSHIPS, {t: t for t in codes.TOWNSHIPS}),
                           validators=[DataRequired("请选择乡镇（街道）")])
    password = PasswordField("初始密码", validators=[DataRequired("请设置初始密码")])


class ProxyBasicForm(BasicForm):
    """The person's 基本信息 as staff fill it in. The 身份证号 and phone are never shown whole to
    staff (the person page masks them; the bureau's reveal is audited), so these two fields
    only ever hold what was typed: left empty, the numbers on record stay."""

    id_number = StringField("身份证号（不修改请留空）", validators=[Optional(), Length(max=24)])
    phone = StringField("联系手机（不修改请留空）", validators=[Optional(), Length(max=20)])
