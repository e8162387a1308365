"""`python -m loadtest`: every run on SQLite, then on a private PostgreSQL; the table at the end."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

from loadtest import DEADLINE, disk, faults, judge, result, runs, servers, set_deadline, table

RESULTS = servers.RESULTS
#: (run name, function, databases it applies to)
RUNS = (
    ("nominations", runs.nominations, ("sqlite", "postgresql")),
    ("registrations", runs.registrations, ("sqlite", "postgresql")),
    ("worker-kill", faults.worker_kill, ("sqlite", "postgresql")),
    ("redis-down", faults.redis_down, ("sqlite", "postgresql")),
    ("pg-restart", faults.pg_restart, ("postgresql",)),
    ("pg-down", faults.pg_down, ("postgresql",)),
    ("disk-full", disk.disk_full, ("sqlite",)),
)


def limits_note() -> str:
    """Which rate limits applied, for the summary."""
    return (
        f"Rate limits: public forms {servers.FORM_LIMIT} per address (FORM_LIMIT_PER_IP, "
        "raised from 30 per 10 minutes through create_app's config, since every client is "
        "127.0.0.1); login limits unchanged; storage a private redis:// per run, shared by "
        "the workers as production requires. gunicorn: 4 sync workers, TORGET_ENV=production."
    )


def one(name, function, target, size: int, deadline: float) -> dict:
    """Run one scenario; a crash or a missed deadline becomes a failed result."""
    print(f"[{time.strftime('%H:%M:%S')}] {name} on {target.database} ...", flush=True)
    if time.monotonic() > deadline:
        run = result(name, target.database, crashed="no time left in the run's deadline")
        return judge(run)
    tag = f"{name}-{target.database}-{int(time.time())}"
    logs_before = len(target.logs)
    try:
        run = function(target, size, tag)
    except Exception as error:
        traceback.print_exc()
        run = result(name, target.database, crashed=f"{type(error).__name__}: {error}")
    run["logs"] = target.logs[logs_before:]
    judge(run)
    print(f"    {'PASS' if run['passed'] else 'FAIL ' + '; '.join(run['failures'])}", flush=True)
    return run


def on_database(target, wanted: list[str], size: int, deadline: float) -> list[dict]:
    servers.prepare_database(target.url)
    return [
        one(name, function, target, size, deadline)
        for name, function, databases in RUNS
        if target.database in databases and (not wanted or name in wanted)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtest", description=__doc__)
    parser.add_argument("--size", type=int, default=1000, help="submissions per load run")
    parser.add_argument("--only", nargs="*", default=[], help="run names to run")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), action="append")
    args = parser.parse_args(argv)
    deadline = time.monotonic() + DEADLINE
    set_deadline(DEADLINE - 60)  # a minute for the last run to finish and clean up
    shutil.rmtree(RESULTS / "logs", ignore_errors=True)  # the logs of this run only
    workdir = Path(tempfile.mkdtemp(prefix="torget-loadtest-"))
    os.chmod(workdir, 0o755)  # the private PostgreSQL runs as the postgres user
    results: list[dict] = []
    try:
        if "sqlite" in (args.database or ["sqlite"]):
            url = f"sqlite:///{workdir / 'torget.sqlite'}"
            target = runs.Target("sqlite", url, workdir)
            results += on_database(target, args.only, args.size, deadline)
        if "postgresql" in (args.database or ["postgresql"]):
            results += with_postgres(workdir, args.only, args.size, deadline)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return report(results, args.size)


def with_postgres(workdir: Path, wanted: list[str], size: int, deadline: float) -> list[dict]:
    postgres = servers.PrivatePostgres(workdir)
    try:
        target = runs.Target("postgresql", postgres.url, workdir, postgres=postgres)
        return on_database(target, wanted, size, deadline)
    finally:
        postgres.remove()


def report(results: list[dict], size: int) -> int:
    """Write the summary files, print the table; 1 when a run failed."""
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    heading = f"Torget load and fault runs, {stamp}, {size} submissions per load run\n"
    text = heading + limits_note() + "\n\n" + table(results) + "\n"
    (RESULTS / "summary.txt").write_text(text)
    summary = {"at": stamp, "size": size, "limits": limits_note(), "runs": results}
    (RESULTS / "summary.json").write_text(json.dumps(summary, indent=2, default=str))
    print("\n" + text)
    failed = [r for r in results if not r["passed"]]
    print(f"{len(results) - len(failed)} of {len(results)} runs passed.")
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
