"""The far ends of the notification channels, started by the tests: a stub of Aliyun
短信服务's SendSms HTTP API (it checks the documented signature) and a real SMTP server
(aiosmtpd)."""

import json
import threading
from collections.abc import Callable
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from aiosmtpd.controller import Controller

from evaluation.serving import free_port
from services.channels import sign

ACCESS_KEY_ID = "LTAI-test-key-id"
ACCESS_KEY_SECRET = "test-access-key-secret"


class SmsStub:
    """Records each SendSms it accepts as a dict of the request's parameters. `failures`
    answers that many requests with a temporary provider error first; `on_accept(params)` runs
    after a request is recorded and before it is answered (a test kills the sender there)."""

    def __init__(self, failures: int = 0, on_accept: Callable[[dict], None] | None = None):
        self.received: list[dict] = []
        self.failures, self.on_accept = failures, on_accept
        self.lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 — the http.server hook's name
                params = dict(parse_qsl(urlsplit(self.path).query))
                signature = params.pop("Signature", "")
                expected = dict(parse_qsl(sign(params, ACCESS_KEY_SECRET)))["Signature"]
                if signature != expected or params.get("AccessKeyId") != ACCESS_KEY_ID:
                    return self._answer(400, {"Code": "SignatureDoesNotMatch"})
                with stub.lock:
                    if stub.failures > 0:
                        stub.failures -= 1
                        return self._answer(200, {"Code": "isp.SYSTEM_ERROR", "Message": "busy"})
                    stub.received.append(params)
                if stub.on_accept is not None:
                    stub.on_accept(params)
                self._answer(200, {"Code": "OK", "Message": "OK", "BizId": f"biz-{len(stub.received)}",
                                   "RequestId": params["SignatureNonce"]})

            def _answer(self, status: int, body: dict):
                raw = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "SmsStub":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def config(self) -> dict[str, str]:
        """The environment that points the Aliyun adapter here."""
        return {"ALIYUN_SMS_ENDPOINT": self.url, "ALIYUN_SMS_ACCESS_KEY_ID": ACCESS_KEY_ID,
                "ALIYUN_SMS_ACCESS_KEY_SECRET": ACCESS_KEY_SECRET, "ALIYUN_SMS_SIGN_NAME": "长乐就业",
                "ALIYUN_SMS_TEMPLATE_NOTICE": "SMS_100000001", "ALIYUN_SMS_TEMPLATE_CODE": "SMS_100000002"}


class SmtpServer:
    """aiosmtpd on a free port; `mails` holds each message received, parsed."""

    def __init__(self):
        self.mails: list = []
        server = self

        class Handler:
            async def handle_DATA(self, _server, _session, envelope):  # noqa: N802 — aiosmtpd's hook
                server.mails.append(message_from_bytes(envelope.content, policy=policy.default))
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> "SmtpServer":
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()

    def config(self) -> dict[str, str]:
        return {"JOBBRIDGE_SMTP_HOST": "127.0.0.1", "JOBBRIDGE_SMTP_PORT": str(self.port),
                "JOBBRIDGE_MAIL_FROM": "notice@jobbridge.example"}
