"""Recurrence in Stockholm wall-clock time: properties across the DST changes of 2022–2030."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.events.recurrence import (
    MAX_OCCURRENCES,
    STOCKHOLM,
    RecurrenceError,
    expand,
    localise,
    normalise_rule,
    parse_rule,
    with_until,
)

pytestmark = pytest.mark.nodb


def _dst_changes() -> list[date]:
    """The last Sundays of March and October, 2022–2030."""
    days = []
    for year in range(2022, 2031):
        for month in (3, 10):
            last = date(year, month, 31)
            days.append(last - timedelta(days=(last.weekday() + 1) % 7))
    return days


DST_DAYS = _dst_changes()
#: Wall-clock times that exist on every day (not in the skipped 2.00–3.00 hour).
CLOCKS = st.sampled_from([time(7), time(8), time(8, 30), time(12), time(17, 45), time(23)])


@st.composite
def first_starts(draw):
    """A local start up to five weeks before a DST change, as an aware UTC datetime."""
    change = draw(st.sampled_from(DST_DAYS))
    day = change - timedelta(days=draw(st.integers(0, 35)))
    return localise(datetime.combine(day, draw(CLOCKS)))


@settings(max_examples=150, deadline=None)
@given(start=first_starts(), count=st.integers(2, 12), interval=st.integers(1, 3))
def test_weekly_keeps_its_wall_clock_time(start, count, interval):
    starts = expand(f"FREQ=WEEKLY;INTERVAL={interval};COUNT={count}", start)
    local = [s.astimezone(STOCKHOLM) for s in starts]
    first = start.astimezone(STOCKHOLM)
    assert len(starts) == count
    assert {(d.hour, d.minute) for d in local} == {(first.hour, first.minute)}
    assert {d.weekday() for d in local} == {first.weekday()}
    gaps = {(b.date() - a.date()).days for a, b in zip(local, local[1:], strict=False)}
    assert gaps == {7 * interval}
    assert all(s.tzinfo == UTC for s in starts)


@settings(max_examples=100, deadline=None)
@given(start=first_starts(), weeks=st.integers(0, 20))
def test_until_is_honoured_and_inclusive(start, weeks):
    local_first = start.astimezone(STOCKHOLM).date()
    last_day = local_first + timedelta(weeks=weeks)
    starts = expand(f"FREQ=WEEKLY;UNTIL={last_day:%Y%m%d}", start)
    assert len(starts) == weeks + 1
    assert starts[-1].astimezone(STOCKHOLM).date() == last_day


@settings(max_examples=60, deadline=None)
@given(start=first_starts(), count=st.integers(3, 30), cut=st.integers(0, 20))
def test_ending_a_series_early_keeps_the_earlier_dates(start, count, cut):
    rule = f"FREQ=WEEKLY;COUNT={count}"
    before = expand(rule, start)
    last_day = before[min(cut, count - 1)].astimezone(STOCKHOLM).date()
    after = expand(with_until(rule, last_day), start)
    assert after == before[: min(cut, count - 1) + 1]


def test_the_skipped_hour_moves_forward_and_the_repeated_hour_is_summer_time():
    spring = localise(datetime(2022, 3, 27, 2, 30))
    assert spring.astimezone(STOCKHOLM).hour == 3
    autumn = localise(datetime(2022, 10, 30, 2, 30))
    assert autumn == datetime(2022, 10, 30, 0, 30, tzinfo=UTC)


def test_monthly_by_day():
    start = localise(datetime(2022, 1, 12, 8))
    starts = expand("FREQ=MONTHLY;BYDAY=2WE;COUNT=4", start)
    assert [s.astimezone(STOCKHOLM).day for s in starts] == [12, 9, 9, 13]
    assert {s.astimezone(STOCKHOLM).hour for s in starts} == {8}


@pytest.mark.parametrize("rule", [
    "FREQ=WEEKLY",
    "FREQ=DAILY;INTERVAL=2",
    "FREQ=WEEKLY;COUNT=2;UNTIL=20300101",
    "FREQ=HOURLY;COUNT=2",
    "FREQ=WEEKLY;COUNT=0",
    "FREQ=WEEKLY;COUNT=abc",
    "FREQ=WEEKLY;COUNT=99999999999999",
    "FREQ=WEEKLY;UNTIL=2030-01-01",
    "FREQ=WEEKLY;BYDAY=XX;COUNT=2",
    "FREQ=WEEKLY;COUNT=2;COUNT=3",
    "FREQ=WEEKLY;COUNT=2;BYHOUR=8",
    "FREQ",
    " ; ",
    "FREQ=WEEKLY;COUNT=2\\nX",
    "FREQ=WEEKLY;COUNT=2" + ";INTERVAL=1" * 100,
])  # fmt: skip
def test_unbounded_and_malformed_rules_are_refused(rule):
    with pytest.raises(RecurrenceError) as info:
        expand(rule.replace("\\n", "\n"), datetime(2030, 1, 1, 7, tzinfo=UTC))
    assert str(info.value)  # a Swedish message to show beside the field


def test_too_many_dates_are_refused():
    with pytest.raises(RecurrenceError, match="högst"):
        expand("FREQ=DAILY;UNTIL=20401231", datetime(2030, 1, 1, 7, tzinfo=UTC))
    assert (
        len(expand(f"FREQ=DAILY;COUNT={MAX_OCCURRENCES}", datetime(2030, 1, 1, 7, tzinfo=UTC)))
        == MAX_OCCURRENCES
    )


@given(st.text(max_size=120))
@settings(max_examples=200, deadline=None)
def test_any_text_is_parsed_or_refused_with_recurrence_error(text):
    try:
        parts = parse_rule(text)
    except RecurrenceError:
        return
    assert normalise_rule(text).startswith("FREQ=")
    assert "COUNT" in parts or "UNTIL" in parts
