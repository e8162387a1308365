"""The bench harness's pure parts: wrk's output, goals, scenario rows, the table."""

from __future__ import annotations

import subprocess
from types import SimpleNamespace

import pytest

import bench
from bench.__main__ import SCENARIOS, _as_rows, table
from bench.queries import PAGES, SIZES, rows_of

pytestmark = pytest.mark.nodb

WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8000/events/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    12.50ms    3.10ms  40.00ms   80.00%
    Req/Sec   320.00     20.00   400.00     70.00%
  Latency Distribution
     50%   12.00ms
     75%   14.00ms
     90%   16.00ms
     99%    1.20s
  3200 requests in 5.00s, 10.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 3
Requests/sec:    640.25
Transfer/sec:      2.00MB
"""


def test_wrk_output_is_parsed(monkeypatch):
    seen = {}

    def fake_run(command, **kwargs):
        seen["command"] = command
        return SimpleNamespace(stdout=WRK_OUTPUT)

    monkeypatch.setattr(subprocess, "run", fake_run)
    result = bench.wrk("http://127.0.0.1:8000/events/", {"If-None-Match": '"x"'})
    assert result.rps == 640.25 and result.errors == 6 and result.p99_ms == 1200
    assert seen["command"][-1] == "http://127.0.0.1:8000/events/"
    assert "-H" in seen["command"] and 'If-None-Match: "x"' in seen["command"]
    assert any(part.startswith("-d") for part in seen["command"])  # always bounded in time


@pytest.mark.parametrize(
    ("value", "goal", "met"),
    [
        (0.31, ">= 0.3", True),
        (0.29, ">= 0.3", False),
        (1.5, "<= 2.0", True),
        (3, "<= 2", False),
        (7, "= 7", True),
        (9, "= 7", False),
    ],
)
def test_goals(value, goal, met):
    assert bench.goal_met(value, goal) is met


def test_no_goal_or_no_value_is_neither_met_nor_missed():
    assert bench.goal_met(1.0, "") is None
    assert bench.goal_met(None, ">= 0.3") is None


def test_scenario_rows_from_the_interface_and_from_older_modules():
    rows = _as_rows("x", SimpleNamespace(), [bench.row("a", 1.0, ">= 0.5", "×")])
    assert rows == [{"name": "x: a", "value": 1.0, "goal": ">= 0.5", "unit": "×", "note": ""}]
    legacy = SimpleNamespace(GOALS={"a_ratio": (">=", 0.5), "d_ratio": ("<=", 0.1)})
    rows = _as_rows("feeds", legacy, {"a_ratio": 0.61234, "d_ratio": 0.05, "other": 7})
    assert [(r["name"], r["value"], r["goal"]) for r in rows] == [
        ("feeds: a_ratio", 0.612, ">= 0.5"),
        ("feeds: d_ratio", 0.05, "<= 0.1"),
    ]
    rows = _as_rows("reports", SimpleNamespace(), {"goal_s": 2.0, "figures": {"page_s": 0.4}})
    assert rows[0]["goal"] == "<= 2.0" and rows[0]["unit"] == "s"


def test_table_marks_missed_goals():
    text = table(
        [
            bench.row("page /events/ ÷ /hello", 0.42, ">= 0.3", "×"),
            bench.row("page /calendar ÷ /hello", 0.12, ">= 0.3", "×"),
            bench.row("/hello", 5000, "", "req/s"),
            bench.row("bench.reports", None, "", "", "stopped after 60 s"),
        ]
    )
    lines = text.splitlines()
    assert "yes" in lines[2] and "NO" in lines[3]
    assert "stopped after 60 s" in lines[5] and "—" in lines[5]


def test_query_rows_pair_each_page_with_its_count_at_one_row():
    rows = rows_of({"/events/": {1: 6, 1000: 6}, "staff": {1: 8, 1000: 10}, "gone": {1: None}})
    assert [(r["name"], r["value"], r["goal"]) for r in rows] == [
        ("/events/ @ 1 row", 6, ""),
        ("/events/ @ 1,000 rows", 6, "= 6"),
        ("staff @ 1 row", 8, ""),
        ("staff @ 1,000 rows", 10, "= 8"),
        ("gone @ 1 row", None, ""),
        ("gone @ 1,000 rows", None, ""),
    ]
    assert [bench.goal_met(r["value"], r["goal"]) for r in rows[1::2]] == [True, False, None]


def test_the_query_scenario_runs_with_make_bench_and_covers_the_measured_pages():
    assert "bench.queries" in SCENARIOS and SIZES == (1, 1000)
    labels = {label for label, _path, _who in PAGES}
    assert {"/events/", "/calendar/<y>/<m>", "award page (candidates)"} <= labels
    assert any(who is not None for _label, _path, who in PAGES)  # staff lists too
