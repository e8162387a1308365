"""The screening: each nomination checked against the general criteria, duplicates merged, and
jäv ruled on."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from app.core.forms import BaseForm


def screening_form(criteria, data=None):
    """A form with a check and a note per general criterion, then the verdict."""

    class ScreeningForm(BaseForm):
        eligible = RadioField(
            _l("Uppfyller kandidaten kriterierna?"),
            choices=[("yes", _l("Ja, kandidaten går vidare")), ("no", _l("Nej"))],
            validators=[InputRequired(_l("Välj ja eller nej."))],
        )
        reason = TextAreaField(
            _l("Motivering"),
            description=_l("Krävs när kandidaten inte går vidare."),
            validators=[Length(max=2000)],
        )

        def validate_reason(self, field):
            if self.eligible.data == "no" and not (field.data or "").strip():
                raise ValidationError(_l("Skriv varför kandidaten inte uppfyller kriterierna."))

    for criterion in criteria:
        setattr(ScreeningForm, f"met_{criterion.id}", BooleanField(criterion.name))
        setattr(
            ScreeningForm,
            f"note_{criterion.id}",
            StringField(_l("Anteckning"), validators=[Optional(), Length(max=500)]),
        )
    return ScreeningForm(data=data)


class MergeForm(BaseForm):
    other = SelectField(_l("Slå ihop med"), coerce=int, validate_choice=False)


class RulingForm(BaseForm):
    ruling = RadioField(
        _l("Beslut om jäv"),
        choices=[
            ("confirmed", _l("Jäv föreligger – juryledamoten deltar inte")),
            ("rejected", _l("Inget jäv – juryledamoten får delta")),
        ],
        validators=[InputRequired(_l("Välj ett beslut."))],
    )
    note = TextAreaField(_l("Motivering"), validators=[Optional(), Length(max=2000)])
