"""The driver (threads of visitors, bounded) and the two load runs: nominations, registrations."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from loadtest import forms, percentile, result, servers, store, time_left
from loadtest.client import Answer, Visitor, parse_form

#: Concurrent visitors in a load run.
THREADS = 64
#: The longest a load run may send for.
RUN_SECONDS = 240


@dataclass
class Target:
    """A database to run against: its name, SQLAlchemy URL and a work folder."""

    database: str
    url: str
    workdir: Path
    env: dict = field(default_factory=dict)
    #: The private cluster (`servers.PrivatePostgres`) of a PostgreSQL target.
    postgres: servers.PrivatePostgres | None = None
    #: The log files of the gunicorns started for this target, in order.
    logs: list = field(default_factory=list)

    @contextmanager
    def serve(self, **env):
        """gunicorn (4 sync workers) on this database until the block ends; yields it.

        Production refuses per-worker rate limits with several workers, so the limits are
        kept in a private Redis, as a deployment keeps them, unless the run brings its own.
        """
        with contextlib.ExitStack() as stack:
            if "RATELIMIT_STORAGE_URI" not in env:
                redis = servers.PrivateRedis()
                stack.callback(redis.stop)
                env = {**env, "RATELIMIT_STORAGE_URI": redis.url}
            server = stack.enter_context(
                servers.gunicorn({"DATABASE_URL": self.url, **self.env, **env}, self.workdir)
            )
            self.logs.append(server.log.name)
            yield server


@dataclass
class Outcome:
    """One visitor's submission (or one read): its final status and timing."""

    index: int
    status: int
    posted: bool = False
    acknowledged: bool = False
    write: bool = True
    started: float = 0.0
    seconds: float = 0.0
    body: str = ""
    headers: dict = field(default_factory=dict)


def submit(visitor: Visitor, page: str, action: str | None, fill: Callable, i: int, acks):
    """GET `page`, fill its form with `fill(form, i)`, POST it; `acks(answer)` says it was taken."""
    form_page = visitor.get(page)
    if form_page.status != 200:
        return Outcome(i, form_page.status, started=time.monotonic(), body=form_page.body[:4000])
    fields = fill(parse_form(form_page.body, action), i)
    began = time.monotonic()
    answer = visitor.post(action or page, fields)
    return Outcome(
        i, answer.status, True, acks(answer), True, began, answer.seconds,
        answer.body[:4000], answer.headers,
    )  # fmt: skip


def read(base: str, path: str, i: int) -> Outcome:
    """A read among the writes: one GET."""
    began = time.monotonic()
    answer = Visitor(base).get(path)
    return Outcome(i, answer.status, write=False, started=began, seconds=answer.seconds)


def drive(count: int, work: Callable[[int], Outcome], threads: int, seconds: float):
    """Run `work(0..count-1)` on `threads` threads; jobs not begun within `seconds` (or before
    the whole run's deadline) are skipped."""
    deadline = time.monotonic() + min(seconds, time_left())

    def guarded(i: int) -> Outcome | None:
        return work(i) if time.monotonic() < deadline else None

    with ThreadPoolExecutor(threads) as pool:
        return [o for o in pool.map(guarded, range(count)) if o is not None]


def redirects_to(answer: Answer, ending: str) -> bool:
    """A 302 whose Location (without its fragment) ends with `ending`."""
    location = answer.headers.get("Location", "").split("#", 1)[0]
    return answer.status == 302 and location.endswith(ending)


def tally(run: dict, outcomes: list[Outcome], stored: set[int], planned: int) -> dict:
    """Fill in the counts: writes sent, acknowledged, stored; errors; 5xx; latency.

    `planned` is the number of jobs (reads and writes); `stored` the write numbers found.
    An error is a job that failed without a 5xx: no answer, a 4xx, a form shown again.
    """
    writes = [o for o in outcomes if o.write]
    acknowledged = [o for o in writes if o.acknowledged]
    failed = [o for o in outcomes if not (o.acknowledged or o.status in (200, 304) and not o.write)]
    run["sent"] = sum(o.posted for o in writes)
    run["acknowledged"] = len(acknowledged)
    run["stored"] = len(stored)
    run["acknowledged_stored"] = sum(o.index in stored for o in acknowledged)
    run["errors"] = sum(not 500 <= o.status < 600 for o in failed)
    run["status_5xx"] = sum(500 <= o.status < 600 for o in outcomes)
    run["status_500"] = sum(o.status == 500 for o in outcomes)
    latencies = [o.seconds * 1000 for o in writes if o.posted]
    run["figures"]["unsent"] = planned - len(outcomes)
    run["figures"]["p50_ms"] = percentile(latencies, 0.5)
    run["figures"]["p99_ms"] = percentile(latencies, 0.99)
    return run


def nominations(target: Target, size: int, tag: str) -> dict:
    """`size` concurrent public nominations: every acknowledged one stored, no error."""
    page = store.nomination_path(target.url)
    with target.serve() as server:

        def work(i: int) -> Outcome:
            fill = lambda form, n: forms.nomination(form, tag, n)  # noqa: E731
            acks = lambda a: redirects_to(a, "/nominate/receipt")  # noqa: E731
            return submit(Visitor(server.base), page, None, fill, i, acks)

        began = time.monotonic()
        outcomes = drive(size, work, THREADS, RUN_SECONDS)
        elapsed = time.monotonic() - began
    run = tally(result("nominations", target.database), outcomes,
                store.stored_nominations(target.url, tag), size)  # fmt: skip
    run["figures"]["per_s"] = round(run["sent"] / elapsed, 1)
    run["figures"]["duplicate_candidates"] = store.duplicate_candidates(target.url)
    run["rules"] = {"all_stored": True, "bounds": {"unsent": ("==", 0)}}
    return run


def registration_work(base: str, event_id: int, tag: str) -> Callable[[int], Outcome]:
    """One person registering for the breakfast, as a job for `drive`."""
    page, action = f"/events/{event_id}", f"/events/{event_id}/register"

    def work(i: int) -> Outcome:
        fill = lambda form, n: forms.registration(form, tag, n)  # noqa: E731
        acks = lambda a: redirects_to(a, page)  # noqa: E731
        return submit(Visitor(base), page, action, fill, i, acks)

    return work


def registrations(target: Target, size: int, tag: str) -> dict:
    """`size` concurrent registrations: all stored, never more confirmed than the capacity."""
    event_id, capacity = store.breakfast(target.url)
    with target.serve() as server:
        began = time.monotonic()
        outcomes = drive(size, registration_work(server.base, event_id, tag), THREADS, RUN_SECONDS)
        elapsed = time.monotonic() - began
    stored = store.stored_registrations(target.url, tag)
    run = tally(result("registrations", target.database), outcomes, set(stored), size)
    run["figures"]["per_s"] = round(run["sent"] / elapsed, 1)
    run["figures"]["capacity"] = capacity
    run["figures"]["confirmed"] = store.most_confirmed(target.url, event_id)
    run["figures"]["waiting"] = sum(status == "waiting" for status in stored.values())
    run["rules"] = {
        "all_stored": True,
        "bounds": {"unsent": ("==", 0), "confirmed": ("<=", capacity)},
    }
    return run
