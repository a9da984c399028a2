"""The production gunicorn (gunicorn.conf.py) on a free port of 127.0.0.1, for everything that
judges the service from outside: the search evaluation, the benchmarks and the live and browser
tests (tests/servers.py). One way to start and stop it, so they all run what an operator runs."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from settings import PROJECT_ROOT


class ServerError(RuntimeError):
    """gunicorn exited or did not answer `/healthz` in time; the message ends with its log."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(env: dict[str, str], log_path: Path, *extra: str, wait_seconds: float = 60
          ) -> tuple[subprocess.Popen, str, IO[str]]:
    """(process, base URL, open log) once `/healthz` answers 200; `extra` goes to gunicorn."""
    port = free_port()
    log = log_path.open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", *extra, "wsgi:app"],
        cwd=PROJECT_ROOT, env={**env, "JOBBRIDGE_BIND": f"127.0.0.1:{port}"},
        stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    return process, base, log
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            process.wait(timeout=10)
            log.close()
            raise ServerError(f"gunicorn did not start:\n{log_path.read_text()[-4000:]}")
        time.sleep(0.2)


def stop(process: subprocess.Popen, log: IO[str], grace_seconds: float = 3) -> None:
    """SIGINT, the quick stop: the workers leave at once and the master's idle seconds are not
    waited for; killed if it is still there after `grace_seconds`."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=grace_seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
    log.close()


def request(base: str, method: str, path: str, body: object = None, token: str | None = None,
            timeout: float = 30) -> tuple[int, bytes, float]:
    """(status, body, milliseconds) of one JSON request to the served app, the body read whole;
    status 0 when the connection itself failed: the benchmarks count it as an error."""
    call = urllib.request.Request(base + path, method=method,
                                  data=json.dumps(body).encode() if body is not None else None)
    call.add_header("Content-Type", "application/json")
    if token:
        call.add_header("Authorization", f"Bearer {token}")
    started = time.perf_counter()
    try:
        # bandit B310: `base` is the http://127.0.0.1 URL that `start` returned
        with urllib.request.urlopen(call, timeout=timeout) as response:  # nosec B310
            status, payload = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, payload = error.code, error.read()
    except OSError:
        status, payload = 0, b""
    return status, payload, (time.perf_counter() - started) * 1000


@contextmanager
def serving(env: dict[str, str], log_path: Path, *extra: str, wait_seconds: float = 60
            ) -> Iterator[str]:
    """`start` … `stop` around a block; yields the base URL."""
    process, base, log = start(env, log_path, *extra, wait_seconds=wait_seconds)
    try:
        yield base
    finally:
        stop(process, log)
