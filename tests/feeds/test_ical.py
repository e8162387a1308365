"""The pure writer: escaping, folding, injection, time zones (no database)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from app.feeds import ical
from app.feeds.ical import FeedEvent, FeedException

pytestmark = pytest.mark.nodb

START = datetime(2026, 3, 24, 7, 0, tzinfo=UTC)


def event(**overrides) -> FeedEvent:
    values = {
        "uid": "x@torget.test",
        "title": "Frukostmöte",
        "starts_at": START,
        "ends_at": START + timedelta(hours=1),
        "created_at": START - timedelta(days=9),
        "updated_at": START - timedelta(days=2),
        "url": "https://torget.example.org/events/1",
    }
    values.update(overrides)
    return FeedEvent(**values)


def parse(text: str) -> Calendar:
    calendar = Calendar.from_ical(text)
    for component in calendar.walk():
        assert not component.errors
    return calendar


PIECES = ["a", "Å", "ö", "\r", "\n", "\r\n", ";", ",", "\\", ":", '"', "\x00", "\x1b", "\t"]
PIECES += ["😀", " ", "END:VEVENT", "BEGIN:VCALENDAR", "END:VCALENDAR", "DTSTART:2020", "é" * 40]
NASTY = st.lists(st.sampled_from(PIECES), max_size=12).map("".join) | st.text(max_size=80)


@settings(max_examples=150, deadline=None)
@given(title=NASTY, description=NASTY, place=NASTY, reason=NASTY)
def test_no_text_breaks_the_feed(title, description, place, reason):
    moved = FeedException(
        original_start=START + timedelta(weeks=1),
        starts_at=START + timedelta(weeks=1, hours=1),
        ends_at=START + timedelta(weeks=1, hours=2),
        reason=reason,
        location=place,
    )
    text = ical.calendar(
        title,
        [
            ical.vevent(
                event(
                    title=title or "x",
                    description=description,
                    location=place,
                    organizer_name=title,
                    organizer_email="info@example.org",
                    categories=[title or "x"],
                    rrule="FREQ=WEEKLY;COUNT=3",
                    exceptions=[moved],
                )
            )
        ],
    )
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    calendar = parse(text)
    assert len(calendar.subcomponents) == 3  # VTIMEZONE, the series, the moved date
    master, override = calendar.walk("VEVENT")
    assert str(master["SUMMARY"]) == ical.clean(title or "x")
    assert str(master["DESCRIPTION"]).startswith(ical.clean(description).strip())
    assert str(override["LOCATION"] if place.strip() else "") == (
        ical.clean(place) if place.strip() else ""
    )


def test_title_with_calendar_syntax_stays_in_summary():
    title = "Möte\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Falskt\x00"
    text = ical.calendar("Kal", [ical.vevent(event(title=title))])
    (vevent,) = parse(text).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Möte\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:Falskt"
    assert "\r\nEND:VEVENT\r\nBEGIN" not in text.split("SUMMARY:", 1)[1].split("DTSTART")[0]


def test_fold_never_splits_a_character():
    line = "SUMMARY:" + "å" * 100
    folded = ical.fold(line)
    parts = folded.split("\r\n ")
    assert "".join(parts) == line
    assert all(len(p.encode()) <= 75 for p in parts)


def test_until_follows_the_start_type():
    assert (
        ical.rule_for_feed("FREQ=WEEKLY;UNTIL=20260831", False)
        == "FREQ=WEEKLY;UNTIL=20260831T215959Z"
    )
    assert ical.rule_for_feed("FREQ=WEEKLY;UNTIL=20260831", True) == "FREQ=WEEKLY;UNTIL=20260831"
    assert (
        ical.rule_for_feed("FREQ=DAILY;UNTIL=20261231T235959", False)
        == "FREQ=DAILY;UNTIL=20261231T225959Z"
    )


def test_draft_is_tentative_and_same_input_same_bytes():
    first = ical.vevent(event(status="TENTATIVE"))
    assert "STATUS:TENTATIVE" in first
    assert ical.vevent(event(status="TENTATIVE")) == first


def test_vtimezone_matches_zoneinfo():
    calendar = parse(ical.calendar("Kal", []))
    (zone,) = calendar.walk("VTIMEZONE")
    tz = zone.to_tz()
    for moment in (
        datetime(2026, 3, 29, 1, 59),
        datetime(2026, 3, 29, 3, 0),
        datetime(2026, 10, 25, 3, 0),
        datetime(2030, 7, 1),
    ):
        assert tz.utcoffset(moment) == moment.replace(tzinfo=ical.STOCKHOLM).utcoffset()


def test_one_off_with_its_date_cancelled_is_cancelled():
    gone = FeedException(
        START, START, START + timedelta(hours=1), is_cancelled=True, reason="Sjukdom"
    )
    (vevent,) = parse(ical.calendar("Kal", [ical.vevent(event(exceptions=[gone]))])).walk("VEVENT")
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert "Inställt: Sjukdom" in str(vevent["DESCRIPTION"])
    assert "EXDATE" not in vevent
