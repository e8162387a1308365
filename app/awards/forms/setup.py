"""The administrator's forms: a cycle, its categories and criteria, its phase and its jurors."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, FloatField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from app.awards.labels import phase_labels
from app.core.fields import SwedishDateField
from app.core.forms import BaseForm


class CycleForm(BaseForm):
    unit = SelectField(_l("Enhet"), coerce=int, validate_choice=False)
    year = IntegerField(
        _l("År"),
        validators=[
            InputRequired(_l("Fyll i året.")),
            NumberRange(2000, 2100, _l("Skriv ett år mellan 2000 och 2100.")),
        ],
    )
    title = StringField(
        _l("Rubrik"), validators=[InputRequired(_l("Fyll i en rubrik.")), Length(max=200)]
    )
    description = TextAreaField(_l("Beskrivning"), validators=[Length(max=5000)])
    opens_on = SwedishDateField(
        _l("Nomineringen öppnar"), validators=[InputRequired(_l("Fyll i ett datum."))]
    )
    closes_on = SwedishDateField(
        _l("Sista dag att nominera"), validators=[InputRequired(_l("Fyll i ett datum."))]
    )
    judging_until = SwedishDateField(_l("Juryns sista dag"), validators=[Optional()])
    ceremony = SelectField(_l("Prisutdelning (evenemang)"), coerce=int, validate_choice=False)
    aggregation = SelectField(
        _l("Sammanvägning av juryns poäng"),
        choices=[
            ("mean", _l("Viktat medelvärde")),
            ("median", _l("Median av juryledamöternas viktade medelvärden")),
        ],
    )
    normalise = BooleanField(_l("Normalisera varje juryledamots poäng (z-poäng)"))
    partner_decides = BooleanField(_l("Kategorins partner fattar beslutet"))
    retention_months = IntegerField(
        _l("Gallring av kontaktuppgifter, månader efter prisutdelningen"),
        default=12,
        validators=[
            InputRequired(_l("Fyll i antal månader.")),
            NumberRange(1, 120, _l("Skriv ett antal mellan 1 och 120.")),
        ],
    )

    def __init__(self, *args, units=(), events=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.unit.choices = [(u.id, u.name) for u in units]
        self.ceremony.choices = [(0, _l("Ingen ännu"))] + [(e.id, e.title) for e in events]
        self._units, self._events = {u.id for u in units}, {e.id for e in events} | {0}

    def validate_unit(self, field):
        if self._units and field.data not in self._units:
            raise ValidationError(_l("Välj en enhet i listan."))

    def validate_ceremony(self, field):
        if field.data not in self._events:
            raise ValidationError(_l("Välj ett evenemang i listan."))

    def validate_closes_on(self, field):
        if self.opens_on.data and field.data and field.data < self.opens_on.data:
            raise ValidationError(_l("Sista dagen kan inte komma före öppningsdagen."))


class CategoryForm(BaseForm):
    name = StringField(
        _l("Kategorins namn"), validators=[InputRequired(_l("Fyll i ett namn.")), Length(max=200)]
    )
    partner = SelectField(_l("Partner"), coerce=int, validate_choice=False)
    description = TextAreaField(_l("Beskrivning"), validators=[Length(max=3000)])
    eligibility = StringField(
        _l("Villkor, till exempel ”Verksamt i högst tre år”"), validators=[Length(max=500)]
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.partner.choices = [(0, _l("Ingen"))] + [(o.id, o.name) for o in organisations]
        self._ids = {o.id for o in organisations} | {0}

    def validate_partner(self, field):
        if field.data not in self._ids:
            raise ValidationError(_l("Välj en partner i listan."))


class CriterionForm(BaseForm):
    name = StringField(
        _l("Kriterium"), validators=[InputRequired(_l("Fyll i ett namn.")), Length(max=200)]
    )
    description = TextAreaField(_l("Beskrivning"), validators=[Length(max=2000)])
    category = SelectField(_l("Gäller"), coerce=int, validate_choice=False)
    weight = FloatField(
        _l("Vikt"),
        default=1.0,
        validators=[
            InputRequired(_l("Fyll i en vikt.")),
            NumberRange(0.1, 10, _l("Skriv en vikt mellan 0,1 och 10.")),
        ],
    )
    scale_max = IntegerField(
        _l("Skalans högsta värde (lägsta är 1)"),
        default=5,
        validators=[
            InputRequired(_l("Fyll i skalans högsta värde.")),
            NumberRange(2, 10, _l("Skriv ett tal mellan 2 och 10.")),
        ],
    )
    screening_only = BooleanField(_l("Kontrolleras vid granskningen i stället för att poängsättas"))

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = [(0, _l("Alla kategorier"))] + [(c.id, c.name) for c in categories]
        self._ids = {c.id for c in categories} | {0}

    def validate_category(self, field):
        if field.data not in self._ids:
            raise ValidationError(_l("Välj en kategori i listan."))


class PhaseForm(BaseForm):
    phase = SelectField(_l("Ny fas"), validate_choice=False)
    #: Asked only while the call is open before its last day: changing the phase closes it.
    confirm_early_close = BooleanField(
        _l("Ja, stäng nomineringen nu, före sista dagen"),
        description=_l("Krävs för att byta fas medan nomineringen är öppen."),
    )

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = phase_labels()
        self.phase.choices = [(str(p), labels[p]) for p in allowed]
        self._allowed = {str(p) for p in allowed}

    def validate_phase(self, field):
        if field.data not in self._allowed:
            raise ValidationError(_l("Välj en av faserna i listan."))


class AssignJurorForm(BaseForm):
    user = SelectField(_l("Juryledamot"), coerce=int, validate_choice=False)
    substitute_for = SelectField(_l("Ersätter"), coerce=int, validate_choice=False)
