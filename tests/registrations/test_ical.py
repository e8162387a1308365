"""The confirmation mail's calendar file: one VEVENT, UTC times, RECURRENCE-ID for a series date."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from icalendar import Calendar

from app.registrations.ical import CalendarEntry, single_event_ics

pytestmark = pytest.mark.nodb


def parse(data: bytes):
    calendar = Calendar.from_ical(data)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert len(events) == 1
    return calendar, events[0]


def test_one_off_event():
    entry = CalendarEntry(
        uid="foretagsdialog-2022@hagersten-alvsjo.torget",
        title="Företagsdialog med mingelmässa",
        starts_at=datetime(2022, 12, 9, 8, 0, tzinfo=UTC),
        ends_at=datetime(2022, 12, 9, 14, 30, tzinfo=UTC),
        location="Liljeholmstorgets galleria, Liljeholmstorget 7",
        description="Mingel; rad två\nmed komma, och semikolon;",
        url="https://torget.example.org/events/1",
        sequence=3,
    )
    data = single_event_ics(entry, stamp=datetime(2022, 11, 1, tzinfo=UTC))
    calendar, event = parse(data)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert str(event["UID"]) == entry.uid
    assert event.decoded("DTSTART") == entry.starts_at
    assert event.decoded("DTEND") == entry.ends_at
    assert event["SEQUENCE"] == 3
    assert str(event["DESCRIPTION"]) == entry.description
    assert str(event["SUMMARY"]) == entry.title
    assert "RECURRENCE-ID" not in event
    assert b"\r\n" in data and b"DTSTART:20221209T080000Z" in data


def test_series_date_carries_its_recurrence_id():
    original = datetime(2022, 7, 7, 14, 0, tzinfo=UTC)
    entry = CalendarEntry(
        uid="sommar@hagersten-alvsjo.torget",
        title="Sommar på torget",
        starts_at=datetime(2022, 7, 8, 15, 0, tzinfo=UTC),
        ends_at=datetime(2022, 7, 8, 18, 0, tzinfo=UTC),
        recurrence_id=original,
    )
    _calendar, event = parse(single_event_ics(entry))
    assert event.decoded("RECURRENCE-ID") == original
    assert "LOCATION" not in event


def test_all_day_event_uses_dates():
    from zoneinfo import ZoneInfo

    tz = ZoneInfo("Europe/Stockholm")
    entry = CalendarEntry(
        uid="x@torget.test",
        title="Torgdag",
        starts_at=datetime(2022, 6, 11, tzinfo=tz),
        ends_at=datetime(2022, 6, 12, tzinfo=tz),
        all_day=True,
    )
    data = single_event_ics(entry)
    assert b"DTSTART;VALUE=DATE:20220611" in data and b"DTEND;VALUE=DATE:20220612" in data
