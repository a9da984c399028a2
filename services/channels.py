"""Delivery channels of the outbox: Aliyun 短信服务 (its documented RPC HTTP API), e-mail over
SMTP, and a log file standing in for either when it is not configured.

Every channel sends the outbox row's idempotency key: the SMS request's `OutId` (Aliyun hands
it back in delivery receipts), the e-mail's `Message-ID`. A resend after a crash therefore
carries the same key, and the far end (or whoever reads its records) sees one message twice,
never two messages. A one-time code reaches the log file only in development.
"""

import base64
import hashlib
import hmac
import json
import smtplib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol
from urllib import error, parse, request

from policy.identifiers import mask_phone

SEND_TIMEOUT_SECONDS = 10
# Aliyun answers these when the request itself can never succeed; anything else is retried.
PERMANENT_SMS_CODES = ("isv.MOBILE_NUMBER_ILLEGAL", "isv.INVALID_PARAMETERS",
                       "isv.SMS_TEMPLATE_ILLEGAL", "isv.SMS_SIGNATURE_ILLEGAL",
                       "isv.BLACK_KEY_CONTROL_LIMIT", "isv.AMOUNT_NOT_ENOUGH")


class DeliveryFailed(Exception):
    """A send that failed; `permanent`: retrying cannot help (a bad number), so dead-letter."""

    def __init__(self, reason: str, permanent: bool = False):
        super().__init__(reason)
        self.permanent = permanent


@dataclass(frozen=True)
class Outgoing:
    """What a channel sends: the text with any one-time code filled in, and the key."""

    recipient: str
    kind: str
    text: str
    code: str | None
    key: str


class Channel(Protocol):
    def send(self, message: Outgoing) -> str:
        """Deliver; return the provider's reference, raise DeliveryFailed."""


class AliyunSms:
    """SendSms of Aliyun 短信服务 (dysmsapi, version 2017-05-25), signed as its RPC API documents:
    HMAC-SHA1 of `GET&%2F&` + the percent-encoded sorted query, keyed by the secret + "&"."""

    def __init__(self, config: dict[str, str]):
        self.endpoint = config["ALIYUN_SMS_ENDPOINT"]
        self.key_id = config["ALIYUN_SMS_ACCESS_KEY_ID"]
        self.secret = config["ALIYUN_SMS_ACCESS_KEY_SECRET"]
        self.sign_name = config["ALIYUN_SMS_SIGN_NAME"]
        self.templates = {"notice": config["ALIYUN_SMS_TEMPLATE_NOTICE"],
                          "code": config["ALIYUN_SMS_TEMPLATE_CODE"]}

    def send(self, message: Outgoing) -> str:
        template, param = (("code", {"code": message.code}) if message.code is not None
                           else ("notice", {"content": message.text}))
        params = {
            "AccessKeyId": self.key_id, "Action": "SendSms", "Format": "JSON",
            "OutId": message.key, "PhoneNumbers": message.recipient, "RegionId": "cn-hangzhou",
            "SignName": self.sign_name, "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": uuid.uuid4().hex, "SignatureVersion": "1.0",
            "TemplateCode": self.templates[template],
            "TemplateParam": json.dumps(param, ensure_ascii=False),
            "Timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "Version": "2017-05-25",
        }
        query = sign(params, self.secret)
        try:
            # bandit B310: the endpoint is the operator's configured https URL, not user input
            with request.urlopen(self.endpoint + "?" + query,  # nosec B310
                                 timeout=SEND_TIMEOUT_SECONDS) as response:
                answer = json.loads(response.read())
        except error.HTTPError as exc:
            answer = _json_or_empty(exc.read())
            if not answer.get("Code"):
                raise DeliveryFailed(f"HTTP {exc.code}", permanent=400 <= exc.code < 500) from exc
        except (OSError, ValueError) as exc:
            raise DeliveryFailed(f"短信接口不可用：{type(exc).__name__}") from exc
        code = str(answer.get("Code", ""))
        if code != "OK":
            raise DeliveryFailed(f"{code}: {answer.get('Message', '')}"[:255],
                                 permanent=code in PERMANENT_SMS_CODES)
        return str(answer.get("BizId") or answer.get("RequestId") or "")


