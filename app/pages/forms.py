"""The accessibility problem report form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, StringField, TextAreaField
from wtforms.validators import Email, InputRequired, Length, Optional

from app.core.forms import BaseForm


class AccessibilityReportForm(BaseForm):
    page = StringField(
        _l("Vilken sida gäller det?"),
        description=_l("Adressen eller namnet på sidan. Frivilligt."),
        validators=[Optional(), Length(max=500, message=_l("Högst 500 tecken."))],
    )
    description = TextAreaField(
        _l("Beskriv problemet"),
        validators=[
            InputRequired(_l("Beskriv vad som inte fungerade.")),
            Length(
                min=5, max=5000, message=_l("Beskrivningen ska vara mellan 5 och 5 000 tecken.")
            ),
        ],
    )
    contact_email = EmailField(
        _l("Din e-postadress"),
        description=_l("Frivilligt. Fyll i om du vill ha svar."),
        validators=[
            Optional(),
            Email(_l("Skriv en giltig e-postadress, till exempel namn@example.org.")),
            Length(max=254, message=_l("Högst 254 tecken.")),
        ],
    )
    #: A honeypot: hidden from people (and from screen readers); bots fill it in.
    website = StringField(
        _l("Lämna tomt"), validators=[Optional(), Length(max=200, message=_l("Högst 200 tecken."))]
    )
