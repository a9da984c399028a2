"""deploy/nginx-jobbridge.conf, the shipped file, run by Debian's nginx with a throw-away
certificate in front of a real gunicorn (JOBBRIDGE_PROXY_HOPS=1, JOBBRIDGE_COOKIE_SECURE=1):
what only a real proxy shows — the redirect to https, HSTS because nginx says the request came
over https, the Secure session cookie of a login over https, and the login limits counting
the address nginx saw, never one the client wrote into X-Forwarded-For.

The clients connect from distinct loopback addresses (127.0.0.2, 127.0.0.3, …) while nginx
reaches gunicorn from 127.0.0.1, so "the client's address" and "the proxy's address" differ.
"""

import http.client
import os
import pwd
import re
import secrets
import socket
import ssl
import subprocess
import time
import urllib.parse
from datetime import UTC, datetime, timedelta
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from evaluation.serving import free_port
from settings import PROJECT_ROOT
from tests.factories import PASSWORD, make_user, next_phone
from tests.servers import start_gunicorn, stop_gunicorn
from web.headers import HSTS

NGINX = Path("/usr/sbin/nginx")
SITE = PROJECT_ROOT / "deploy" / "nginx-jobbridge.conf"
SERVER_NAME = "jobs.example.gov.cn"
PER_IP = 3
_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
WRONG_LOGIN = "手机号或密码不正确"


def _certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for SERVER_NAME, valid for a day: (chain, key)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, SERVER_NAME)])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(SERVER_NAME)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    chain, private = directory / "fullchain.pem", directory / "privkey.pem"
    chain.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    private.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ))
    return chain, private


def _substitute(text: str, old: str, new: str) -> str:
    """Each placeholder must be in the shipped file, or the test would run another config."""
    assert old in text, f"{SITE.name} no longer contains {old!r}"
    return text.replace(old, new)


def render_site(upstream_port: int, http_port: int, https_port: int,
                chain: Path, key: Path) -> str:
    """The shipped site with only what a machine changes: ports, certificate paths. IPv6
    listeners are dropped (a test machine may have no IPv6); the rest is kept verbatim."""
    text = SITE.read_text()
    for old, new in [
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream_port};"),
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
        ("listen [::]:80;", ""),
        ("listen [::]:443 ssl http2;", ""),
        ("/etc/jobbridge/tls/fullchain.pem", str(chain)),
        ("/etc/jobbridge/tls/privkey.pem", str(key)),
    ]:
        text = _substitute(text, old, new)
    return text


