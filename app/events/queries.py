"""Named queries for the organiser pages; each returns a Select callers can refine."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, exists, false, func, select
from sqlalchemy.orm import selectinload

from app.db import utcnow
from app.events.attendance import attendance
from app.events.models import Event, EventKind, EventPartner, EventStatus, Occurrence, Outcome
from app.events.recurrence import local_day_bounds
from app.events.warnings import Slot
from app.extensions import db


@dataclass
class EventFilter:
    """The organiser list's filters; None means "any"."""

    status: EventStatus | None = None
    kind: EventKind | None = None
    venue_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    needs_outcome: bool = False


def _held_without_outcome() -> Select:
    """Events with a held, not cancelled date that has no outcome yet."""
    return exists().where(
        Occurrence.event_id == Event.id,
        Occurrence.ends_at < utcnow(),
        Occurrence.is_cancelled == false(),
        ~exists().where(
            Outcome.event_id == Occurrence.event_id,
            Outcome.occurrence_start == Occurrence.original_start,
        ),
    )


def managed_events(unit_ids: set[int], filters: EventFilter) -> Select:
    """The units' events matching the filters, latest first, with what the list shows."""
    query = (
        select(Event)
        .where(Event.unit_id.in_(unit_ids or {-1}))
        .options(selectinload(Event.venue), selectinload(Event.unit))
        .order_by(Event.starts_at.desc(), Event.id.desc())
    )
    if filters.status:
        query = query.where(Event.status == filters.status)
    if filters.kind:
        query = query.where(Event.kind == filters.kind)
    if filters.venue_id:
        query = query.where(Event.venue_id == filters.venue_id)
    if filters.date_from or filters.date_to:
        query = query.where(_dates_within(filters.date_from, filters.date_to))
    if filters.needs_outcome:
        query = query.where(Event.status != EventStatus.CANCELLED, _held_without_outcome())
    return query


def _dates_within(date_from: date | None, date_to: date | None):
    """Events with a date (of any occurrence) inside the local day range."""
    conditions = [Occurrence.event_id == Event.id]
    if date_from:
        conditions.append(Occurrence.ends_at > local_day_bounds(date_from)[0])
    if date_to:
        conditions.append(Occurrence.starts_at < local_day_bounds(date_to)[1])
    return exists().where(and_(*conditions))


@dataclass(frozen=True)
class ListFigures:
    """What the organiser's list says of an event: seats taken and people waiting on its
    coming dates, and held dates whose outcome is not yet recorded."""

    taken: int = 0
    waiting: int = 0
    outcomes_due: int = 0


def list_figures(event_ids: list[int], now) -> dict[int, ListFigures]:
    """The figures for a page of events, in two queries whatever the page holds."""
    if not event_ids:
        return {}
    live = attendance().coming_counts(event_ids, now)
    due = dict(
        db.session.execute(
            select(Occurrence.event_id, func.count(Occurrence.id))
            .where(
                Occurrence.event_id.in_(event_ids),
                Occurrence.ends_at < now,
                Occurrence.is_cancelled == false(),
                ~exists().where(
                    Outcome.event_id == Occurrence.event_id,
                    Outcome.occurrence_start == Occurrence.original_start,
                ),
            )
            .group_by(Occurrence.event_id)
        ).all()
    )
    return {
        event_id: ListFigures(*live.get(event_id, (0, 0)), due.get(event_id, 0))
        for event_id in event_ids
    }


def event_for_management(event_id: int) -> Select:
    """One event with everything its management page shows."""
    return (
        select(Event)
        .where(Event.id == event_id)
        .options(
            selectinload(Event.venue),
            selectinload(Event.organiser),
            selectinload(Event.partners).selectinload(EventPartner.organisation),
            selectinload(Event.focus_areas),
            selectinload(Event.questions),
            selectinload(Event.changes),
            selectinload(Event.occurrences).selectinload(Occurrence.venue),
        )
    )


def outcomes_of(event_id: int) -> Select:
    """The event's outcomes, with the partners who took part."""
    return (
        select(Outcome)
        .where(Outcome.event_id == event_id)
        .options(selectinload(Outcome.partners))
        .order_by(Outcome.occurrence_start)
    )


def dates_in_use(event_id: int) -> set:
    """Original starts that outcomes or people (the attendance) point at; they must not vanish."""
    outcomes = select(Outcome.occurrence_start).where(Outcome.event_id == event_id)
    return set(db.session.scalars(outcomes)) | attendance().held_dates(event_id)


def other_slots(slots: list[Slot], event_id: int | None) -> list[Slot]:
    """Other events' dates at our venues around our dates, in one query."""
    venues = {slot.venue_id for slot in slots if slot.venue_id}
    if not venues:
        return []
    # One query over the bounding window; the pure pairing keeps the real overlaps.
    first = min(s.starts_at for s in slots)
    last = max(s.ends_at for s in slots)
    query = (
        select(Occurrence, Event.title)
        .join(Event, Event.id == Occurrence.event_id)
        .where(
            Occurrence.venue_id.in_(venues),
            Occurrence.is_cancelled == false(),
            Event.status != EventStatus.CANCELLED,
            Occurrence.starts_at < last,
            Occurrence.ends_at > first,
        )
    )
    if event_id is not None:
        query = query.where(Occurrence.event_id != event_id)
    return [
        Slot(o.starts_at, o.ends_at, o.venue_id, o.event_id, title)
        for o, title in db.session.execute(query)
    ]


def as_slots(occurrences: list[Occurrence]) -> list[Slot]:
    """An event's own dates (not cancelled) as slots for the warnings."""
    return [
        Slot(o.starts_at, o.ends_at, o.venue_id, o.event_id)
        for o in occurrences
        if not o.is_cancelled
    ]
