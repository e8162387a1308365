"""Form fields every feature shares: a value that cannot be read gets a message in the reader's
language beside the field, never a crash."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.core import swedish, window


def to_int(value) -> int:
    """A select's value as an int; anything else becomes -1, which no choice has."""
    if isinstance(value, int):
        return value
    text = str(value or "0").strip()
    return int(text) if text.isdigit() and len(text) < 10 else -1


#: The one message for a date outside Torget's window (`app.core.window`).
OUTSIDE_WINDOW = _l("Datumet måste ligga mellan år 1900 och 2200.")


class SwedishDateField(DateField):
    """A date input whose parse error is in Swedish, refusing dates outside the window."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError(_l("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2022-12-09.")) from None
        if self.data is not None and not window.contains(self.data):
            self.data = None
            raise ValueError(OUTSIDE_WINDOW)


class SwedishTimeField(TimeField):
    """A time input whose parse error is in Swedish."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError(_l("Skriv tiden som TT:MM, till exempel 09:00.")) from None


class SwedishIntegerField(IntegerField):
    """A whole-number input whose parse error is in Swedish."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError(_l("Skriv ett heltal.")) from None


def between(low: int, high: int, message):
    """A range check that stays quiet when the value could not be read at all."""

    def check(form, field):
        if field.data is not None and not low <= field.data <= high:
            raise ValidationError(message)

    return check


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes for a multiple choice; unknown values get a Swedish message."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        known = {value for value, _label in self.choices or ()}
        if any(value not in known for value in self.data or ()):
            raise ValidationError(_l("Välj bland alternativen i listan."))


class ChoiceField(SelectField):
    """A select of database ids; an unknown id gets a Swedish message, never a crash."""

    def __init__(self, *args, message=None, **kwargs):
        kwargs.setdefault("coerce", to_int)
        super().__init__(*args, **kwargs)
        self.message = message or _l("Välj ett alternativ i listan.")

    def pre_validate(self, form):
        if self.data not in {value for value, _label in self.choices or ()}:
            raise ValidationError(self.message)


def text(label, max_length: int = 200, required: bool = False, **kwargs):
    """A text field with a Swedish length message."""
    validators = [InputRequired(_l("Fyll i fältet."))] if required else [Optional()]
    message = _l("Högst %(max)d tecken.", max=max_length)
    validators.append(Length(max=max_length, message=message))
    field_class = TextAreaField if max_length > 300 else StringField
    return field_class(label, validators=validators, **kwargs)


def checked(normalise, value):
    """`normalise(value)` from `app.core.swedish`; a value it cannot read becomes the field's
    message in the reader's language."""
    try:
        return normalise(value)
    except swedish.InvalidValue as error:
        raise ValidationError(_l(str(error))) from error
