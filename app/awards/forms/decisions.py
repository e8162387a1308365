"""The decision on a category's winner, reopening it, and lifting the embargo before the ceremony."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, TextAreaField
from wtforms.validators import InputRequired, Length

from app.core.forms import BaseForm


class DecisionForm(BaseForm):
    candidate = SelectField(_l("Vinnare"), coerce=int, validate_choice=False)
    citation = TextAreaField(
        _l("Juryns motivering"),
        validators=[
            InputRequired(_l("Skriv juryns motivering.")),
            Length(max=3000, message=_l("Motiveringen får vara högst 3 000 tecken.")),
        ],
    )


class ReopenForm(BaseForm):
    reason = TextAreaField(
        _l("Varför öppnas beslutet?"),
        validators=[InputRequired(_l("Skriv varför beslutet öppnas igen.")), Length(max=2000)],
    )


class LiftEmbargoForm(BaseForm):
    reason = TextAreaField(
        _l("Varför hävs embargot?"),
        description=_l(
            "Till exempel: prisutdelningen ställdes in och vinnarna meddelas på annat sätt."
        ),
        validators=[
            InputRequired(_l("Skriv varför embargot hävs.")),
            Length(max=2000, message=_l("Högst 2 000 tecken.")),
        ],
    )
