"""What the event page shows about registration: open dates, places left, the form."""

from __future__ import annotations

from datetime import datetime

from flask_babel import get_locale
from flask_babel import gettext as _

from app.core import formatting
from app.db import utcnow
from app.events.models import Event
from app.extensions import db
from app.registrations import services
from app.registrations.forms import RegistrationForm
from app.registrations.models import RegistrationStatus
from app.registrations.queries import registration_counts


def date_rows(event: Event) -> list[dict]:
    """Each date still open for registration, with its confirmed count and whether it is full."""
    counts: dict[tuple[datetime, str], int] = {}
    for start, status, number in db.session.execute(registration_counts(event.id)):
        counts[(start, status)] = number
    now = utcnow()
    rows = []
    for occurrence in event.occurrences:
        if not services.is_open_date(occurrence, now):
            continue
        confirmed = counts.get((occurrence.original_start, RegistrationStatus.CONFIRMED), 0)
        full = services.is_full(event, confirmed)
        rows.append(
            {
                "occurrence": occurrence,
                "value": occurrence.original_start.isoformat(),
                "confirmed": confirmed,
                "left": None if event.capacity is None else max(event.capacity - confirmed, 0),
                "full": full,
                "selectable": not full or event.waiting_list,
            }
        )
    return rows


def registration_form(event: Event, rows: list[dict], formdata=None) -> RegistrationForm:
    """The form with the selectable dates as choices (a full date says "väntelista")."""
    form = RegistrationForm(formdata=formdata) if formdata is not None else RegistrationForm()
    locale = str(get_locale() or "sv")
    form.date.choices = [
        (row["value"], _date_label(event, row, locale)) for row in rows if row["selectable"]
    ]
    return form


def _date_label(event: Event, row: dict, locale: str) -> str:
    occurrence = row["occurrence"]
    label = formatting.when(occurrence.starts_at, occurrence.ends_at, event.all_day, locale)
    if row["full"]:
        return _("%(when)s – fullbokat, du hamnar på väntelistan", when=label)
    return label


def registration_context(event: Event, form: RegistrationForm | None = None) -> dict:
    """What the event page needs to show the registration form, or why it is closed."""
    is_open = services.is_open(event)
    rows = date_rows(event) if event.registration_enabled else []
    if form is None and is_open:
        form = registration_form(event, rows)
    selectable = [row for row in rows if row["selectable"]]
    return {
        "registration_enabled": event.registration_enabled,
        "registration_open": is_open and bool(selectable),
        "date_rows": rows,
        "registration_form": form,
    }
