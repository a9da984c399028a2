"""A Redis and a PostgreSQL cluster that a test starts, stops and restarts itself, so it can
take a dependency away from a running gunicorn without touching anyone else's servers.

PostgreSQL's initdb refuses to run as root: as root (CI) the cluster belongs to the
`postgres` user, in a directory of its own outside pytest's root-only tmp tree; otherwise it
runs as the current user. Both live in temporary directories removed by `close()`.
"""

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import redis

from evaluation.serving import free_port

POSTGRESQL_BINARIES = Path("/usr/lib/postgresql")


class OwnedRedis:
    """`redis-server` on a free port, without persistence; stop and start keep the port."""

    def __init__(self):
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="jb_redis_"))
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        log = (self.directory / "redis.log").open("a")
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--daemonize", "no", "--dir", str(self.directory)],
            stdout=log, stderr=subprocess.STDOUT,
        )
        log.close()
        client = redis.Redis(port=self.port, socket_connect_timeout=1)
        deadline = time.monotonic() + 20
        try:
            while True:
                try:
                    if client.ping():
                        return
                except redis.RedisError:
                    if self.process.poll() is not None or time.monotonic() > deadline:
                        raise
                time.sleep(0.05)
        finally:
            client.close()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


class OwnedPostgres:
    """A throwaway cluster (trust authentication, no fsync) on a free port; its unix socket
    in its own directory, so it never collides with the machine's cluster."""

    def __init__(self):
        self.bin = _postgresql_bin()
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="jb_pg_"))
        self.data = self.directory / "data"
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.running = False
        try:
            if self.as_postgres:
                shutil.chown(self.directory, "postgres", "postgres")
            self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres",
                      "-E", "UTF8", "--no-sync", "--locale=C")
        except BaseException:
            shutil.rmtree(self.directory, ignore_errors=True)
            raise

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        options = (f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c full_page_writes=off")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.directory / "postgres.log"),
                  "-o", options, "-w", "-t", "30", "start")
        self.running = True

    def stop(self, mode: str = "fast") -> None:
        """`fast` ends every session at once, rolling back what is in flight."""
        if self.running:
            self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop")
            self.running = False

    def close(self) -> None:
        try:
            self.stop("immediate")
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)

    def _run(self, program: str, *args: str) -> None:
        subprocess.run([*self.as_postgres, str(self.bin / program), *args], check=True,
                       cwd=self.directory, capture_output=True, timeout=60)


def _postgresql_bin() -> Path:
    """The newest installed server's binaries (Debian keeps them out of PATH)."""
    found = sorted(POSTGRESQL_BINARIES.glob("*/bin/initdb"),
                   key=lambda path: int("0" + "".join(filter(str.isdigit, path.parts[-3]))))
    if not found:
        raise RuntimeError(f"no PostgreSQL server binaries under {POSTGRESQL_BINARIES}")
    return found[-1].parent
