"""Registering for a date, cancelling, promoting from the waiting list, attendance.

Capacity is checked and the row inserted in one transaction while the event row is
locked (`SELECT ... FOR UPDATE` on PostgreSQL; SQLite's BEGIN IMMEDIATE already lets
one writer in at a time), so parallel registrations never exceed the capacity and
none is lost. Services flush and never commit; mail is sent by the caller after commit.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import SimpleNamespace

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.audit.services import record
from app.db import utcnow
from app.events.models import Event, EventStatus, Occurrence
from app.extensions import db
from app.registrations.models import Registration, RegistrationStatus

#: The error's "field" when the whole registration is closed rather than one field wrong.
CLOSED = "closed"


class RegistrationError(Exception):
    """A broken rule; `field` names the form field the Swedish message belongs beside."""

    def __init__(self, message, field: str = "date"):
        super().__init__(str(message))
        self.message = message
        self.field = field


@dataclass
class Outcome:
    """What a change did: the registration, its new secret link, and anyone promoted.

    `again` is true when the address was already registered for the date: nothing new was
    taken, and `token` is a fresh link to the existing registration.
    """

    registration: Registration
    token: str = ""
    promoted: list[Registration] = field(default_factory=list)
    again: bool = False


def hash_token(token: str) -> str:
    """The SHA-256 hex digest stored instead of the secret."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def is_open(event: Event, now: datetime | None = None) -> bool:
    """The event takes registrations now (published, enabled, not closed)."""
    now = now or utcnow()
    return (
        event.status == EventStatus.PUBLISHED
        and event.registration_enabled
        and (event.registration_closes_at is None or event.registration_closes_at > now)
    )


def is_open_date(occurrence: Occurrence, now: datetime | None = None) -> bool:
    """A date one may still register for: not cancelled and not yet started."""
    return not occurrence.is_cancelled and occurrence.starts_at > (now or utcnow())


def lock_event(event: Event) -> None:
    """Hold the event row until commit so capacity checks run one at a time."""
    db.session.execute(select(Event.id).where(Event.id == event.id).with_for_update())


def confirmed_count(event_id: int, start: datetime) -> int:
    """How many confirmed places the date has."""
    return db.session.scalar(
        select(func.count())
        .select_from(Registration)
        .where(
            Registration.event_id == event_id,
            Registration.occurrence_start == start,
            Registration.status == RegistrationStatus.CONFIRMED,
        )
    )


def is_full(event: Event, confirmed: int) -> bool:
    """No place left for one more confirmed registration."""
    return event.capacity is not None and confirmed >= event.capacity


def find_date(event: Event, start: datetime) -> Occurrence:
    """The event's date with original start `start`, checked open; raises RegistrationError."""
    occurrence = db.session.scalar(
        select(Occurrence).where(
            Occurrence.event_id == event.id, Occurrence.original_start == start
        )
    )
    if occurrence is None:
        raise RegistrationError(_l("Datumet ingår inte i evenemanget. Välj ett av datumen."))
    if occurrence.is_cancelled:
        raise RegistrationError(_l("Det datumet är inställt. Välj ett annat datum."))
    if not is_open_date(occurrence):
        raise RegistrationError(_l("Det datumet har redan varit. Välj ett kommande datum."))
    return occurrence


def register(
    event: Event, start: datetime, name: str, email: str, organisation: str = ""
) -> Outcome:
    """Register a person for one date: a place, a place in the queue, or an error.

    The address is kept in lower case, so one person is one address whatever they type.
    """
    email = email.strip().lower()
    lock_event(event)
    db.session.refresh(event)
    if not is_open(event):
        raise RegistrationError(_l("Anmälan till evenemanget är stängd."), field=CLOSED)
    find_date(event, start)
    existing = live_registration_of(event.id, start, email)
    if existing is not None:
        return _repeated(existing)
    status = RegistrationStatus.CONFIRMED
    if is_full(event, confirmed_count(event.id, start)):
        if not event.waiting_list:
            raise RegistrationError(_l("Datumet är fullbokat och det finns ingen väntelista."))
        status = RegistrationStatus.WAITING
    token = secrets.token_urlsafe(32)
    registration = Registration(
        event_id=event.id,
        occurrence_start=start,
        name=name,
        email=email,
        organisation=organisation,
        status=status,
        cancel_token_hash=hash_token(token),
    )
    db.session.add(registration)
    db.session.flush()
    record(None, "registration.create", registration, unit_id=event.unit_id, status=status.value)
    return Outcome(registration, token)


def _repeated(existing: Registration) -> Outcome:
    """The same person twice: no second seat and no second row. The link to cancel is sent
    again (a new secret; the old link stops working)."""
    token = secrets.token_urlsafe(32)
    existing.cancel_token_hash = hash_token(token)
    db.session.flush()
    record(None, "registration.repeated", existing, unit_id=existing.event.unit_id)
    return Outcome(existing, token, again=True)


def live_registration_of(event_id: int, start: datetime, email: str) -> Registration | None:
    """The address's confirmed or waiting registration for the date."""
    return db.session.scalar(
        select(Registration).where(
            Registration.event_id == event_id,
            Registration.occurrence_start == start,
            Registration.email == email.strip().lower(),
            Registration.status != RegistrationStatus.CANCELLED,
        )
    )


