"""The pure reader: any input either reads or is refused with one line (no database)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.feeds import importer

pytestmark = pytest.mark.nodb

LINES = [
    "UID:a",
    "UID:b",
    "SUMMARY:Möte",
    "DTSTART:20270101T100000Z",
    "DTSTART;VALUE=DATE:20270101",
    "DTSTART;TZID=W. Europe Standard Time:20270101T100000",
    "DTSTART;TZID=Mars/Olympus:20270101T100000",
    "DTSTART:2027",
    "DTEND:20270101T090000Z",
    "DTEND:20270101T110000Z",
    "DURATION:PT1H",
    "DURATION:-P1D",
    "DURATION:nonsense",
    "RRULE:FREQ=WEEKLY;COUNT=3",
    "RRULE:FREQ=DAILY",
    "RRULE:FREQ=WEEKLY;UNTIL=20270301",
    "RRULE:garbage",
    "RRULE:FREQ=YEARLY;COUNT=99999",
    "EXDATE:20270108T100000Z",
    "EXDATE;VALUE=DATE:20270108",
    "RDATE;VALUE=PERIOD:20270201T100000Z/PT1H",
    "RDATE:20270201T100000Z",
    "RECURRENCE-ID:20270108T100000Z",
    "RECURRENCE-ID;RANGE=THISANDFUTURE:20270108T100000Z",
    "STATUS:CANCELLED",
    "CLASS:PRIVATE",
    "CATEGORIES:Mässa,Kultur",
    "LOCATION:Liljeholmstorget\\, 1",
    "X-WR-TIMEZONE:Nowhere/Land",
    "BEGIN:VALARM",
    "END:VALARM",
    "no colon here",
    "\x00",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(LINES), max_size=12), max_size=4), st.sampled_from(LINES))
def test_any_calendar_reads_or_is_refused(events, head):
    body = ["BEGIN:VCALENDAR", "VERSION:2.0", head]
    for lines in events:
        body += ["BEGIN:VEVENT", *lines, "END:VEVENT"]
    body.append("END:VCALENDAR")
    try:
        parsed = importer.parse("\r\n".join(body).encode())
    except importer.UnreadableCalendar as error:
        assert "\n" not in str(error) and str(error)
        return
    for event in parsed.events:
        # A timed event without DTEND or DURATION ends when it starts (RFC 5545 §3.6.1).
        assert event.ends_at >= event.starts_at and event.starts_at.tzinfo is not None
    for skipped in parsed.skipped:
        assert skipped.reason


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_read_or_are_refused(data):
    try:
        importer.parse(b"BEGIN:VCALENDAR\r\n" + data)
    except importer.UnreadableCalendar as error:
        assert "\n" not in str(error)
