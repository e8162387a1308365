"""`make bench`: page ratios against /hello, the scenario modules, one table and summary.json.

    python -m bench                  # everything
    python -m bench --pages-only     # skip the scenario modules
    python -m bench --scenario bench.feeds --hello-rps 5000 --out rows.json   # (internal)

Every loop is bounded in count and in time; servers listen on 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from bench import Context, fetch_status, goal_met, gunicorn, row, wrk

SCENARIOS = ("bench.queries", "bench.feeds", "bench.reports")
RESULTS = Path("bench-results")
PAGE_ROUNDS = 5
PAGE_GOAL = ">= 0.3"
WARM_UP_REQUESTS = 10
SETTLE_SECONDS = 2
SCENARIO_SECONDS = 25 * 60
TOTAL_SECONDS = 60 * 60
SETUP_SECONDS = 15 * 60
BENCH_ENV = {
    "TORGET_ENV": "development",  # the demo loads only outside production; DEBUG stays off
    "SECRET_KEY": "benchmark-secret-not-for-production",
    "FLASK_APP": "wsgi",
}


def page_paths(today: date) -> list[tuple[str, str]]:
    """(label, path) of the pages to measure; the ones that do not exist yet are skipped."""
    return [
        ("privacy notice (static text)", "/privacy"),
        ("start page /", "/"),
        ("/events/", "/events/"),
        ("/calendar/<y>/<m>", f"/calendar/{today.year}/{today.month}"),
        ("award page", f"/awards/hagersten-alvsjo/{today.year}/"),
        ("award page 2022", "/awards/hagersten-alvsjo/2022/"),
    ]


def flask(env: dict, *args: str) -> None:
    """Run a `flask` command for the benchmark database; fail loudly, within the setup time."""
    result = subprocess.run(
        [sys.executable, "-m", "flask", *args],
        env={**_environ(), **env},
        capture_output=True,
        text=True,
        timeout=SETUP_SECONDS,
    )
    if result.returncode != 0:
        raise SystemExit(f"flask {' '.join(args)} failed:\n{result.stderr[-3000:]}")


def _environ() -> dict:
    import os

    return dict(os.environ)


def prepare_database(workdir: Path) -> dict:
    """An SQLite database with the demo and a city's worth of events; returns Torget's env."""
    env = {**BENCH_ENV, "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite'}"}
    flask(env, "db", "upgrade", "heads")
    flask(env, "demo", "load")
    if _has_command(env, "scale"):
        flask(env, "demo", "scale")
    return env


def _has_command(env: dict, name: str) -> bool:
    result = subprocess.run(
        [sys.executable, "-m", "flask", "demo", "--help"],
        env={**_environ(), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    return f"  {name} " in result.stdout


def measure_pages(env: dict, hello: str, rounds: int) -> tuple[float, list[dict]]:
    """The /hello rate and one row per existing page: its rate ÷ /hello measured just before."""
    with gunicorn("wsgi:app", env, "/") as base:
        pages = [(label, path) for label, path in page_paths(date.today())]
        present = []
        rows = []
        for label, path in pages:
            status = fetch_status(base + path)
            if status == 200:
                present.append((label, path))
            else:
                rows.append(row(f"page {label} ÷ /hello", None, PAGE_GOAL, "×", f"{status}"))
        for _label, path in present:
            for _ in range(WARM_UP_REQUESTS):
                fetch_status(base + path)
        samples: dict[str, list] = {path: [] for _label, path in present}
        hello_rates = []
        for _ in range(rounds):
            for _label, path in present:
                # /hello right before each page: on a shared machine the load drifts
                # within a round, and a ratio should compare like with like.
                baseline = wrk(hello + "/hello")
                hello_rates.append(baseline.rps)
                samples[path].append((wrk(base + path), baseline.rps))
                # wrk stops with requests still queued in the workers: let them drain so
                # a slow page's backlog is not counted against the next one.
                time.sleep(SETTLE_SECONDS)
    for label, path in present:
        ratios = [result.rps / baseline for result, baseline in samples[path]]
        errors = sum(result.errors for result, _ in samples[path])
        rate = statistics.median(result.rps for result, _ in samples[path])
        p99 = statistics.median(r.p99_ms for r, _ in samples[path] if r.p99_ms is not None)
        note = f"{rate:.0f} req/s, p99 {p99:.0f} ms, {path}"
        if errors:
            note += f", {errors} errors"
        ratio = statistics.median(ratios) if not errors else 0.0
        rows.append(row(f"page {label} ÷ /hello", round(ratio, 3), PAGE_GOAL, "×", note))
    hello_rps = statistics.median(hello_rates)
    rows.insert(0, row("/hello (bare Flask, 2 sync workers)", round(hello_rps), "", "req/s"))
    return hello_rps, rows


def run_scenario(name: str, hello_rps: float, env: dict, seconds: float) -> list[dict]:
    """Run one scenario module in a subprocess with a time limit; its rows, or a failure row."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    command = [
        sys.executable,
        "-m",
        "bench",
        "--scenario",
        name,
        "--hello-rps",
        str(hello_rps),
        "--out",
        str(out),
        "--seconds",
        str(int(seconds)),
    ]
    started = time.monotonic()
    try:
        subprocess.run(command, env={**_environ(), **env}, timeout=seconds, check=True)
        rows = json.loads(out.read_text())
    except subprocess.TimeoutExpired:
        rows = [row(f"{name}", None, "", "", f"stopped after {seconds:.0f} s")]
    except (subprocess.CalledProcessError, ValueError) as error:
        rows = [row(f"{name}", None, "", "", f"failed: {error}")]
    finally:
        out.unlink(missing_ok=True)
    print(f"{name}: {time.monotonic() - started:.0f} s", file=sys.stderr)
    return rows


