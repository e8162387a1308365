"""The month and week grids: ISO weeks, Monday first, across year boundaries."""

from __future__ import annotations

from datetime import date

import pytest

from app.events import calendar

pytestmark = pytest.mark.nodb


def test_december_2026_ends_in_week_53_that_reaches_into_2027():
    weeks = calendar.month_weeks(2026, 12)
    assert [(w.iso_year, w.number) for w in weeks] == [
        (2026, 49),
        (2026, 50),
        (2026, 51),
        (2026, 52),
        (2026, 53),
    ]
    assert weeks[0].days[0] == date(2026, 11, 30)
    assert weeks[-1].days == tuple(date(2026, 12, 28 + i) for i in range(4)) + tuple(
        date(2027, 1, i) for i in range(1, 4)
    )


def test_january_2027_starts_in_week_53_of_2026():
    weeks = calendar.month_weeks(2027, 1)
    assert (weeks[0].iso_year, weeks[0].number) == (2026, 53)
    assert date(2027, 1, 1) in weeks[0].days
    assert (weeks[1].iso_year, weeks[1].number) == (2027, 1)


@pytest.mark.parametrize(
    ("year", "month"), [(y, m) for y in (2022, 2024, 2026, 2027, 2030) for m in range(1, 13)]
)
def test_every_grid_row_is_a_monday_to_sunday_covering_the_month(year, month):
    weeks = calendar.month_weeks(year, month)
    days = [d for w in weeks for d in w.days]
    assert all(w.days[0].weekday() == 0 and len(w.days) == 7 for w in weeks)
    assert days == sorted(days) and len(set(days)) == len(days)
    in_month = [d for d in days if d.month == month]
    assert in_month[0] == date(year, month, 1)
    assert len(in_month) == (calendar.next_first(year, month) - date(year, month, 1)).days
    assert all(w.number == w.days[0].isocalendar().week for w in weeks)
    assert 4 <= len(weeks) <= 6


def test_february_2027_fills_exactly_four_weeks():
    assert len(calendar.month_weeks(2027, 2)) == 4


def test_company_dialogue_is_in_week_49():
    assert date(2022, 12, 9).isocalendar().week == 49
    assert any(w.number == 49 for w in calendar.month_weeks(2022, 12))


def test_week_days_and_neighbours_cross_the_year():
    assert calendar.week_days(2026, 53)[0] == date(2026, 12, 28)
    assert calendar.week_days(2026, 53)[-1] == date(2027, 1, 3)
    assert calendar.next_week(2026, 53) == (2027, 1)
    assert calendar.previous_week(2027, 1) == (2026, 53)
    assert calendar.previous_week(2026, 1) == (2025, 52)


@pytest.mark.parametrize(
    ("year", "week", "valid"),
    [
        (2026, 53, True),
        (2027, 53, False),
        (2026, 0, False),
        (2026, 1, True),
        (1899, 1, False),
        (2201, 1, False),
        (2020, 53, True),
        (2022, 52, True),
        (2022, 53, False),
    ],
)
def test_valid_weeks(year, week, valid):
    assert calendar.is_valid_week(year, week) is valid


@pytest.mark.parametrize(
    ("year", "month", "valid"),
    [
        (2022, 12, True),
        (2022, 13, False),
        (2022, 0, False),
        (1899, 5, False),
        (2200, 12, True),
        (2201, 1, False),
    ],
)
def test_valid_months(year, month, valid):
    assert calendar.is_valid_month(year, month) is valid


def test_month_neighbours_wrap_the_year():
    assert calendar.previous_month(2027, 1) == (2026, 12)
    assert calendar.next_month(2026, 12) == (2027, 1)
    assert calendar.next_month(2026, 5) == (2026, 6)


def test_days_touched_clips_to_the_grid():
    first, stop = date(2026, 11, 30), date(2027, 1, 4)
    assert calendar.days_touched(date(2026, 11, 28), date(2026, 12, 1), first, stop) == [
        date(2026, 11, 30),
        date(2026, 12, 1),
    ]
    assert calendar.days_touched(date(2027, 1, 3), date(2027, 1, 5), first, stop) == [
        date(2027, 1, 3)
    ]
    assert calendar.days_touched(date(2027, 2, 1), date(2027, 2, 1), first, stop) == []


def test_a_busy_day_shows_its_first_entries_and_counts_them_all():
    day, quiet = date(2026, 12, 3), date(2026, 12, 4)
    shown, totals = calendar.cap_per_day({day: list(range(9)), quiet: [1, 2]}, limit=4)
    assert shown == {day: [0, 1, 2, 3], quiet: [1, 2]}
    assert totals == {day: 9}
