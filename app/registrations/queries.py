"""Named queries over registrations: counts per date and per event, and the dates held."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, func, select

from app.events.models import Occurrence
from app.extensions import db
from app.registrations.models import Registration, RegistrationStatus


def registration_counts(event_id: int) -> Select:
    """Rows of (original start, status, count) for an event's registrations."""
    return (
        select(Registration.occurrence_start, Registration.status, func.count())
        .where(Registration.event_id == event_id)
        .where(Registration.status != RegistrationStatus.CANCELLED)
        .group_by(Registration.occurrence_start, Registration.status)
    )


def most_confirmed(event_id: int) -> int:
    """The largest number of confirmed registrations on any one date of the event."""
    per_date = (
        select(func.count().label("n"))
        .where(
            Registration.event_id == event_id,
            Registration.status == RegistrationStatus.CONFIRMED,
        )
        .group_by(Registration.occurrence_start)
        .subquery()
    )
    return db.session.scalar(select(func.coalesce(func.max(per_date.c.n), 0)))


def held_dates(event_id: int) -> set[datetime]:
    """Original starts that live (confirmed or waiting) registrations point at."""
    return set(
        db.session.scalars(
            select(Registration.occurrence_start)
            .where(
                Registration.event_id == event_id,
                Registration.status != RegistrationStatus.CANCELLED,
            )
            .distinct()
        )
    )


def coming_counts(event_ids: list[int], now: datetime) -> dict[int, tuple[int, int]]:
    """Per event: (confirmed, waiting) on its dates not yet ended, in one query."""
    if not event_ids:
        return {}
    rows = db.session.execute(
        select(Registration.event_id, Registration.status, func.count(Registration.id))
        .join(
            Occurrence,
            (Occurrence.event_id == Registration.event_id)
            & (Occurrence.original_start == Registration.occurrence_start),
        )
        .where(
            Registration.event_id.in_(event_ids),
            Registration.status != RegistrationStatus.CANCELLED,
            Occurrence.ends_at > now,
        )
        .group_by(Registration.event_id, Registration.status)
    ).all()
    counts = {(event_id, str(status)): n for event_id, status, n in rows}
    return {
        event_id: (
            counts.get((event_id, RegistrationStatus.CONFIRMED.value), 0),
            counts.get((event_id, RegistrationStatus.WAITING.value), 0),
        )
        for event_id in event_ids
    }
