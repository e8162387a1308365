"""The mails a registration sends: confirmation, place from the queue, cancellation."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import render_template, url_for
from flask_babel import gettext as _

from app.core import formatting
from app.core.mail import send_mail
from app.events.models import Occurrence, Registration, RegistrationStatus
from app.registrations.ical import CalendarEntry, single_event_ics

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
        url=url_for("events.show_event", event_id=event.id, _external=True),
        sequence=event.sequence,
        recurrence_id=occurrence.original_start if event.is_series else None,
        all_day=event.all_day,
    )


@dataclass(frozen=True)
class Letter:
    """A message composed inside the transaction and sent after it has committed."""

    to: str
    subject: str
    body: str
    attachments: tuple = ()


def _compose(
    registration: Registration, occurrence: Occurrence, template: str, subject: str, token: str = ""
) -> Letter:
    """The message about `registration`; a confirmed place carries the date as .ics."""
    link = url_for("registrations.cancel", token=token, _external=True) if token else ""
    body = render_template(
        template,
        registration=registration,
        occurrence=occurrence,
        event=occurrence.event,
        cancel_url=link,
    )
    attachments = ()
    if registration.status == RegistrationStatus.CONFIRMED:
        ics = single_event_ics(calendar_entry(occurrence))
        attachments = (("evenemang.ics", "text/calendar", ics),)
    return Letter(registration.email, subject, body, attachments)


def deliver(letters: list[Letter]) -> bool:
    """Send each letter; False (and logged) when any could not be sent."""
    sent = True
    for letter in letters:
        try:
            send_mail(letter.to, letter.subject, letter.body, list(letter.attachments))
        except Exception:  # noqa: BLE001 - the change is stored; say so rather than fail
            logger.exception("could not mail %s: %s", letter.to, letter.subject)
            sent = False
    return sent


def confirmation(registration: Registration, occurrence: Occurrence, token: str) -> Letter:
    """The receipt: a place (with the .ics) or a place in the queue, and the cancel link."""
    if registration.status == RegistrationStatus.WAITING:
        subject = _("Du står på väntelistan: %(title)s", title=occurrence.event.title)
        return _compose(registration, occurrence, "registrations/mail_waiting.txt", subject, token)
    subject = _("Anmälan bekräftad: %(title)s", title=occurrence.event.title)
    return _compose(registration, occurrence, "registrations/mail_confirmed.txt", subject, token)


def promotion(registration: Registration, occurrence: Occurrence) -> Letter:
    """Tell someone from the queue that they now have a place."""
    subject = _("Du har fått en plats: %(title)s", title=occurrence.event.title)
    return _compose(registration, occurrence, "registrations/mail_promoted.txt", subject)


def cancelled(registration: Registration, occurrence: Occurrence) -> Letter:
    """Tell someone that the organiser cancelled their registration."""
    subject = _("Din anmälan är avbokad: %(title)s", title=occurrence.event.title)
    return _compose(registration, occurrence, "registrations/mail_cancelled.txt", subject)
