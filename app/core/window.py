"""The dates Torget takes: one window, years 1900 to 2200, for every date anyone gives.

Python's dates end at year 1 and 9999, where arithmetic raises OverflowError, and a
calendar program asked for a 9999 feed spins for minutes. No business event lies outside
these two centuries either side of now; every form, filter, feed and import refuses a
date outside them by this one rule, and says so. Pure: no Flask, no database.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

FIRST_YEAR = 1900
LAST_YEAR = 2200
#: The window as aware UTC instants: from the first moment of FIRST_YEAR to the end of
#: LAST_YEAR (exclusive).
EARLIEST = datetime(FIRST_YEAR, 1, 1, tzinfo=UTC)
LATEST = datetime(LAST_YEAR + 1, 1, 1, tzinfo=UTC)
#: The rule in words, for messages: "mellan år 1900 och 2200", "åren 1900–2200".
IN_WORDS = f"mellan år {FIRST_YEAR} och {LAST_YEAR}"
YEARS = f"åren {FIRST_YEAR}–{LAST_YEAR}"


def year_ok(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


def contains(value: date | datetime | None) -> bool:
    """True for a date or instant inside the window (None is not)."""
    if value is None:
        return False
    if isinstance(value, datetime) and value.tzinfo is not None:
        return EARLIEST <= value < LATEST
    return year_ok(value.year)
