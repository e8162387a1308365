"""Load and fault runs, `make loadtest` (`python -m loadtest`): one table, one summary file.

Every run serves Torget with gunicorn (4 sync workers, `create_app` with the public
form limit raised from 30 to 100,000 per 10 minutes per address, since every client
here is 127.0.0.1) on 127.0.0.1 only, against a fresh database with the demo loaded
(this year's award cycle is open; the demo breakfast takes 30 people and keeps a
waiting list). The PostgreSQL runs use a private cluster on a free port, the Redis
run a private redis-server; the shared servers are never touched. Clients are
threads in this process (`loadtest.client`): each GETs the form for its CSRF token
and cookie, then POSTs it like a person would (honeypot empty). After a run the
database is read directly.

What each run proves (on SQLite and PostgreSQL unless said):

- ``nominations``: 1,000 concurrent public nominations: every acknowledged one (302
  to the receipt) is stored, 0 errors, 0 × 5xx; also counts duplicate candidates
  (one company gathered into two candidates by concurrent nominations).
- ``registrations``: 1,000 concurrent registrations for the breakfast: all stored,
  0 errors, 0 × 5xx, confirmed places never over the capacity (the rest wait).
- ``pg-restart`` (PostgreSQL): reads and writes while the server restarts: 0 × 500
  (pool_pre_ping), acknowledged = stored; a 503 while it is down is allowed.
- ``pg-down`` (PostgreSQL): 30 s without the database: the Swedish 503 page within
  1 s, feeds fetched before served from the workers' cache, pages 200 again within
  10 s of the restart without restarting gunicorn; a POST shows what was typed.
- ``worker-kill``: SIGKILL of a worker under write load: writes go on within 5 s
  (no lock left), acknowledged = stored, at most the killed request lost, 0 × 5xx.
- ``redis-down``: the rate-limit storage stops under load: no 500 and no error; the
  limit headers are still sent (each worker counts in memory, docs/operations.md).
- ``disk-full`` (SQLite): the database on a full tmpfs: a clear 503 (with what was
  typed), reads still 200, nothing half-written, `PRAGMA integrity_check` ok.

Run it with ``make loadtest`` (as root: the tmpfs and the private PostgreSQL need it),
or ``python -m loadtest [--size N] [--only RUN ...]``. Results go to
``loadtest-results/summary.json`` and ``summary.txt``; the exit status is 1 when any
run fails its check. The whole run is bounded (``DEADLINE`` s); each loop is bounded
in count and time.

This module holds the pure parts: the result of a run, its check and the table.
"""

from __future__ import annotations

import math
import operator
import time

#: The whole `make loadtest`, in seconds.
DEADLINE = 25 * 60
_stop_at = [math.inf]


def set_deadline(seconds: float) -> None:
    """Every load loop stops sending `seconds` from now."""
    _stop_at[0] = time.monotonic() + seconds


def time_left() -> float:
    """Seconds until the whole run's deadline (infinite when none was set)."""
    return max(0.0, _stop_at[0] - time.monotonic())


_OPS = {"<=": operator.le, ">=": operator.ge, "==": operator.eq}


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile (`share` 0..1) of `values`; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def result(scenario: str, database: str, **counts) -> dict:
    """A run's result with every count at 0; the run fills in what it measured."""
    base = {
        "scenario": scenario,
        "database": database,
        "sent": 0,
        "acknowledged": 0,
        "stored": 0,
        "acknowledged_stored": 0,
        "errors": 0,
        "status_5xx": 0,
        "status_500": 0,
        "figures": {},
        "rules": {},
        "note": "",
    }
    base.update(counts)
    return base


def check(run: dict) -> list[str]:
    """What is wrong with a run's result, in words; empty when it passed."""
    rules = run.get("rules", {})
    failures = []
    if run.get("crashed"):
        failures.append(f"the run stopped: {run['crashed']}")
    if run["sent"] == 0:
        failures.append("nothing was sent")
    if run["status_500"]:
        failures.append(f"{run['status_500']} × 500")
    if run["status_5xx"] > rules.get("max_5xx", 0):
        failures.append(f"{run['status_5xx']} × 5xx (allowed {rules.get('max_5xx', 0)})")
    if run["errors"] > rules.get("max_errors", 0):
        failures.append(f"{run['errors']} errors (allowed {rules.get('max_errors', 0)})")
    if run["acknowledged_stored"] < run["acknowledged"]:
        lost = run["acknowledged"] - run["acknowledged_stored"]
        failures.append(f"{lost} acknowledged but not stored")
    if rules.get("all_stored") and not run["sent"] == run["acknowledged"] == run["stored"]:
        failures.append("sent, acknowledged and stored differ")
    if run["stored"] > run["sent"]:
        failures.append("more stored than sent")
    for name, (op, bound) in rules.get("bounds", {}).items():
        value = run["figures"].get(name)
        if value is None or not _OPS[op](value, bound):
            failures.append(f"{name} = {value} (wanted {op} {bound})")
    return failures


def judge(run: dict) -> dict:
    """The run with `failures` and `passed` filled in."""
    run["failures"] = check(run)
    run["passed"] = not run["failures"]
    return run


COLUMNS = ("scenario", "database", "sent", "acknowledged", "stored", "errors", "status_5xx")
HEADINGS = ("run", "db", "sent", "ack", "stored", "errors", "5xx", "result", "other figures")


def _figure(value) -> str:
    if isinstance(value, float):
        return f"{value:.0f}" if abs(value) >= 100 else f"{value:.3g}"
    return str(value)


def other(run: dict) -> str:
    """The run's other figures as `name=value` pairs."""
    return ", ".join(f"{k}={_figure(v)}" for k, v in run["figures"].items())


def table(runs: list[dict]) -> str:
    """One line per run (counts, PASS or FAIL, other figures), then why any run failed."""
    rows = [list(HEADINGS[:-1])]
    for run in runs:
        rows.append([str(run[c]) for c in COLUMNS] + ["PASS" if run["passed"] else "FAIL"])
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADINGS) - 1)]
    lines = []
    for cells, run in zip(rows, [None, *runs], strict=True):
        text = "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
        lines.append(f"{text}  {other(run) if run else HEADINGS[-1]}".rstrip())
    for run in runs:
        for failure in run["failures"]:
            lines.append(f"FAIL {run['scenario']} ({run['database']}): {failure}")
    return "\n".join(lines)
