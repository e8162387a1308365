"""Deriving an event's Occurrence rows from its rule and its per-date changes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete

from app.events.models import Event, Occurrence
from app.events.recurrence import expand
from app.extensions import db


def original_starts(event: Event) -> list[datetime]:
    """The starts the event's rule gives, before any per-date change (UTC)."""
    rdates = [datetime.fromisoformat(value) for value in event.rdates or ()]
    return expand(event.rrule, event.starts_at, rdates=rdates)


def rebuild_occurrences(event: Event) -> list[Occurrence]:
    """Replace the event's Occurrence rows with ones derived from the rule and changes; flushes."""
    duration = event.ends_at - event.starts_at
    changes = {change.original_start: change for change in event.changes}
    db.session.execute(delete(Occurrence).where(Occurrence.event_id == event.id))
    rows = []
    for original in original_starts(event):
        change = changes.get(original)
        starts_at = change.starts_at if change and change.starts_at else original
        ends_at = change.ends_at if change and change.ends_at else starts_at + duration
        venue_id = change.venue_id if change and change.venue_id else event.venue_id
        rows.append(
            Occurrence(
                event_id=event.id,
                unit_id=event.unit_id,
                original_start=original,
                starts_at=starts_at,
                ends_at=ends_at,
                venue_id=venue_id,
                is_moved=bool(change and (change.starts_at or change.venue_id)),
                is_cancelled=bool(change and change.is_cancelled),
                reason=change.reason if change else "",
            )
        )
    db.session.add_all(rows)
    db.session.flush()
    db.session.expire(event, ["occurrences"])
    return rows
