"""Swedish dates, times and numbers as DOMAIN.md writes them; pure, no Flask."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from babel.dates import format_date, format_time
from babel.numbers import format_decimal

from app.core.swedish import STOCKHOLM

#: Month names as Swedish text writes them, in lower case; used where Babel is too slow
#: (thousands of dates in a feed or a report draft).
SWEDISH_MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


#: Two decimals always, for scores compared side by side: '4,25', '4,00'.
TWO_DECIMALS = "#,##0.00"
#: As few decimals as the number needs, at most two: '2', '1,5'.
UP_TO_TWO_DECIMALS = "#,##0.##"


def decimal(value: float, locale: str = "sv", pattern: str = TWO_DECIMALS) -> str:
    """A number in the reader's language: '4,25' in Swedish, '4.25' in English."""
    return format_decimal(value, pattern, locale=locale)


def swedish_date(day: date, with_year: bool = True) -> str:
    """'9 december 2022' (or '9 december') without Babel."""
    text = f"{day.day} {SWEDISH_MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def to_local(value: datetime) -> datetime:
    """An aware datetime in Stockholm time."""
    return value.astimezone(STOCKHOLM)


def date_long(value: date | datetime, locale: str = "sv") -> str:
    """'9 december 2022'."""
    day = to_local(value).date() if isinstance(value, datetime) else value
    return format_date(day, "d MMMM y", locale=locale)


def date_full(value: date | datetime, locale: str = "sv") -> str:
    """'fredag 9 december 2022'."""
    day = to_local(value).date() if isinstance(value, datetime) else value
    return format_date(day, "EEEE d MMMM y", locale=locale)


def date_short(value: date | datetime) -> str:
    """'2022-12-09'."""
    day = to_local(value).date() if isinstance(value, datetime) else value
    return day.isoformat()


def clock(value: datetime, locale: str = "sv") -> str:
    """'9.00' in Swedish, '9:00' in English."""
    pattern = "H.mm" if locale.startswith("sv") else "H:mm"
    return format_time(to_local(value), pattern, locale=locale)


def time_range(start: datetime, end: datetime | None = None, locale: str = "sv") -> str:
    """'kl. 9.00–15.30' (a single time when there is no end)."""
    prefix = "kl. " if locale.startswith("sv") else ""
    if end is None or end == start:
        return f"{prefix}{clock(start, locale)}"
    return f"{prefix}{clock(start, locale)}–{clock(end, locale)}"


def iso_week(value: date | datetime, locale: str = "sv") -> str:
    """'v. 49' (ISO week, Monday first)."""
    day = to_local(value).date() if isinstance(value, datetime) else value
    week = day.isocalendar().week
    return f"v. {week}" if locale.startswith("sv") else f"week {week}"


def when(start: datetime, end: datetime, all_day: bool = False, locale: str = "sv") -> str:
    """A date and time span in one phrase: 'fredag 9 december 2022, kl. 9.00–15.30'."""
    if all_day:
        last = to_local(end - timedelta(seconds=1)).date()
        first = to_local(start).date()
        if last == first:
            return date_full(first, locale)
        return f"{date_long(first, locale)}–{date_long(last, locale)}"
    if to_local(start).date() == to_local(end).date():
        return f"{date_full(start, locale)}, {time_range(start, end, locale)}"
    return f"{date_full(start, locale)} {clock(start, locale)} – {date_full(end, locale)} {clock(end, locale)}"
