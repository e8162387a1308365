"""The forms for a contact, a need and a need's next step."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, TextAreaField
from wtforms.validators import InputRequired, Optional, ValidationError

from app.core.fields import ChoiceField, MultiCheckboxField, SwedishDateField, text, to_int
from app.core.forms import BaseForm
from app.dialogue.flow import ORDER, NeedStatus
from app.dialogue.labels import CATEGORY_LABELS, KIND_LABELS, STATUS_LABELS
from app.dialogue.models import ContactKind, NeedCategory


def organisation_fields():
    """The organisations linked (kept while ticked) and one more to add by name or number."""
    linked = MultiCheckboxField(_l("Organisationer"), coerce=to_int)
    add = text(
        _l("Lägg till organisation"),
        200,
        description=_l("Skriv namnet eller organisationsnumret, som det står i registret."),
        render_kw={"list": "organisation-suggestions", "autocomplete": "off", "data-suggest": ""},
    )
    return linked, add


def _choices(labels: dict) -> list[tuple[str, str]]:
    return [(str(key), label) for key, label in labels.items()]


def _question_choices(questions) -> list[tuple[int, str]]:
    return [(q.id, f"{q.year}: {q.text[:120]}") for q in questions]


class ContactForm(BaseForm):
    kind = SelectField(_l("Slag av kontakt"), choices=_choices(KIND_LABELS), validate_choice=False)
    held_on = SwedishDateField(_l("Datum"), validators=[InputRequired(_l("Fyll i ett datum."))])
    topic = text(_l("Ämne"), 200, required=True)
    organisations, add_organisation = organisation_fields()
    staff = text(_l("Från förvaltningen deltog"), 300)
    notes = text(_l("Anteckningar"), 5000, description=_l("Visas aldrig publikt."))
    authority = text(
        _l("Lotsad till"),
        200,
        description=_l("För en lotsad fråga: till exempel trafikkontoret eller polisen."),
    )
    answered_on = SwedishDateField(_l("Företaget fick svar"), validators=[Optional()])
    questions = MultiCheckboxField(_l("Rapportfrågor som kontakten besvarar"), coerce=to_int)

    def __init__(self, *args, organisations=(), questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations.choices = [(o.id, o.name) for o in organisations]
        self.questions.choices = _question_choices(questions)

    def validate_kind(self, field):
        if field.data not in {str(k) for k in ContactKind}:
            raise ValidationError(_l("Välj ett slag i listan."))


class NeedForm(BaseForm):
    category = SelectField(_l("Kategori"), choices=_choices(CATEGORY_LABELS), validate_choice=False)
    description = text(_l("Behov eller hinder"), 5000, required=True)
    raised_on = SwedishDateField(
        _l("Togs upp"), validators=[InputRequired(_l("Fyll i ett datum."))]
    )
    organisations, add_organisation = organisation_fields()
    contact = ChoiceField(_l("Togs upp vid kontakten"), message=_l("Välj en kontakt i listan."))
    owner = ChoiceField(_l("Ansvarig"), message=_l("Välj en ansvarig i listan."))
    forwarded_to = text(_l("Skickat vidare till"), 200)
    questions = MultiCheckboxField(_l("Rapportfrågor som behovet besvarar"), coerce=to_int)

    def __init__(self, *args, contacts=(), staff=(), questions=(), organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.contact.choices = [(0, _l("Ingen"))] + [
            (c.id, f"{c.held_on.isoformat()} {c.topic}") for c in contacts
        ]
        self.owner.choices = [(0, _l("Ingen ännu"))] + [(u.id, u.name) for u in staff]
        self.organisations.choices = [(o.id, o.name) for o in organisations]
        self.questions.choices = _question_choices(questions)

    def validate_category(self, field):
        if field.data not in {str(c) for c in NeedCategory}:
            raise ValidationError(_l("Välj en kategori i listan."))


class StepForm(BaseForm):
    """The need's next step, the day it was taken and the feedback given."""

    status = SelectField(_l("Nytt steg"), validate_choice=False)
    on = SwedishDateField(
        _l("Datum för steget"), validators=[InputRequired(_l("Fyll i ett datum."))]
    )
    feedback = TextAreaField(
        _l("Återkoppling till företaget"),
        description=_l("Krävs från steget Återkopplad."),
        validators=[Optional()],
    )

    def __init__(self, *args, current: NeedStatus = NeedStatus.NEW, **kwargs):
        super().__init__(*args, **kwargs)
        later = ORDER[ORDER.index(current) + 1 :]
        self.status.choices = [(str(s), STATUS_LABELS[s]) for s in later]

    def validate_status(self, field):
        if field.data not in {value for value, _label in self.status.choices}:
            raise ValidationError(_l("Välj ett av stegen i listan."))
