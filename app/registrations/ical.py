"""A single-event iCalendar file for a confirmation mail; pure, no Flask or database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from icalendar import Calendar
from icalendar import Event as VEvent

PRODID = "-//Torget//Evenemang//SV"


@dataclass(frozen=True)
class CalendarEntry:
    """What the attachment says about one date of an event."""

    uid: str
    title: str
    starts_at: datetime
    ends_at: datetime
    description: str = ""
    location: str = ""
    url: str = ""
    sequence: int = 0
    #: The date's original start when it belongs to a series (RECURRENCE-ID).
    recurrence_id: datetime | None = None
    all_day: bool = False


def single_event_ics(entry: CalendarEntry, stamp: datetime | None = None) -> bytes:
    """A VCALENDAR holding one VEVENT for `entry`, as bytes."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    vevent = VEvent()
    vevent.add("uid", entry.uid)
    vevent.add("dtstamp", (stamp or datetime.now(UTC)).astimezone(UTC))
    vevent.add("summary", entry.title)
    if entry.all_day:
        vevent.add("dtstart", entry.starts_at.date())
        vevent.add("dtend", entry.ends_at.date())
    else:
        vevent.add("dtstart", entry.starts_at.astimezone(UTC))
        if entry.ends_at != entry.starts_at:  # no DTEND: it ends when it starts
            vevent.add("dtend", entry.ends_at.astimezone(UTC))
    vevent.add("sequence", entry.sequence)
    if entry.recurrence_id is not None:
        vevent.add("recurrence-id", entry.recurrence_id.astimezone(UTC))
    for name, value in (
        ("description", entry.description),
        ("location", entry.location),
        ("url", entry.url),
    ):
        if value:
            vevent.add(name, value)
    calendar.add_component(vevent)
    return calendar.to_ical()
