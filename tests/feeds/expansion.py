"""Reading our feeds back with independent parsers, for comparing with Torget's dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import recurring_ical_events
from icalendar import Calendar
from sqlalchemy import select

from app.core.swedish import STOCKHOLM
from app.events.models import Event, Occurrence
from app.extensions import db


def parse(body: bytes) -> Calendar:
    """The feed parsed strictly enough: no component may carry parse errors."""
    calendar = Calendar.from_ical(body)
    for component in calendar.walk():
        assert not getattr(component, "errors", None), component.errors
    return calendar


def expanded(body: bytes, years: int = 2) -> set[tuple[str, object]]:
    """(UID, start) of every date recurring-ical-events finds, UTC or a local date."""
    now = datetime.now(UTC)
    found = set()
    for component in recurring_ical_events.of(parse(body)).between(
        now - timedelta(days=366 * years), now + timedelta(days=366 * years)
    ):
        start = component["DTSTART"].dt
        if not isinstance(start, datetime):
            found.add((str(component["UID"]), start))
        else:
            assert start.tzinfo is not None, "floating time in a feed"
            found.add((str(component["UID"]), start.astimezone(UTC)))
    return found


def torget_dates(app, event_ids=None) -> set[tuple[str, object]]:
    """(UID, start) of Torget's own Occurrence rows that take place."""
    with app.app_context():
        rows = db.session.execute(
            select(Event.uid, Event.all_day, Occurrence.starts_at)
            .join(Occurrence, Occurrence.event_id == Event.id)
            .where(Occurrence.is_cancelled.is_(False))
            .where(Event.id.in_(event_ids) if event_ids is not None else True)
        ).all()
    return {
        (uid, start.astimezone(STOCKHOLM).date() if all_day else start.astimezone(UTC))
        for uid, all_day, start in rows
    }


def local_day(value: datetime) -> date:
    return value.astimezone(STOCKHOLM).date()