def scenario_child(name: str, hello_rps: float, out: Path, seconds: float, env: dict) -> None:
    """Inside the subprocess: import the module, run it, write its rows as JSON."""
    module = importlib.import_module(name)
    context = Context(hello_rps, time.monotonic() + seconds, env)
    short = name.rsplit(".", 1)[-1]
    # bench.reports predates the interface and exposes main(); it is called the same way.
    result = module.run(context) if hasattr(module, "run") else module.main()
    out.write_text(json.dumps(_as_rows(short, module, result), ensure_ascii=False, default=str))


def _as_rows(short: str, module, result) -> list[dict]:
    """The scenario's rows; modules written before the row interface return dicts of figures."""
    if isinstance(result, list):
        return [{**row("", None), **r, "name": f"{short}: {r['name']}"} for r in result]
    goals = getattr(module, "GOALS", None)
    if goals:
        return [
            row(f"{short}: {name}", round(result[name], 3), f"{op} {goal}", "×")
            for name, (op, goal) in goals.items()
        ]
    figures = result.get("figures", result)
    limit = result.get("goal_s")
    return [
        row(f"{short}: {name}", value, f"<= {limit}" if limit else "", "s")
        for name, value in figures.items()
        if isinstance(value, int | float)
    ]


def table(rows: list[dict]) -> str:
    """The rows as one plain-text table."""
    header = f"{'Measure':52} {'Value':>9} {'Goal':>8}  {'Met':4} Note"
    lines = [header, "-" * len(header)]
    for r in rows:
        value = "—" if r["value"] is None else f"{r['value']:.3f}".rstrip("0").rstrip(".")
        met = goal_met(r["value"], r["goal"])
        flag = "" if met is None and not r["goal"] else ("yes" if met else "NO")
        lines.append(
            f"{r['name'][:52]:52} {value + ' ' + r.get('unit', ''):>9} {r['goal']:>8}  "
            f"{flag:4} {r.get('note', '')}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--pages-only", action="store_true", help="skip the scenario modules")
    parser.add_argument("--rounds", type=int, default=PAGE_ROUNDS)
    parser.add_argument("--scenario", help=argparse.SUPPRESS)
    parser.add_argument("--hello-rps", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--seconds", type=float, default=SCENARIO_SECONDS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.scenario:
        scenario_child(args.scenario, args.hello_rps, args.out, args.seconds, {})
        return 0
    if shutil.which("wrk") is None:
        print("wrk is missing: apt-get install wrk (make bench does it)", file=sys.stderr)
        return 2
    deadline = time.monotonic() + TOTAL_SECONDS
    rounds = max(1, min(args.rounds, 10))
    with tempfile.TemporaryDirectory(prefix="torget-bench-") as tmp:
        env = prepare_database(Path(tmp))
        with gunicorn("bench.hello:app", {}, "/hello") as hello:
            hello_rps, rows = measure_pages(env, hello, rounds)
    if not args.pages_only:
        for name in SCENARIOS:
            if importlib.util.find_spec(name) is None:
                continue
            left = deadline - time.monotonic()
            if left < 60:
                rows.append(row(name, None, "", "", "not run: the harness's time was up"))
                continue
            rows.extend(run_scenario(name, hello_rps, {}, min(SCENARIO_SECONDS, left)))
    print(table(rows))
    RESULTS.mkdir(exist_ok=True)
    summary = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.node()} {platform.machine()} {platform.python_version()}",
        "wrk": "-t2 -c8, 5 s per sample; gunicorn 2 sync workers",
        "page_rounds": rounds,
        "hello_rps": round(hello_rps),
        "rows": [{**r, "met": goal_met(r["value"], r["goal"])} for r in rows],
    }
    summary["all_goals_met"] = all(r["met"] is not False for r in summary["rows"])
    (RESULTS / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    print(f"written to {RESULTS / 'summary.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
