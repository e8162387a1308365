"""The login limit holds across gunicorn workers when Redis holds the counts.

Each sync worker is a process of its own: with in-memory counting every worker allows
the limit again, so two workers let twice as many guesses through. With Redis as the
storage (`RATELIMIT_STORAGE_URI`, as docs/operations.md tells production to run) the
workers share one count. The control run with memory storage shows the test can see
the difference.
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from tests.conftest import require

pytestmark = pytest.mark.nodb

ROOT = Path(__file__).resolve().parents[2]
REDIS = "redis://127.0.0.1:6379/0"
ATTEMPTS = 16
PER_ACCOUNT = 5  # LOGIN_LIMIT_PER_ACCOUNT: "5 per 10 minutes"


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _status(opener, url: str, data: bytes | None = None) -> tuple[int, str]:
    try:
        with opener.open(url, data=data, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _serve(tmp_path: Path, storage: str):
    """Start gunicorn with 2 workers on a migrated SQLite database; return (process, url)."""
    env = {
        **os.environ,
        "FLASK_APP": "wsgi",
        "TORGET_ENV": "development",
        "SECRET_KEY": "rate-limit-test-secret",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'limits.sqlite'}",
        "RATELIMIT_STORAGE_URI": storage,
        "MAIL_OUTBOX": str(tmp_path / "outbox"),
    }
    if not (tmp_path / "limits.sqlite").exists():
        subprocess.run(
            [sys.executable, "-m", "flask", "db", "upgrade", "heads"],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            timeout=120,
        )
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/login", timeout=5).close()
            return process, base
        except OSError:
            time.sleep(0.3)
    process.kill()
    pytest.fail("gunicorn did not answer within 60 s")


def _guess(base: str, email: str) -> int:
    """One wrong password for `email` from a fresh browser: GET the form, POST it."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    _, html = _status(opener, base + "/login")
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    body = urllib.parse.urlencode({"email": email, "password": "fel", "csrf_token": token})
    return _status(opener, base + "/login", body.encode())[0]


def _statuses(tmp_path: Path, storage: str) -> list[int]:
    process, base = _serve(tmp_path, storage)
    email = f"gissning-{secrets.token_hex(6)}@example.org"  # a count of its own in Redis
    try:
        # Two at a time, so that both sync workers are busy and each takes requests.
        with ThreadPoolExecutor(max_workers=2) as pool:
            return list(pool.map(lambda _: _guess(base, email), range(ATTEMPTS)))
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_two_workers_share_the_login_limit_through_redis(tmp_path):
    require(_redis_answers(), "Redis at 127.0.0.1:6379")
    statuses = _statuses(tmp_path, REDIS)
    assert 500 not in statuses
    assert statuses.count(200) == PER_ACCOUNT  # the form re-shown: "wrong password"
    assert statuses.count(429) == ATTEMPTS - PER_ACCOUNT


def test_without_shared_storage_each_worker_counts_alone(tmp_path):
    """The control: in memory, two workers let more than the limit through."""
    statuses = _statuses(tmp_path, "memory://")
    assert 500 not in statuses
    assert statuses.count(200) > PER_ACCOUNT
