"""站内消息 through the API: the inbox of anyone signed in, newest first, and mark-read."""

from flask import g, jsonify
from pydantic import Field
from typing_extensions import TypedDict  # pydantic reads typing.TypedDict only from 3.12

from services import notifications
from web.api import bp
from web.api.contract import documented
from web.api.schemas import Body
from web.database import session, transaction
from web.serializers import MessageJson, message_json


class EmailBody(Body):
    email: str = Field(max_length=254, description="接收通知的邮箱；空字符串表示不再发送邮件")


class NotificationEmail(TypedDict):
    email: str | None


EVERYONE = ("seeker", "employer", "bureau", "township")


@bp.get("/me/messages")
@documented("我的站内消息（最新在前，最多 100 条）", roles=EVERYONE,
            responses={200: list[MessageJson]})
def my_messages():
    return jsonify([message_json(m) for m in notifications.inbox(session(), g.user)])


@bp.post("/me/messages/<int:message_id>/read")
@documented("把一条消息标为已读", roles=EVERYONE, responses={200: MessageJson},
            errors={404: ("message_not_found",)})
def read_message(message_id: int):
    with transaction() as s:
        message = notifications.mark_read(s, g.user, message_id)
    return jsonify(message_json(message))


@bp.put("/me/notification-email")
@documented("设置接收通知的邮箱（短信始终发到登录手机号）", roles=EVERYONE, body=EmailBody,
            responses={200: NotificationEmail}, errors={422: ("invalid_email",)})
def set_notification_email(body: EmailBody):
    with transaction() as s:
        notifications.set_email(s, g.user, body.email)
    return jsonify(NotificationEmail(email=g.user.email))