def waiting_position(registration: Registration) -> int:
    """The registration's place in its date's queue, 1 for the first in line."""
    return db.session.scalar(
        select(func.count(Registration.id)).where(
            Registration.event_id == registration.event_id,
            Registration.occurrence_start == registration.occurrence_start,
            Registration.status == RegistrationStatus.WAITING,
            (Registration.created_at < registration.created_at)
            | (
                (Registration.created_at == registration.created_at)
                & (Registration.id <= registration.id)
            ),
        )
    )


def by_token(token: str) -> Registration | None:
    """The registration whose cancel link carries `token`."""
    if not token or len(token) > 200:
        return None
    return db.session.scalar(
        select(Registration).where(Registration.cancel_token_hash == hash_token(token))
    )


def cancel(actor, registration: Registration) -> Outcome:
    """Cancel a registration; a freed place goes to the first person waiting."""
    event = registration.event
    lock_event(event)
    db.session.refresh(registration)
    if registration.status == RegistrationStatus.CANCELLED:
        raise RegistrationError(_l("Anmälan är redan avbokad."))
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = utcnow()
    db.session.flush()
    record(actor, "registration.cancel", registration, unit_id=event.unit_id)
    promoted = promote_waiting(event, registration.occurrence_start, actor) if was_confirmed else []
    return Outcome(registration, promoted=promoted)


def promote_waiting(event: Event, start: datetime, actor=None) -> list[Registration]:
    """Move people from the queue to free places, first come first served."""
    if event.status == EventStatus.CANCELLED or is_cancelled_date(event.id, start):
        return []  # a cancelled event or date has no places to give
    free = None if event.capacity is None else event.capacity - confirmed_count(event.id, start)
    waiting = select(Registration).where(
        Registration.event_id == event.id,
        Registration.occurrence_start == start,
        Registration.status == RegistrationStatus.WAITING,
    )
    waiting = waiting.order_by(Registration.created_at, Registration.id)
    if free is not None:
        waiting = waiting.limit(max(free, 0))
    promoted = list(db.session.scalars(waiting))
    for person in promoted:
        person.status = RegistrationStatus.CONFIRMED
        person.promoted_at = utcnow()
        # The place's mail carries a new cancel link (the queue's link stops working).
        person.fresh_token = secrets.token_urlsafe(32)
        person.cancel_token_hash = hash_token(person.fresh_token)
        record(actor, "registration.promote", person, unit_id=event.unit_id)
    db.session.flush()
    return promoted


def is_cancelled_date(event_id: int, start: datetime) -> bool:
    """True when the date with original start `start` has been cancelled on its own."""
    return bool(
        db.session.scalar(
            select(Occurrence.is_cancelled).where(
                Occurrence.event_id == event_id, Occurrence.original_start == start
            )
        )
    )


def promote_to_capacity(actor, event: Event) -> list[Registration]:
    """After a capacity rise: fill each coming date's free places from its queue, oldest first."""
    lock_event(event)
    now = utcnow()
    open_starts = {o.original_start for o in event.occurrences if is_open_date(o, now)}
    queued = db.session.scalars(
        select(Registration.occurrence_start)
        .where(
            Registration.event_id == event.id,
            Registration.status == RegistrationStatus.WAITING,
        )
        .distinct()
    )
    promoted: list[Registration] = []
    for start in sorted(set(queued) & open_starts):
        promoted += promote_waiting(event, start, actor)
    return promoted


#: The registrations a change to their date concerns: everyone with a place or in the queue.
LIVE = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)


def live_registrations(event_id: int, starts) -> list[Registration]:
    """Confirmed and waiting registrations for the dates with these original starts."""
    starts = list(starts)
    if not starts:
        return []
    return list(
        db.session.scalars(
            select(Registration)
            .where(
                Registration.event_id == event_id,
                Registration.occurrence_start.in_(starts),
                Registration.status.in_(LIVE),
            )
            .order_by(Registration.occurrence_start, Registration.created_at, Registration.id)
        )
    )


def set_attended(actor, registration: Registration, attended: bool) -> None:
    """Mark whether the person came."""
    registration.attended = attended
    db.session.flush()
    record(
        actor,
        "registration.attendance",
        registration,
        unit_id=registration.event.unit_id,
        attended=attended,
    )


def occurrence_of(registration: Registration):
    """The registration's date; a stand-in when the series no longer has that date."""
    occurrence = db.session.scalar(
        select(Occurrence).where(
            Occurrence.event_id == registration.event_id,
            Occurrence.original_start == registration.occurrence_start,
        )
    )
    if occurrence is not None:
        return occurrence
    event = registration.event
    return SimpleNamespace(
        event=event,
        original_start=registration.occurrence_start,
        starts_at=registration.occurrence_start,
        ends_at=registration.occurrence_start + (event.ends_at - event.starts_at),
        venue=event.venue,
        is_cancelled=True,
        reason="",
    )


#: The privacy notice promises that names and e-mail addresses go 12 months after the date.
KEEP_AFTER_DATE = timedelta(days=365)


def due_for_retention(now: datetime):
    """Registrations for dates more than 12 months ago that still hold personal data."""
    return select(Registration).where(
        Registration.occurrence_start < now - KEEP_AFTER_DATE, Registration.email != ""
    )


def apply_retention(registrations: list[Registration]) -> int:
    """Remove name, e-mail and organisation; status and attendance stay for the counts."""
    for registration in registrations:
        registration.name = ""
        registration.email = ""
        registration.organisation = ""
    if registrations:
        record(None, "registration.retention", count=len(registrations))
    db.session.flush()
    return len(registrations)