def _main_config(directory: Path, site: Path) -> str:
    """What Debian's /etc/nginx/nginx.conf gives a site, with every path in `directory`."""
    temp = "\n".join(f"    {kind}_temp_path {directory / kind};"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""
user {pwd.getpwuid(os.getuid()).pw_name};
daemon off;
worker_processes 1;
pid {directory / 'nginx.pid'};
error_log {directory / 'error.log'} info;
events {{ worker_connections 128; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {directory / 'access.log'};
{temp}
    include {site};
}}
"""


def _wait_for_port(port: int, process: subprocess.Popen, error_log: Path) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            log = error_log.read_text() if error_log.exists() else ""
            pytest.fail(f"nginx did not start:\n{log[-4000:]}")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def gunicorn_behind_proxy(live_db_url, live_redis_url, tmp_path_factory):
    env = {
        **os.environ,
        "JOBBRIDGE_ENV": "production",
        "DATABASE_URL": live_db_url,
        "SECRET_KEY": secrets.token_urlsafe(48),
        "REDIS_URL": live_redis_url,
        "JOBBRIDGE_WORKERS": "2",
        "JOBBRIDGE_PROXY_HOPS": "1",
        "JOBBRIDGE_COOKIE_SECURE": "1",
        "JOBBRIDGE_LOGIN_LIMIT_PER_IP": f"{PER_IP} per 15 minutes",
        "JOBBRIDGE_AS_OF_DATE": "2020-09-01",
        "JOBBRIDGE_INSTANCE_PATH": str(tmp_path_factory.mktemp("instance")),
        "JOBBRIDGE_LOG_LEVEL": "warning",
    }
    process, base, log = start_gunicorn(env, tmp_path_factory.mktemp("gunicorn") / "gunicorn.log")
    yield base
    stop_gunicorn(process, log)


@pytest.fixture(scope="module")
def proxy(gunicorn_behind_proxy, tmp_path_factory):
    """(http port, https port) of nginx running the shipped site."""
    if not NGINX.exists():
        pytest.fail(f"{NGINX} is missing: run scripts/ci_nginx.sh (it installs Debian's "
                    "nginx; .ci/run does so)")
    directory = tmp_path_factory.mktemp("nginx")
    chain, key = _certificate(directory)
    http_port, https_port = free_port(), free_port()
    upstream_port = urllib.parse.urlsplit(gunicorn_behind_proxy).port
    site = directory / "jobbridge.conf"
    site.write_text(render_site(upstream_port, http_port, https_port, chain, key))
    conf = directory / "nginx.conf"
    conf.write_text(_main_config(directory, site))
    error_log = directory / "error.log"
    checked = subprocess.run([str(NGINX), "-t", "-p", str(directory), "-c", str(conf),
                              "-e", str(error_log)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen([str(NGINX), "-p", str(directory), "-c", str(conf),
                                "-e", str(error_log)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for_port(https_port, process, error_log)
    _wait_for_port(http_port, process, error_log)
    yield http_port, https_port
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


class Browser:
    """One client at one loopback address: a fresh connection per request (nothing hidden
    in a pool), cookies kept by hand, redirects not followed, the throw-away cert trusted."""

    def __init__(self, https_port: int, source: str):
        self.port = https_port
        self.source = source
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None,
                headers: dict | None = None,
                body: str | None = None) -> tuple[int, http.client.HTTPMessage, str]:
        # The throw-away certificate is trusted blindly: what is tested is the proxy.
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        connection = http.client.HTTPSConnection(
            "127.0.0.1", self.port, context=context, timeout=60,
            source_address=(self.source, 0))
        sent = {"Host": SERVER_NAME, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if form is not None:
            body = urllib.parse.urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Referer"] = f"https://{SERVER_NAME}{path}"
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            text = response.read().decode(errors="replace")
        finally:
            connection.close()
        for raw in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(raw).items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, text

    def login(self, phone: str, password: str, headers: dict | None = None):
        """The login page, then its form: (status, headers, body) of the POST."""
        status, _, page = self.request("GET", "/login", headers=headers)
        assert status == 200
        token = _TOKEN.search(page).group(1)
        form = {"phone": phone, "password": password, "csrf_token": token}
        return self.request("POST", "/login", form=form, headers=headers)


def test_plain_http_is_redirected_to_https(proxy):
    http_port, _ = proxy
    connection = http.client.HTTPConnection("127.0.0.1", http_port, timeout=30)
    connection.request("GET", "/posts?q=%E7%BA%BA%E7%BB%87", headers={"Host": SERVER_NAME})
    response = connection.getresponse()
    connection.close()
    assert response.status == 301
    assert response.headers["Location"] == f"https://{SERVER_NAME}/posts?q=%E7%BA%BA%E7%BB%87"


def test_hsts_over_https_because_nginx_says_https(proxy, gunicorn_behind_proxy):
    _, https_port = proxy
    status, headers, _ = Browser(https_port, "127.0.0.2").request(
        "GET", "/posts", headers={"X-Request-ID": "client-chosen-id"})
    assert status == 200
    assert headers.get_all("Strict-Transport-Security") == [HSTS]
    # nginx's own request id (32 hex digits) replaced the client's; the app's own when
    # nginx's held a phone-like run of digits.
    assert re.fullmatch(r"[0-9a-f]{32}|[a-z2-7]{24}", headers["X-Request-ID"]), headers["X-Request-ID"]
    # The same gunicorn reached over plain http without the proxy: no HSTS. The header
    # above is there because nginx's X-Forwarded-Proto said https.
    connection = http.client.HTTPConnection("127.0.0.1",
                                            urllib.parse.urlsplit(gunicorn_behind_proxy).port)
    connection.request("GET", "/posts")
    direct = connection.getresponse()
    connection.close()
    assert direct.status == 200
    assert direct.headers["Strict-Transport-Security"] is None


def test_login_over_https_sets_a_secure_session_cookie(proxy, live_sessions):
    _, https_port = proxy
    with live_sessions() as s, s.begin():
        phone = make_user(s).phone
    browser = Browser(https_port, "127.0.0.4")
    status, headers, _ = browser.login(phone, PASSWORD)
    assert status == 302
    session_cookies = [raw for raw in headers.get_all("Set-Cookie") if raw.startswith("session=")]
    assert len(session_cookies) == 1
    attributes = [part.strip().lower() for part in session_cookies[0].split(";")[1:]]
    assert "secure" in attributes and "httponly" in attributes
    status, _, page = browser.request("GET", "/account")
    assert status == 200 and phone[:3] in page


def test_login_limits_count_the_address_nginx_saw_never_a_forged_one(proxy):
    _, https_port = proxy
    attacker = Browser(https_port, "127.0.0.2")
    for _ in range(PER_IP):
        status, _, page = attacker.login(next_phone(), "wrong-password-1")
        assert status == 200 and WRONG_LOGIN in page
    status, headers, _ = attacker.login(next_phone(), "wrong-password-1")
    assert status == 429 and int(headers["Retry-After"]) > 0

    # A forged X-Forwarded-For does not give the attacker a fresh address.
    forged = {"X-Forwarded-For": "203.0.113.7"}
    status, _, _ = attacker.login(next_phone(), "wrong-password-1", headers=forged)
    assert status == 429

    # Another client, behind the same nginx (whose own address is 127.0.0.1 to gunicorn),
    # has its own budget; naming the attacker's address in the header does not spend it.
    neighbour = Browser(https_port, "127.0.0.3")
    status, _, page = neighbour.login(next_phone(), "wrong-password-1")
    assert status == 200 and WRONG_LOGIN in page
    status, _, page = neighbour.login(next_phone(), "wrong-password-1",
                                      headers={"X-Forwarded-For": "127.0.0.2"})
    assert status == 200 and WRONG_LOGIN in page


def test_a_body_over_the_app_limit_gets_the_apps_own_413(proxy):
    _, https_port = proxy
    body = '{"phone": "' + "1" * (2 * 1024 * 1024 + 4096) + '"}'
    status, _, answer = Browser(https_port, "127.0.0.5").request(
        "POST", "/api/v1/auth/register", body=body, headers={"Content-Type": "application/json"})
    assert status == 413
    assert '"payload_too_large"' in answer
