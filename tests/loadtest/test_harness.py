"""The load harness's pure parts: checks, the table, percentiles, forms and form reading."""

from __future__ import annotations

import pytest
from stdnum.se import orgnr

from app.core.swedish import normalise_org_number
from loadtest import check, judge, percentile, result, table
from loadtest.client import cookies_from, parse_form
from loadtest.forms import email, index_of, luhn_digit, nomination, org_number, registration
from loadtest.runs import Outcome, drive, tally

pytestmark = pytest.mark.nodb


def passing_load() -> dict:
    run = result("nominations", "sqlite", sent=1000, acknowledged=1000, stored=1000)
    run["acknowledged_stored"] = 1000
    run["rules"] = {"all_stored": True, "bounds": {"unsent": ("==", 0)}}
    run["figures"] = {"unsent": 0, "p50_ms": 41.0}
    return run


def test_a_clean_load_run_passes():
    assert check(passing_load()) == []


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"status_500": 1, "status_5xx": 1}, "1 × 500"),
        ({"status_5xx": 2}, "2 × 5xx (allowed 0)"),
        ({"errors": 3}, "3 errors (allowed 0)"),
        ({"acknowledged_stored": 998}, "2 acknowledged but not stored"),
        ({"stored": 999}, "sent, acknowledged and stored differ"),
        ({"sent": 0, "acknowledged": 0, "stored": 0, "acknowledged_stored": 0}, "nothing was sent"),
        ({"crashed": "RuntimeError: boom"}, "the run stopped: RuntimeError: boom"),
    ],
)
def test_each_broken_count_fails_with_a_reason(change, words):
    run = passing_load() | change
    assert any(words in failure for failure in check(run))


def test_bounds_on_figures_and_a_missing_figure_fail():
    run = passing_load()
    run["rules"]["bounds"] |= {"confirmed": ("<=", 30), "recovery_s": ("<=", 10.0)}
    run["figures"] |= {"confirmed": 31, "recovery_s": None}
    failures = check(run)
    assert "confirmed = 31 (wanted <= 30)" in failures
    assert "recovery_s = None (wanted <= 10.0)" in failures


def test_allowances_let_a_fault_run_pass():
    run = result("pg-restart", "postgresql", sent=10, acknowledged=8, stored=9, errors=1)
    run |= {"acknowledged_stored": 8, "status_5xx": 2}
    run["rules"] = {"max_5xx": 2, "max_errors": 1}
    assert check(run) == []
    run["status_500"] = 1
    assert check(run) == ["1 × 500"]


def test_more_stored_than_sent_is_a_failure():
    run = result("worker-kill", "sqlite", sent=5, acknowledged=5, stored=6, acknowledged_stored=5)
    assert "more stored than sent" in check(run)


def test_the_table_has_one_line_per_run_and_the_reasons_after_it():
    good = judge(passing_load())
    bad = judge(passing_load() | {"status_500": 2, "status_5xx": 2, "database": "postgresql"})
    lines = table([good, bad]).splitlines()
    assert lines[0].split()[:8] == ["run", "db", "sent", "ack", "stored", "errors", "5xx", "result"]
    assert lines[1].split()[:8] == [
        "nominations",
        "sqlite",
        "1000",
        "1000",
        "1000",
        "0",
        "0",
        "PASS",
    ]
    assert "FAIL" in lines[2] and "p50_ms=41" in lines[2]
    assert lines[3] == "FAIL nominations (postgresql): 2 × 500"


def test_percentiles_by_nearest_rank():
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 0.5) == 50.0
    assert percentile(values, 0.99) == 99.0
    assert percentile([7.0], 0.99) == 7.0
    assert percentile([], 0.5) is None


def test_tally_counts_writes_reads_and_failures():
    outcomes = [
        Outcome(0, 302, posted=True, acknowledged=True, seconds=0.1),
        Outcome(1, 302, posted=True, acknowledged=True, seconds=0.3),
        Outcome(2, 503, posted=True, seconds=0.2),
        Outcome(3, 0, posted=True, seconds=30.0),  # no answer: a killed worker
        Outcome(4, 200, write=False),
        Outcome(5, 500, write=False),
    ]
    run = tally(result("x", "sqlite"), outcomes, stored={0, 1, 3}, planned=7)
    assert (run["sent"], run["acknowledged"], run["stored"]) == (4, 2, 3)
    assert run["acknowledged_stored"] == 2
    assert (run["errors"], run["status_5xx"], run["status_500"]) == (1, 2, 1)
    assert run["figures"]["unsent"] == 1
    assert run["figures"]["p50_ms"] == pytest.approx(200.0)
    assert run["figures"]["p99_ms"] == pytest.approx(30_000.0)


def test_organisation_numbers_are_valid_and_distinct():
    numbers = {org_number(k) for k in range(500)}
    assert len(numbers) == 500
    for number in numbers:
        assert orgnr.is_valid(number)
        assert normalise_org_number(number) == number  # what the form stores
    assert luhn_digit("556036079") == "3"  # 556036-0793, the form's own example


def test_addresses_carry_the_run_and_the_number():
    assert index_of(email("nominations-sqlite-1", 42), "nominations-sqlite-1") == 42
    assert index_of(email("other", 42), "nominations-sqlite-1") is None
    assert index_of("someone@example.org", "t") is None


PAGE = """
<form method="post" action="/language"><input name="csrf_token" value="wrong"></form>
<form method="post" class="stack award-form" novalidate>
  <input id="csrf_token" name="csrf_token" type="hidden" value="tok&amp;en">
  <select name="category"><option value="">Välj kategori</option>
    <option value="4">Årets företag</option><option value="5">Årets nykomling</option></select>
  <select name="relation"><option value="">Välj</option><option value="customer">Kund</option></select>
  <input name="company_name"><textarea name="motivation"></textarea>
  <input name="fax" value="">
</form>
<form method="post" action="/events/7/register#registration">
  <input name="csrf_token" value="reg-token"><input type="hidden" name="date" value="2026-12-10T07:30:00+01:00">
</form>
"""


def test_the_form_is_read_like_a_browser_reads_it():
    award = parse_form(PAGE, None)
    assert award.inputs["csrf_token"] == "tok&en"
    assert award.options["category"] == ["", "4", "5"]
    event = parse_form(PAGE, "/events/7/register")
    assert event.inputs == {"csrf_token": "reg-token", "date": "2026-12-10T07:30:00+01:00"}


def test_filled_forms_leave_the_honeypots_empty():
    award = dict(nomination(parse_form(PAGE, None), "t", 3))
    assert award["fax"] == "" and award["csrf_token"] == "tok&en"
    assert award["category"] == "5" and award["relation"] == "customer"
    assert len(award["motivation"]) >= 50
    person = dict(registration(parse_form(PAGE, "/events/7/register"), "t", 3))
    assert person["website"] == "" and person["email"] == "lt-t-3@example.org"
    assert person["date"] == "2026-12-10T07:30:00+01:00"


def test_cookies_follow_set_cookie_and_deletion():
    jar = cookies_from(["session=abc.def; HttpOnly; Path=/; SameSite=Lax", "lang=sv; Path=/"])
    assert jar == {"session": "abc.def", "lang": "sv"}
    gone = cookies_from(["session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/"])
    assert gone == {"session": ""}


def test_the_driver_sends_nothing_past_its_time():
    done = drive(50, lambda i: Outcome(i, 200, write=False), threads=4, seconds=0)
    assert done == []
    done = drive(50, lambda i: Outcome(i, 200, write=False), threads=4, seconds=30)
    assert sorted(o.index for o in done) == list(range(50))
