"""Month and week grids for the public calendar; pure, no Flask or database.

Weeks are ISO weeks, Monday first, as Swedish calendars print them: 28 December 2026
falls in week 53 of 2026, and so does 1 January 2027.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.core import window

#: Years the calendar pages answer for; anything else is a 404, not a huge grid.
MIN_YEAR = window.FIRST_YEAR
MAX_YEAR = window.LAST_YEAR
#: Entries one day of the month grid lists; a busy day links to its full list instead.
#: A city's month holds over a thousand dates: a grid of all of them is unreadable.
DAY_LIMIT = 4


@dataclass(frozen=True)
class Week:
    """One row of a month grid: the ISO week (year, number) and its seven days."""

    iso_year: int
    number: int
    days: tuple[date, ...]


def is_valid_month(year: int, month: int) -> bool:
    """True for a month the calendar shows."""
    return MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12


def is_valid_week(year: int, week: int) -> bool:
    """True for an ISO week that exists in an ISO year the calendar shows."""
    if not MIN_YEAR <= year <= MAX_YEAR or week < 1:
        return False
    return week <= weeks_in_year(year)


def weeks_in_year(year: int) -> int:
    """52 or 53: the ISO week of 28 December is always the year's last."""
    return date(year, 12, 28).isocalendar().week


def month_weeks(year: int, month: int) -> list[Week]:
    """The weeks that hold any day of the month, each with all seven days (Monday first)."""
    first = date(year, month, 1)
    last = next_first(year, month) - timedelta(days=1)
    monday = first - timedelta(days=first.weekday())
    weeks = []
    while monday <= last:
        iso = monday.isocalendar()
        weeks.append(Week(iso.year, iso.week, tuple(monday + timedelta(days=i) for i in range(7))))
        monday += timedelta(days=7)
    return weeks


def next_first(year: int, month: int) -> date:
    """The first day of the month after the given one."""
    following = next_month(year, month)
    return date(following[0], following[1], 1)


def week_days(year: int, week: int) -> tuple[date, ...]:
    """The seven days of ISO week `week` of ISO year `year`, Monday first."""
    monday = date.fromisocalendar(year, week, 1)
    return tuple(monday + timedelta(days=i) for i in range(7))


def grid_bounds(year: int, month: int) -> tuple[date, date]:
    """The first day shown and the day after the last day shown in a month grid."""
    weeks = month_weeks(year, month)
    return weeks[0].days[0], weeks[-1].days[-1] + timedelta(days=1)


def previous_month(year: int, month: int) -> tuple[int, int]:
    """(year, month) before the given one."""
    return (year - 1, 12) if month == 1 else (year, month - 1)


def next_month(year: int, month: int) -> tuple[int, int]:
    """(year, month) after the given one."""
    return (year + 1, 1) if month == 12 else (year, month + 1)


def previous_week(year: int, week: int) -> tuple[int, int]:
    """(ISO year, week) before the given one."""
    iso = (date.fromisocalendar(year, week, 1) - timedelta(days=7)).isocalendar()
    return iso.year, iso.week


def next_week(year: int, week: int) -> tuple[int, int]:
    """(ISO year, week) after the given one."""
    iso = (date.fromisocalendar(year, week, 1) + timedelta(days=7)).isocalendar()
    return iso.year, iso.week


def days_touched(start_day: date, end_day: date, first: date, stop: date) -> list[date]:
    """The days from `start_day` to `end_day` (inclusive) that lie in [first, stop)."""
    day = max(start_day, first)
    last = min(end_day, stop - timedelta(days=1))
    days = []
    while day <= last:
        days.append(day)
        day += timedelta(days=1)
    return days


def cap_per_day(by_day: dict[date, list], limit: int = DAY_LIMIT) -> tuple[dict, dict]:
    """({day: its first `limit` entries}, {day: how many it has in all, for days over it})."""
    shown = {day: items[:limit] for day, items in by_day.items()}
    totals = {day: len(items) for day, items in by_day.items() if len(items) > limit}
    return shown, totals
