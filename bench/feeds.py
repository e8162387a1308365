"""Benchmark: calendar feeds at city scale, as ratios measured in the same run.

Builds a city-scale SQLite database of its own (`app.demo.scale`: 45 units, 10,000
events of which 500 weekly series), serves Torget and a bare Flask `/hello` app with
gunicorn (2 sync workers each, the same settings), and measures with wrk on
127.0.0.1, median of 3 rounds, each scenario alternating with `/hello`:

| Measure                                                        | Goal   |
| (a) `/feeds/events.ics` with If-None-Match → 304, ÷ `/hello`     | ≥ 0.5  |
| (b) a per-venue feed, warm, 200, ÷ `/hello`                      | ≥ 0.35 |
| (c) cold build cost per event ÷ icalendar's naive cost per event | ≤ 0.5  |
| (d) rebuild after one event changed ÷ cold full build            | ≤ 0.1  |

(c) and (d) are timed in this process against the same database: the cold build is
Torget's whole path (queries, text, hashing) with empty caches; the naive cost is
`icalendar` building and serialising the same already loaded events, so the ratio
leans against Torget. Results are printed and written to bench-results/feeds.json.

Run alone with `python -m bench.feeds`, or from the `make bench` harness through
`run(results, hello_rps, base_url_factory)`. Every loop is bounded in count and time.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

ROUNDS = 3
WRK_SECONDS = 5
WRK_ARGS = ["-t2", "-c8"]
BUILD_ROUNDS = 3
RESULTS = Path("bench-results") / "feeds.json"
GOALS = {
    "a_not_modified_vs_hello": (">=", 0.5),
    "b_venue_warm_vs_hello": (">=", 0.35),
    "c_cold_build_vs_naive_icalendar": ("<=", 0.5),
    "d_rebuild_after_change_vs_cold": ("<=", 0.1),
}
ENV = {"TORGET_ENV": "development", "SECRET_KEY": "bench-feeds-secret"}


def hello_app():
    """The bare Flask app every serving figure is divided by."""
    from flask import Flask

    app = Flask("hello")
    app.add_url_rule("/hello", "hello", lambda: "Hello, World!")
    return app


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(target: str, env: dict, probe: str):
    """Serve `target` with 2 sync workers on 127.0.0.1; yields the base URL."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", target]
    process = subprocess.Popen(
        command, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + probe, process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def wait_until_up(url: str, process, seconds: float = 90) -> None:
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped: {process.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                response.read()
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def fetch(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), b""


def wrk(url: str, headers: dict | None = None) -> float:
    """Requests per second over WRK_SECONDS; fails if any answer was not 2xx/3xx."""
    command = ["wrk", *WRK_ARGS, f"-d{WRK_SECONDS}s", "--timeout", "10s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=WRK_SECONDS + 60, check=True
    ).stdout
    if "Non-2xx or 3xx responses" in output:
        raise RuntimeError(f"errors while measuring {url}:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def build_database(url: str) -> None:
    """Tables and the city-scale data, in this process."""
    import random

    from app import create_app
    from app.demo import scale
    from app.extensions import db

    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.create_all()
        scale.build_city(10_000, 500, 45, 300, random.Random(2022))
        db.session.commit()
        db.engine.dispose()


def serving(base: str, hello: str) -> dict:
    """(a) and (b): rounds of wrk alternating with /hello."""
    status, headers, _ = fetch(base + "/feeds/events.ics")
    assert status == 200, status
    etag = headers["ETag"]
    venue = base + "/feeds/venues/skala-torg-1.ics"
    for _ in range(4):  # both workers build and cache both feeds
        fetch(base + "/feeds/events.ics")
        fetch(venue)
    assert fetch(base + "/feeds/events.ics", {"If-None-Match": etag})[0] == 304
    rounds = []
    for _ in range(ROUNDS):
        hello_a = wrk(hello + "/hello")
        not_modified = wrk(base + "/feeds/events.ics", {"If-None-Match": etag})
        hello_b = wrk(hello + "/hello")
        warm = wrk(venue)
        rounds.append(
            {
                "hello_rps": (hello_a + hello_b) / 2,
                "not_modified_rps": not_modified,
                "venue_warm_rps": warm,
                "a": not_modified / hello_a,
                "b": warm / hello_b,
            }
        )
    return {
        "serve_rounds": rounds,
        "a_not_modified_vs_hello": statistics.median(r["a"] for r in rounds),
        "b_venue_warm_vs_hello": statistics.median(r["b"] for r in rounds),
    }


def naive_seconds(events) -> float:
    """icalendar building and serialising the events one property at a time."""
    from icalendar import Calendar, Event, vRecur

    from app.feeds.ical import STOCKHOLM

    started = time.perf_counter()
    calendar = Calendar()
    calendar.add("prodid", "-//bench//naive//SV")
    calendar.add("version", "2.0")
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", item.updated_at)
        event.add("created", item.created_at)
        event.add("last-modified", item.updated_at)
        event.add("sequence", item.sequence)
        event.add("summary", item.title)
        event.add("dtstart", item.starts_at.astimezone(STOCKHOLM))
        event.add("dtend", item.ends_at.astimezone(STOCKHOLM))
        if item.rrule:
            event.add("rrule", vRecur.from_ical(item.rrule))
        for exception in item.exceptions:
            if exception.is_cancelled:
                event.add("exdate", exception.original_start.astimezone(STOCKHOLM))
        if item.location:
            event.add("location", item.location)
        if item.geo:
            event.add("geo", item.geo)
        event.add("description", item.description)
        event.add("url", item.url)
        event.add("status", item.status)
        event.add("categories", item.categories)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    calendar.to_ical()
    return time.perf_counter() - started


def change_one(db, Event, select, stamps, label) -> None:
    """Retitle the middle event of the feed, as an organiser's edit would."""
    ids = [row[0] for row in db.session.execute(stamps)]
    event = db.session.scalar(select(Event).where(Event.id == ids[len(ids) // 2]))
    event.title = f"{event.title.split(' (')[0]} (ändrad {label})"
    event.sequence += 1
    event.updated_at = datetime.now(UTC)
    db.session.commit()


def building(url: str) -> dict:
    """(c) and (d), timed in this process against the benchmark database."""
    from sqlalchemy import select

    from app import create_app
    from app.events.models import Event
    from app.extensions import db
    from app.feeds import cache, export, queries
    from app.feeds.queries import FeedFilter

    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url})
    feed, base = FeedFilter(), "http://127.0.0.1/"
    rounds = []
    with app.app_context():
        export.build(feed, lambda: "Torget", base, 0)  # compile the statements once,
        change_one(db, Event, select, queries.stamps(feed), "start")  # both ways,
        export.build(feed, lambda: "Torget", base, 0)  # as a running server has
        for n in range(BUILD_ROUNDS):
            cache.clear()
            started = time.perf_counter()
            built = export.build(feed, lambda: "Torget", base, n)
            cold = time.perf_counter() - started
            count = built.body.count(b"BEGIN:VEVENT")
            ids = [row[0] for row in db.session.execute(queries.stamps(feed))]
            loaded = list(queries.load_events(feed, ids, base).values())
            naive = naive_seconds(loaded)
            db.session.rollback()
            change_one(db, Event, select, queries.stamps(feed), n)
            started = time.perf_counter()
            export.build(feed, lambda: "Torget", base, -n - 1)
            rebuild = time.perf_counter() - started
            rounds.append(
                {
                    "events": len(loaded),
                    "vevents": count,
                    "cold_s": cold,
                    "naive_s": naive,
                    "rebuild_s": rebuild,
                    "c": (cold / len(loaded)) / (naive / len(loaded)),
                    "d": rebuild / cold,
                }
            )
        db.engine.dispose()
    return {
        "build_rounds": rounds,
        "c_cold_build_vs_naive_icalendar": statistics.median(r["c"] for r in rounds),
        "d_rebuild_after_change_vs_cold": statistics.median(r["d"] for r in rounds),
        "cold_ms_per_event": statistics.median(1000 * r["cold_s"] / r["events"] for r in rounds),
        "naive_ms_per_event": statistics.median(1000 * r["naive_s"] / r["events"] for r in rounds),
    }


def measure(workdir: Path, base_url_factory=None) -> dict:
    """Every figure; starts the servers unless the harness gives a factory."""
    url = f"sqlite:///{workdir / 'feeds-bench.sqlite'}"
    build_database(url)
    env = {**ENV, "DATABASE_URL": url}
    figures = building(url)
    server = base_url_factory(env) if base_url_factory else gunicorn("wsgi:app", env, "/feeds/")
    with server as base, gunicorn("bench.feeds:hello_app()", {}, "/hello") as hello:
        figures.update(serving(base, hello))
    return figures


def table(figures: dict) -> str:
    lines = [f"{'Measure':45} {'Result':>8} {'Goal':>8}  Met"]
    for name, (op, goal) in GOALS.items():
        value = figures[name]
        met = value >= goal if op == ">=" else value <= goal
        lines.append(f"{name:45} {value:8.3f} {op + str(goal):>8}  {'yes' if met else 'NO'}")
    lines.append(
        f"cold build {figures['cold_ms_per_event']:.3f} ms/event, "
        f"naive icalendar {figures['naive_ms_per_event']:.3f} ms/event"
    )
    return "\n".join(lines)


def run(results: dict, hello_rps: float | None = None, base_url_factory=None) -> dict:
    """Entry point for the `make bench` harness: measure, print, store under "feeds".

    `base_url_factory(env)`, when given, returns a context manager serving Torget with
    those environment variables under the harness's gunicorn settings and yielding its
    base URL. `hello_rps` is recorded beside this module's own alternating /hello runs.
    """
    workdir = Path(tempfile.mkdtemp(prefix="torget-bench-feeds-"))
    try:
        figures = measure(workdir, base_url_factory)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    figures["harness_hello_rps"] = hello_rps
    figures["measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    print(table(figures))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    results["feeds"] = figures
    return figures


if __name__ == "__main__":
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk")
    run({})
