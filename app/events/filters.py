"""The public event list's filter form (GET, no CSRF) and the Swedish labels it shows."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField
from wtforms.validators import ValidationError

from app.core import window
from app.core.forms import BaseForm
from app.events.labels import KIND_LABELS
from app.events.models import EventKind

DATE_MESSAGE = _l("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2022-12-09.")
OUTSIDE_WINDOW = _l("Datumet måste ligga mellan år 1900 och 2200.")


def read_day(value: str | None) -> date | None:
    """A YYYY-MM-DD string as a date, whatever its year, or None."""
    text = (value or "").strip()
    if len(text) != 10:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_day(value: str | None) -> date | None:
    """A YYYY-MM-DD string as a date inside Torget's window, or None."""
    day = read_day(value)
    return day if window.contains(day) else None


def day_error(value: str | None):
    """Why a filter date is refused: its form, or the window (None when it is fine)."""
    day = read_day(value)
    if day is None:
        return DATE_MESSAGE
    return None if window.contains(day) else OUTSIDE_WINDOW


class EventFilterForm(BaseForm):
    """Filters read from the query string; an invalid one is reported and ignored."""

    class Meta:
        csrf = False

    from_ = StringField(_l("Från och med"), name="from", description=_l("ÅÅÅÅ-MM-DD"))
    to = StringField(_l("Till och med"), description=_l("ÅÅÅÅ-MM-DD"))
    kind = SelectField(_l("Typ"), validate_choice=False)
    venue = SelectField(_l("Plats"), validate_choice=False)
    unit = SelectField(_l("Arrangerande enhet"), validate_choice=False)

    def __init__(self, *args, venues=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = ("", _l("Alla"))
        self.kind.choices = [everything] + [(k.value, KIND_LABELS[k]) for k in EventKind]
        self.venue.choices = [everything] + [(v.slug, v.name) for v in venues]
        self.unit.choices = [everything] + [(u.slug, u.short_name) for u in units]

    def validate_from_(self, field):
        if field.data and day_error(field.data):
            raise ValidationError(day_error(field.data))

    def validate_to(self, field):
        if field.data and day_error(field.data):
            raise ValidationError(day_error(field.data))
        start, stop = parse_day(self.from_.data), parse_day(field.data)
        if start and stop and stop < start:
            raise ValidationError(_l("Slutdatumet ligger före startdatumet."))

    def validate_kind(self, field):
        if field.data and field.data not in {k.value for k in EventKind}:
            raise ValidationError(_l("Välj en av typerna i listan."))

    def validate_venue(self, field):
        if field.data and field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Det finns ingen plats med den adressen."))

    def validate_unit(self, field):
        if field.data and field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Det finns ingen enhet med den adressen."))

    def valid_value(self, name: str) -> str:
        """The field's value, or "" when it had an error (the filter is then ignored)."""
        field = self[name]
        return "" if field.errors else (field.data or "")