def sign(params: dict[str, str], secret: str) -> str:
    """The signed query string (Signature first, then the canonical parameters)."""
    canonical = "&".join(f"{_encode(k)}={_encode(v)}" for k, v in sorted(params.items()))
    to_sign = "GET&" + _encode("/") + "&" + _encode(canonical)
    digest = hmac.new((secret + "&").encode(), to_sign.encode(), hashlib.sha1).digest()
    return "Signature=" + _encode(base64.b64encode(digest).decode()) + "&" + canonical


def _encode(value: str) -> str:
    return parse.quote(value, safe="-_.~")


def _json_or_empty(raw: bytes) -> dict:
    try:
        answer = json.loads(raw)
    except ValueError:
        return {}
    return answer if isinstance(answer, dict) else {}


class Smtp:
    def __init__(self, config: dict[str, str]):
        self.host, self.port = config["JOBBRIDGE_SMTP_HOST"], int(config["JOBBRIDGE_SMTP_PORT"])
        self.user, self.password = config["JOBBRIDGE_SMTP_USER"], config["JOBBRIDGE_SMTP_PASSWORD"]
        self.starttls = config["JOBBRIDGE_SMTP_STARTTLS"].lower() in ("1", "true", "yes", "on")
        self.sender = config["JOBBRIDGE_MAIL_FROM"]

    def send(self, message: Outgoing) -> str:
        mail = EmailMessage()
        mail["From"], mail["To"] = self.sender, message.recipient
        mail["Subject"] = "就业直通车通知"
        message_id = f"<{message.key}@{self.sender.rpartition('@')[2] or 'jobbridge'}>"
        mail["Message-ID"] = message_id
        mail.set_content(message.text.replace("{code}", message.code or ""))
        try:
            with smtplib.SMTP(self.host, self.port, timeout=SEND_TIMEOUT_SECONDS) as smtp:
                if self.starttls:
                    smtp.starttls()
                if self.user:
                    smtp.login(self.user, self.password)
                smtp.send_message(mail)
        except smtplib.SMTPRecipientsRefused as exc:
            raise DeliveryFailed("收件地址被拒绝", permanent=True) from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryFailed(f"邮件服务器不可用：{type(exc).__name__}") from exc
        return message_id


class LogFile:
    """The stand-in channel: one line per message, the address masked, a code only in development."""

    def __init__(self, channel: str, config: dict[str, str]):
        self.channel, self.path = channel, Path(config["JOBBRIDGE_NOTIFY_LOG"])
        self.show_codes = config["JOBBRIDGE_ENV"] == "development"

    def send(self, message: Outgoing) -> str:
        code = message.code if self.show_codes else "******"
        text = message.text.replace("{code}", code or "")
        line = (f"{datetime.now(UTC).isoformat()} {self.channel} {message.key} "
                f"{mask_address(message.recipient)} {message.kind} {text}\n")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as log:
            log.write(line)
        return "log"


def mask_address(recipient: str) -> str:
    """A phone as 138****5678, an e-mail as l***@example.com."""
    local, at, domain = recipient.partition("@")
    return f"{local[:1]}***@{domain}" if at else mask_phone(recipient)


def channels(config: dict[str, str]) -> dict[str, Channel]:
    """The configured channel for each name: the real one when its settings are there."""
    sms: Channel = (AliyunSms(config) if config["ALIYUN_SMS_ACCESS_KEY_ID"]
                    else LogFile("sms", config))
    email: Channel = Smtp(config) if config["JOBBRIDGE_SMTP_HOST"] else LogFile("email", config)
    return {"sms": sms, "email": email}
