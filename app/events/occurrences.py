"""Deriving an event's Occurrence rows from its rule and its per-date changes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from app.events.models import Event, Occurrence
from app.events.recurrence import expand
from app.extensions import db


def original_starts(event: Event) -> list[datetime]:
    """The starts the event's rule gives, before any per-date change (UTC)."""
    rdates = [datetime.fromisoformat(value) for value in event.rdates or ()]
    return expand(event.rrule, event.starts_at, rdates=rdates)


def derived_values(event: Event, original: datetime, change) -> dict:
    """The columns of one date: the rule's start unless a change moved or cancelled it."""
    duration = event.ends_at - event.starts_at
    starts_at = change.starts_at if change and change.starts_at else original
    ends_at = change.ends_at if change and change.ends_at else starts_at + duration
    return {
        "unit_id": event.unit_id,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "venue_id": change.venue_id if change and change.venue_id else event.venue_id,
        "is_moved": bool(change and (change.starts_at or change.venue_id)),
        "is_cancelled": bool(change and change.is_cancelled),
        "reason": change.reason if change else "",
    }


def rebuild_occurrences(event: Event) -> list[Occurrence]:
    """Bring the event's Occurrence rows in line with the rule and changes; flushes.

    Rows are updated in place and only the dates that left the series are deleted,
    so rebuilding an unchanged event writes nothing.
    """
    changes = {change.original_start: change for change in event.changes}
    existing = {
        row.original_start: row
        for row in db.session.scalars(select(Occurrence).where(Occurrence.event_id == event.id))
    }
    rows = []
    for original in original_starts(event):
        values = derived_values(event, original, changes.get(original))
        row = existing.pop(original, None)
        if row is None:
            row = Occurrence(event_id=event.id, original_start=original, **values)
            db.session.add(row)
        else:
            for key, value in values.items():
                if getattr(row, key) != value:
                    setattr(row, key, value)
        rows.append(row)
    for row in existing.values():
        db.session.delete(row)
    db.session.flush()
    db.session.expire(event, ["occurrences"])
    return rows
