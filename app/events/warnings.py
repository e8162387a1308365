"""Warnings an organiser sees before and after saving an event; pure, no Flask.

Neither warning blocks a save: two events may share a square on purpose, and some
meetings are held on a public holiday. The organiser decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays

from app.core.swedish import STOCKHOLM


@dataclass(frozen=True)
class Slot:
    """A date of an event at a venue: UTC start and end."""

    starts_at: datetime
    ends_at: datetime
    venue_id: int | None
    event_id: int | None = None
    title: str = ""


@dataclass(frozen=True)
class Clash:
    """One of our dates overlaps another event's date at the same venue."""

    mine: Slot
    other: Slot


@dataclass(frozen=True)
class Holiday:
    """One of our dates falls on a Swedish public or de facto holiday."""

    day: date
    name: str


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """True when two half-open time spans share a moment."""
    return a_start < b_end and b_start < a_end


def find_clashes(mine: list[Slot], others: list[Slot]) -> list[Clash]:
    """Pairs of our slots and other events' slots at the same venue that overlap."""
    found = []
    for slot in mine:
        if slot.venue_id is None:
            continue
        for other in others:
            if (
                other.venue_id == slot.venue_id
                and other.event_id != slot.event_id
                and overlaps(slot.starts_at, slot.ends_at, other.starts_at, other.ends_at)
            ):
                found.append(Clash(slot, other))
    return sorted(found, key=lambda c: (c.mine.starts_at, c.other.starts_at))


@lru_cache(maxsize=64)
def _calendar(year: int) -> dict[date, str]:
    # Public holidays by law plus midsummer, Christmas and New Year's eve (de facto).
    table = holidays.Sweden(years=year, language="sv", categories=("public", "de_facto"))
    return dict(table.items())


def holiday_name(day: date) -> str | None:
    """The Swedish name of the holiday on `day`, or None on an ordinary day."""
    return _calendar(day.year).get(day)


def local_days(starts_at: datetime, ends_at: datetime) -> list[date]:
    """The Stockholm calendar days a span touches (its end is exclusive)."""
    first = starts_at.astimezone(STOCKHOLM).date()
    last = (ends_at - timedelta(microseconds=1)).astimezone(STOCKHOLM).date()
    if last < first:
        last = first
    return [first + timedelta(days=n) for n in range(min((last - first).days, 366) + 1)]


def find_holidays(slots: list[Slot]) -> list[Holiday]:
    """The holidays our dates fall on, each day once, in date order."""
    seen: dict[date, str] = {}
    for slot in slots:
        for day in local_days(slot.starts_at, slot.ends_at):
            name = holiday_name(day)
            if name:
                seen[day] = name
    return [Holiday(day, name) for day, name in sorted(seen.items())]
