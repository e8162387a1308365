"""Named Select builders for the public pages: upcoming dates, calendar ranges, one event."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from app.events.models import Event, EventKind, EventPartner, EventStatus, Occurrence


def public_event_clause():
    """Published events, and events cancelled after publishing (shown as cancelled)."""
    return or_(
        Event.status == EventStatus.PUBLISHED,
        and_(Event.status == EventStatus.CANCELLED, Event.published_at.is_not(None)),
    )


def public_occurrences() -> Select:
    """Every public date with its event, unit and venue loaded, in start order."""
    return (
        select(Occurrence)
        .join(Occurrence.event)
        .where(public_event_clause())
        .options(
            contains_eager(Occurrence.event).joinedload(Event.unit),
            joinedload(Occurrence.venue),
        )
        .order_by(Occurrence.starts_at, Occurrence.id)
    )


def occurrences_between(start: datetime, stop: datetime) -> Select:
    """Public dates that overlap [start, stop)."""
    return public_occurrences().where(Occurrence.starts_at < stop, Occurrence.ends_at > start)


def upcoming_occurrences(
    start: datetime,
    stop: datetime | None = None,
    venue_id: int | None = None,
    kind: EventKind | None = None,
    unit_id: int | None = None,
) -> Select:
    """Public dates not ended by `start`, optionally filtered; the `/events/` list."""
    query = public_occurrences().where(Occurrence.ends_at > start)
    if stop is not None:
        query = query.where(Occurrence.starts_at < stop)
    if venue_id is not None:
        query = query.where(Occurrence.venue_id == venue_id)
    if kind is not None:
        query = query.where(Event.kind == kind)
    if unit_id is not None:
        query = query.where(Occurrence.unit_id == unit_id)
    return query


def event_page(event_id: int) -> Select:
    """One event with everything its page shows: dates, places, organiser, partners."""
    return (
        select(Event)
        .where(Event.id == event_id)
        .options(
            joinedload(Event.unit),
            joinedload(Event.venue),
            joinedload(Event.organiser),
            selectinload(Event.partners).joinedload(EventPartner.organisation),
            selectinload(Event.occurrences).joinedload(Occurrence.venue),
        )
    )
