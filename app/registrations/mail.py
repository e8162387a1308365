"""The mails a registration sends: confirmation, place from the queue, cancellation."""

from __future__ import annotations

import logging

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


def _send(
    registration: Registration, occurrence: Occurrence, template: str, subject: str, token: str = ""
) -> bool:
    """Send one message about `registration`; False (and logged) when sending failed."""
    link = url_for("registrations.cancel", token=token, _external=True) if token else ""
    body = render_template(
        template,
        registration=registration,
        occurrence=occurrence,
        event=occurrence.event,
        cancel_url=link,
    )
    attachments = []
    if registration.status == RegistrationStatus.CONFIRMED:
        attachments.append(
            ("evenemang.ics", "text/calendar", single_event_ics(calendar_entry(occurrence)))
        )
    try:
        send_mail(registration.email, subject, body, attachments)
    except Exception:  # noqa: BLE001 - the registration is stored; say so rather than fail
        logger.exception("could not mail registration %s", registration.id)
        return False
    return True


def send_confirmation(registration: Registration, occurrence: Occurrence, token: str) -> bool:
    """The receipt: a place (with the .ics) or a place in the queue, and the cancel link."""
    if registration.status == RegistrationStatus.WAITING:
        subject = _("Du står på väntelistan: %(title)s", title=occurrence.event.title)
        return _send(registration, occurrence, "registrations/mail_waiting.txt", subject, token)
    subject = _("Anmälan bekräftad: %(title)s", title=occurrence.event.title)
    return _send(registration, occurrence, "registrations/mail_confirmed.txt", subject, token)


def send_promotion(registration: Registration, occurrence: Occurrence) -> bool:
    """Tell someone from the queue that they now have a place."""
    subject = _("Du har fått en plats: %(title)s", title=occurrence.event.title)
    return _send(registration, occurrence, "registrations/mail_promoted.txt", subject)


def send_cancelled(registration: Registration, occurrence: Occurrence) -> bool:
    """Tell someone that the organiser cancelled their registration."""
    subject = _("Din anmälan är avbokad: %(title)s", title=occurrence.event.title)
    return _send(registration, occurrence, "registrations/mail_cancelled.txt", subject)
