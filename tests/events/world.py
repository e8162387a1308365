"""Objects the organiser pages need in the access matrix: a venue, events in two units."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.core.swedish import STOCKHOLM
from app.directory.models import Venue
from app.events.models import Event, EventKind, EventStatus, OccurrenceChange
from app.events.occurrences import rebuild_occurrences
from app.extensions import db


def _event(unit, uid: str, title: str, starts_at: datetime, venue=None, **extra) -> Event:
    values = {
        "status": EventStatus.PUBLISHED,
        "published_at": starts_at - timedelta(days=60),
        "venue_id": venue.id if venue else None,
    }
    values.update(extra)
    event = Event(
        unit_id=unit.id,
        uid=uid,
        title=title,
        kind=EventKind.BREAKFAST_MEETING,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        **values,
    )
    db.session.add(event)
    db.session.flush()
    rebuild_occurrences(event)
    return event


def extend(world) -> None:
    """A held weekly series in the unit and a draft in the other unit."""
    venue = Venue(
        name="Testtorget", slug="testtorget", postal_code="125 30", owner_unit_id=world.unit.id
    )
    db.session.add(venue)
    db.session.flush()
    past = datetime(2022, 6, 7, 8, 0, tzinfo=STOCKHOLM)
    series = _event(
        world.unit, "manage-series@torget.test", "Frukost i serie", past, venue,
        rrule="FREQ=WEEKLY;COUNT=3",
    )  # fmt: skip
    other = _event(
        world.other_unit, "manage-other@torget.test", "Brommas hemliga utkast", past,
        status=EventStatus.DRAFT, published_at=None,
    )  # fmt: skip
    # The third date is cancelled, for the write matrix to restore.
    third = series.occurrences[-1].original_start
    db.session.add(
        OccurrenceChange(
            event_id=series.id, original_start=third, is_cancelled=True, reason="Sjukdom"
        )
    )
    db.session.flush()
    db.session.refresh(series)
    rebuild_occurrences(series)
    world.values["cancelled_date"] = third.astimezone(UTC).isoformat()
    world.objects.update(
        manage_venue=venue,
        manage_series=series,
        manage_other_event=other,
    )
