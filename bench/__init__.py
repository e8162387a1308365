"""Benchmarks run by `make bench` (`python -m bench`): one table, one summary file.

The harness measures a bare Flask `/hello` app (`bench.hello`) and Torget's pages
with gunicorn (2 sync workers) and wrk on 127.0.0.1 in the same run, and runs each
scenario module that exists (`bench.feeds`, `bench.reports`) in a subprocess of its
own with a time limit. Results go to `bench-results/summary.json`.

A scenario module's interface:

    def run(context: Context) -> list[dict]:
        '''Measure; return one row per figure.'''

Each row is a dict with

- ``name``: what was measured, e.g. ``"feeds: /feeds/events.ics 304 ÷ /hello"``;
- ``value``: the figure, a number;
- ``goal``: the target as text, ``">= 0.3"``, ``"<= 2.0"`` or ``"= 7"`` (``""`` for none);
- optionally ``unit`` (``"×"``, ``"s"``, ``"req/s"``) and ``note``.

`Context` gives the scenario the run's `/hello` rate, a way to serve Torget under
the harness's gunicorn settings (`context.serve(env)`), wrk (`context.wrk(url)`)
and the deadline every loop must respect (`context.time_left()`). It is also a dict,
so a module may store its own detailed figures in it under its name.
"""

from __future__ import annotations

import operator
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass

#: wrk's settings for every serving figure: short, bounded runs.
WRK_THREADS = 2
WRK_CONNECTIONS = 8
WRK_SECONDS = 5
GUNICORN_WORKERS = 2

_OPS = {">=": operator.ge, "<=": operator.le, "=": operator.eq}


def goal_met(value: float | None, goal: str) -> bool | None:
    """True/False when `goal` (">= 0.3", "= 7") is met by `value`; None without a goal."""
    match = re.fullmatch(r"\s*(>=|<=|=)\s*([\d.]+)\s*", goal or "")
    if match is None or value is None:
        return None
    return _OPS[match.group(1)](value, float(match.group(2)))


def row(name: str, value: float | None, goal: str = "", unit: str = "", note: str = "") -> dict:
    """One result row, as every scenario returns them."""
    return {"name": name, "value": value, "goal": goal, "unit": unit, "note": note}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch_status(url: str, timeout: float = 60) -> int:
    """The status of a GET, or 0 when nothing answered."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


@contextmanager
def gunicorn(target: str, env: dict | None = None, probe: str = "/", seconds: float = 90):
    """Serve `target` with gunicorn on 127.0.0.1 until the block ends; yields the base URL."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(GUNICORN_WORKERS),
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        target,
    ]
    process = subprocess.Popen(
        command,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + seconds
        while fetch_status(base + probe, timeout=30) == 0:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn {target} stopped: {process.stderr.read()[-2000:]}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn {target} did not answer within {seconds} s")
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        process.stderr.close()


@dataclass
class WrkResult:
    rps: float
    errors: int
    p99_ms: float | None


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def wrk(url: str, headers: dict | None = None, seconds: int = WRK_SECONDS) -> WrkResult:
    """Requests per second at WRK_CONNECTIONS connections, non-2xx/3xx answers, p99 latency."""
    command = [
        "wrk",
        f"-t{WRK_THREADS}",
        f"-c{WRK_CONNECTIONS}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
    ]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=seconds + 60, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors:(.*)", output)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    return WrkResult(
        rps=rps,
        errors=(int(errors.group(1)) if errors else 0)
        + (sum(map(int, re.findall(r"\d+", socket_errors.group(1)))) if socket_errors else 0),
        p99_ms=_ms(p99.group(1)) if p99 else None,
    )


class Context(dict):
    """What a scenario gets from the harness (see the module docstring)."""

    def __init__(self, hello_rps: float | None, deadline: float, torget_env: dict | None = None):
        super().__init__()
        self.hello_rps = hello_rps
        self.deadline = deadline
        self.torget_env = dict(torget_env or {})

    def time_left(self) -> float:
        """Seconds until the harness stops waiting for this scenario."""
        return max(0.0, self.deadline - time.monotonic())

    def serve(self, env: dict | None = None, probe: str = "/"):
        """A context manager serving Torget (gunicorn, 2 sync workers); yields its base URL."""
        return gunicorn("wsgi:app", {**self.torget_env, **(env or {})}, probe)

    def serve_hello(self):
        """A context manager serving the bare `/hello` app; yields its base URL."""
        return gunicorn("bench.hello:app", {}, "/hello")

    def wrk(self, url: str, headers: dict | None = None) -> WrkResult:
        return wrk(url, headers)
