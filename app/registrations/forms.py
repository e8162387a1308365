"""The public registration form and the organiser's attendance form."""

from __future__ import annotations

from datetime import UTC, datetime

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, SelectField, StringField
from wtforms.validators import Email, InputRequired, Length, Optional, ValidationError

from app.core.forms import BaseForm
from app.core.swedish import STOCKHOLM


def parse_start(value: str | None) -> datetime | None:
    """An ISO date-time as an aware UTC datetime (naive means Stockholm time), or None."""
    text = (value or "").strip()
    if not 10 <= len(text) <= 40:
        return None
    try:
        moment = datetime.fromisoformat(text)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=STOCKHOLM)
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):  # not a date-time, or beyond year 1 or 9999 in UTC
        return None


def no_control_characters(form, field):
    """Refuse NUL and other control characters a person cannot type."""
    if field.data and any(ord(c) < 32 for c in field.data):
        raise ValidationError(_l("Fältet innehåller otillåtna tecken."))


class RegistrationForm(BaseForm):
    name = StringField(
        _l("Namn"),
        validators=[
            InputRequired(_l("Fyll i ditt namn.")),
            Length(max=200, message=_l("Namnet får vara högst 200 tecken.")),
            no_control_characters,
        ],
    )
    email = EmailField(
        _l("E-post"),
        description=_l("Hit skickar vi bekräftelsen och länken för att avboka."),
        validators=[
            InputRequired(_l("Fyll i din e-postadress.")),
            Length(max=254, message=_l("E-postadressen får vara högst 254 tecken.")),
            Email(_l("Skriv en giltig e-postadress, till exempel namn@example.org.")),
        ],
    )
    organisation = StringField(
        _l("Företag eller organisation"),
        description=_l("Frivilligt."),
        validators=[
            Optional(),
            Length(max=200, message=_l("Högst 200 tecken.")),
            no_control_characters,
        ],
    )
    date = SelectField(_l("Datum"), validate_choice=False)
    #: A honeypot: hidden from people and screen readers; bots fill it in.
    website = StringField(_l("Lämna tomt"), validators=[Optional(), Length(max=200)])

    def validate_date(self, field):
        if not field.data and len(field.choices) == 1:
            field.data = field.choices[0][0]  # a one-off event has only one date
        if not field.data:
            raise ValidationError(_l("Välj ett datum."))
        if parse_start(field.data) is None:
            raise ValidationError(_l("Datumet gick inte att tolka. Välj ett datum i listan."))

    @property
    def start(self) -> datetime | None:
        return parse_start(self.date.data)


class AttendanceForm(BaseForm):
    attended = BooleanField(_l("Deltog"))
