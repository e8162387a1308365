"""The servers a run needs, all private and on 127.0.0.1: gunicorn, PostgreSQL, Redis, a tmpfs.

Nothing here touches the shared PostgreSQL (5432) or Redis (6379): each run starts its
own cluster or server on a free port in a temporary directory and removes it afterwards.
"""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from bench import fetch_status, free_port

#: Sync workers, as in production (docs/operations.md).
WORKERS = 4
#: The form limit per address while 1,000 clients share 127.0.0.1; the default is 30 per 10 min.
FORM_LIMIT = "100000 per 10 minutes"
ROOT = Path(__file__).resolve().parent.parent
#: Where the summary and each gunicorn's log (with any traceback) are written.
RESULTS = ROOT / "loadtest-results"


def _run(command: list[str], env: dict | None = None, timeout: float = 300) -> str:
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])} failed: {done.stderr[-2000:]}")
    return done.stdout


def prepare_database(url: str) -> None:
    """Build the schema and load the demo (with this year's open award cycle) into `url`."""
    env = {**os.environ, "FLASK_APP": "wsgi", "TORGET_ENV": "development", "DATABASE_URL": url}
    env["SECRET_KEY"] = "loadtest-setup"
    flask = [sys.executable, "-m", "flask"]
    _run([*flask, "db", "upgrade", "heads"], env)
    _run([*flask, "demo", "load"], env)


def app_target() -> str:
    """gunicorn's target: `create_app` with the form limit raised through its config mapping."""
    return f"app:create_app({{'FORM_LIMIT_PER_IP': {FORM_LIMIT!r}}})"


class Gunicorn:
    """gunicorn with WORKERS sync workers serving Torget; `base` is its address."""

    def __init__(self, env: dict, workdir: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        (RESULTS / "logs").mkdir(parents=True, exist_ok=True)
        self.log = RESULTS / "logs" / f"gunicorn-{self.port}.log"
        command = [sys.executable, "-m", "gunicorn", "--workers", str(WORKERS)]
        command += ["--worker-class", "sync", "--bind", f"127.0.0.1:{self.port}"]
        command += ["--timeout", "30", "--log-level", "warning", app_target()]
        # Production refuses to start without the public address its links are built from.
        full_env = {**os.environ, "TORGET_ENV": "production", "SECRET_KEY": secrets.token_hex(32)}
        full_env["PUBLIC_BASE_URL"] = self.base
        full_env |= {"MAIL_OUTBOX": str(workdir / "outbox"), **env}
        full_env.pop("MAIL_SERVER", None)
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(command, env=full_env, cwd=ROOT, stdout=log, stderr=log)

    def wait_ready(self, seconds: float = 90) -> None:
        deadline = time.monotonic() + seconds
        while fetch_status(self.base + "/", timeout=10) != 200:
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not serve; see logs/{self.log.name}")
            time.sleep(0.3)

    def worker_pids(self) -> list[int]:
        """The master's current children, read from /proc."""
        pids = []
        for path in glob.glob(f"/proc/{self.process.pid}/task/*/children"):
            pids += [int(p) for p in Path(path).read_text().split()]
        return pids

    def kill_worker(self) -> int:
        """SIGKILL one worker; gunicorn starts a new one. Returns the killed pid."""
        pid = self.worker_pids()[0]
        os.kill(pid, signal.SIGKILL)
        return pid

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


@contextmanager
def gunicorn(env: dict, workdir: Path):
    """Serve Torget until the block ends; yields the Gunicorn."""
    server = Gunicorn(env, workdir)
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} is not installed")
    return found[-1]


class PrivatePostgres:
    """A throw-away PostgreSQL cluster on a free port, run as the `postgres` OS user."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="pg-", dir=workdir))
        self.data = self.dir / "data"
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/torget"
        shutil.chown(self.dir, "postgres", "postgres")
        self._as_postgres(
            [_pg_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres"]
        )
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\n")
            conf.write(f"unix_socket_directories = '{self.dir}'\n")
        self.start()
        self._as_postgres([_pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "torget"])

    def _as_postgres(self, command: list[str]) -> str:
        return _run(["runuser", "-u", "postgres", "--", *command], timeout=120)

    def _ctl(self, *args: str) -> None:
        log = str(self.dir / "postgres.log")
        self._as_postgres([_pg_bin("pg_ctl"), "-D", str(self.data), "-l", log, "-w", *args])

    def start(self) -> None:
        self._ctl("start")

    def stop(self) -> None:
        self._ctl("-m", "fast", "stop")

    def restart(self) -> None:
        self._ctl("-m", "fast", "restart")

    def remove(self) -> None:
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            self.stop()  # unless it is already down
        shutil.rmtree(self.dir, ignore_errors=True)


class PrivateRedis:
    """redis-server on a free port, no persistence."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--daemonize", "no"]
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 10
        while not _port_open(self.port):
            if time.monotonic() > deadline:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def _port_open(port: int) -> bool:
    import socket

    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@contextmanager
def small_filesystem(workdir: Path, megabytes: int):
    """A tmpfs of `megabytes` MB; yields its path and unmounts it at the end."""
    mount = Path(tempfile.mkdtemp(prefix="full-", dir=workdir))
    _run(["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(mount)])
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False, timeout=30)
        shutil.rmtree(mount, ignore_errors=True)


def fill(directory: Path, limit_mb: int = 512) -> int:
    """Write a file until the filesystem is full; returns the bytes written (bounded)."""
    written, chunk = 0, b"\0" * 65536
    with open(directory / "filler", "wb", buffering=0) as handle:
        try:
            while written < limit_mb * 1024 * 1024:
                written += handle.write(chunk)
        except OSError:
            pass
        try:  # the last partial blocks
            while written < limit_mb * 1024 * 1024:
                written += handle.write(b"\0" * 512)
        except OSError:
            pass
    return written
