"""The mails a registration sends: confirmation, place from the queue, cancellation, and
the notices about a cancelled or moved date."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import render_template
from flask_babel import gettext as _

from app.core import formatting
from app.core.urls import external_url
from app.db import utcnow
from app.events.attendance import NEW_TIME, Change, Was
from app.events.models import Event, Occurrence
from app.mailing import services as mailing
from app.registrations.ical import CalendarEntry, single_event_ics
from app.registrations.models import Registration, RegistrationStatus
from app.registrations.services import live_registrations, occurrence_of, waiting_position

logger = logging.getLogger(__name__)


def calendar_entry(occurrence: Occurrence) -> CalendarEntry:
    """The attachment's view of one date."""
    event = occurrence.event
    venue = occurrence.venue
    location = ", ".join(part for part in (venue.name, venue.address) if part) if venue else ""
    local = formatting.to_local if event.all_day else (lambda value: value)
    return CalendarEntry(
        uid=event.uid,
        title=event.title,
        starts_at=local(occurrence.starts_at),
        ends_at=local(occurrence.ends_at),
        description=event.description,
        location=location,
        url=external_url("events.show_event", event_id=event.id),
        sequence=event.sequence,
        recurrence_id=occurrence.original_start if event.is_series else None,
        all_day=event.all_day,
    )


@dataclass(frozen=True)
class Letter:
    """A message composed inside the transaction and queued in it (see `queue`)."""

    to: str
    subject: str
    body: str
    attachments: tuple = ()
    #: The unit whose event it concerns, whose staff see it if it cannot be sent.
    unit_id: int | None = None


def _compose(
    registration: Registration,
    occurrence: Occurrence,
    template: str,
    subject: str,
    token: str = "",
    **extra,
) -> Letter:
    """The message about `registration`; a confirmed place carries the date as .ics."""
    link = external_url("registrations.cancel", token=token) if token else ""
    body = render_template(
        template,
        registration=registration,
        occurrence=occurrence,
        event=occurrence.event,
        cancel_url=link,
        contact=contact_of(occurrence.event),
        **extra,
    )
    attachments = ()
    if registration.status == RegistrationStatus.CONFIRMED:
        ics = single_event_ics(calendar_entry(occurrence))
        attachments = (("evenemang.ics", "text/calendar", ics),)
    return Letter(registration.email, subject, body, attachments, occurrence.event.unit_id)


def queue(letters: list[Letter]) -> list:
    """Queue the letters in the current transaction; the view commits, then `send_now`."""
    return [
        mailing.queue(
            letter.to, letter.subject, letter.body, letter.attachments, unit_id=letter.unit_id
        )
        for letter in letters
        if letter.to  # an address removed by retention: nobody to tell
    ]


def confirmation(registration: Registration, occurrence: Occurrence, token: str) -> Letter:
    """The receipt: a place (with the .ics) or a place in the queue, and the cancel link."""
    if registration.status == RegistrationStatus.WAITING:
        subject = _("Du står på väntelistan: %(title)s", title=occurrence.event.title)
        return _compose(
            registration,
            occurrence,
            "registrations/mail_waiting.txt",
            subject,
            token,
            position=waiting_position(registration),
        )
    subject = _("Anmälan bekräftad: %(title)s", title=occurrence.event.title)
    return _compose(registration, occurrence, "registrations/mail_confirmed.txt", subject, token)


def promotion(registration: Registration, occurrence: Occurrence) -> Letter:
    """Tell someone from the queue that they now have a place."""
    subject = _("Du har fått en plats: %(title)s", title=occurrence.event.title)
    return _compose(
        registration,
        occurrence,
        "registrations/mail_promoted.txt",
        subject,
        registration.fresh_token,
    )


def contact_of(event: Event) -> str:
    """Whom to ask about the event: the unit with its e-mail and phone as far as known."""
    ways = event.unit.contact_ways
    return f"{event.unit.name} ({ways})" if ways else event.unit.name


def cancelled(registration: Registration, occurrence: Occurrence) -> Letter:
    """Tell someone that the organiser cancelled their registration."""
    subject = _("Din anmälan är avbokad: %(title)s", title=occurrence.event.title)
    return _compose(registration, occurrence, "registrations/mail_cancelled.txt", subject)


def edit_notices(event: Event, before: dict) -> list[Letter]:
    """Letters about the dates whose time or place an edit of the whole event changed."""
    after = {o.original_start: o for o in event.occurrences}
    changed = {
        start: was
        for start, was in before.items()
        if start in after
        and (after[start].starts_at, after[start].ends_at, after[start].venue)
        != (was.starts_at, was.ends_at, was.venue)
    }
    return [
        _change_letter(
            registration,
            after[registration.occurrence_start],
            Change.EVENT_CHANGED,
            "",
            changed[registration.occurrence_start],
        )
        for registration in live_registrations(event.id, changed)
    ]


def change_notices(event: Event, change: Change, reason: str, starts=None) -> list[Letter]:
    """Letters to everyone confirmed or waiting on the changed dates, saying what and why.

    `starts` are the original starts of the dates concerned; without them, every date
    of the event that has not yet ended and was not already cancelled on its own.
    """
    occurrences = {o.original_start: o for o in event.occurrences}
    if starts is None:
        now = utcnow()
        starts = [s for s, o in occurrences.items() if o.ends_at > now and not o.is_cancelled]
    return [
        _change_letter(registration, occurrences[registration.occurrence_start], change, reason)
        for registration in live_registrations(event.id, starts)
    ]


def _change_letter(
    registration: Registration,
    occurrence: Occurrence,
    change: Change,
    reason: str,
    was: Was | None = None,
) -> Letter:
    event = occurrence.event
    if was is None:  # a single date moved: it was where and when the rule put it
        duration = event.ends_at - event.starts_at
        was = Was(occurrence.original_start, occurrence.original_start + duration, event.venue)
    if change in NEW_TIME:
        subject = _("Ändrad tid eller plats: %(title)s", title=event.title)
    else:
        subject = _("Inställt: %(title)s", title=event.title)
    body = render_template(
        "registrations/mail_changed.txt",
        contact=contact_of(event),
        change=change.value,
        reason=reason,
        registration=registration,
        occurrence=occurrence,
        event=event,
        was=was,
    )
    attachments = ()
    if change in NEW_TIME and registration.status == RegistrationStatus.CONFIRMED:
        # The new time as an update of the copy the confirmation put in their calendar.
        ics = single_event_ics(calendar_entry(occurrence))
        attachments = (("evenemang.ics", "text/calendar", ics),)
    return Letter(registration.email, subject, body, attachments, event.unit_id)


def promotions(people: list[Registration]) -> list[Letter]:
    """A place-from-the-queue letter to each promoted person."""
    return [promotion(person, occurrence_of(person)) for person in people]
