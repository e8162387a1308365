"""The public nomination: every field says what is wrong beside it, and the values are stored
normalised (org.nr, postal code, phone and website in one form each)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, SelectField, StringField, TextAreaField
from wtforms.validators import Email, InputRequired, Length, Optional, ValidationError

from app.awards.labels import relation_choices
from app.awards.models import Relation
from app.core import swedish
from app.core.fields import checked
from app.core.forms import BaseForm

MOTIVATION_MIN, MOTIVATION_MAX = 50, 3000
WEBSITE_MESSAGE = _l("Skriv en webbadress, till exempel kafesolberga.se eller https://example.se.")


class NominationForm(BaseForm):
    category = SelectField(
        _l("Kategori"), validate_choice=False, validators=[InputRequired(_l("Välj en kategori."))]
    )
    company_name = StringField(
        _l("Företagets namn"),
        validators=[InputRequired(_l("Fyll i företagets namn.")), Length(max=200)],
    )
    org_number = StringField(
        _l("Organisationsnummer"),
        description=_l("Tio siffror, till exempel 556036-0793."),
        validators=[InputRequired(_l("Fyll i organisationsnumret.")), Length(max=20)],
    )
    address = StringField(
        _l("Företagets besöksadress"),
        validators=[InputRequired(_l("Fyll i företagets adress.")), Length(max=300)],
    )
    postal_code = StringField(
        _l("Postnummer"),
        description=_l("Till exempel 117 43."),
        validators=[InputRequired(_l("Fyll i postnumret.")), Length(max=10)],
    )
    #: Text, not type="url": people write `kafesolberga.se`, and https:// is added for them.
    website = StringField(
        _l("Webbplats"),
        render_kw={"inputmode": "url"},
        validators=[Optional(), Length(max=swedish.WEBSITE_MAX, message=WEBSITE_MESSAGE)],
    )
    contact_name = StringField(
        _l("Kontaktperson på företaget"),
        validators=[InputRequired(_l("Fyll i kontaktpersonens namn.")), Length(max=200)],
    )
    contact_email = EmailField(
        _l("Kontaktpersonens e-post"),
        validators=[
            InputRequired(_l("Fyll i kontaktpersonens e-post.")),
            Length(max=254),
            Email(_l("Skriv en giltig e-postadress, till exempel namn@example.org.")),
        ],
    )
    contact_phone = StringField(
        _l("Kontaktpersonens telefon"),
        validators=[InputRequired(_l("Fyll i kontaktpersonens telefonnummer.")), Length(max=30)],
    )
    motivation = TextAreaField(
        _l("Motivering"),
        description=_l("Varför ska företaget få priset? Mellan 50 och 3 000 tecken."),
        validators=[
            InputRequired(_l("Skriv en motivering.")),
            Length(
                min=MOTIVATION_MIN,
                max=MOTIVATION_MAX,
                message=_l("Motiveringen ska vara mellan 50 och 3 000 tecken."),
            ),
        ],
    )
    nominator_name = StringField(
        _l("Ditt namn"), validators=[InputRequired(_l("Fyll i ditt namn.")), Length(max=200)]
    )
    nominator_email = EmailField(
        _l("Din e-post"),
        description=_l("Hit skickar vi ett kvitto på nomineringen."),
        validators=[
            InputRequired(_l("Fyll i din e-postadress.")),
            Length(max=254),
            Email(_l("Skriv en giltig e-postadress, till exempel namn@example.org.")),
        ],
    )
    nominator_phone = StringField(
        _l("Ditt telefonnummer (frivilligt)"), validators=[Optional(), Length(max=30)]
    )
    relation = SelectField(
        _l("Din relation till företaget"),
        choices=lambda: [("", _l("Välj relation"))] + relation_choices(),
        validate_choice=False,
        validators=[InputRequired(_l("Välj din relation till företaget."))],
    )
    #: The honeypot: hidden from people and assistive technology, filled in by bots.
    fax = StringField(_l("Lämna tomt"), validators=[Optional(), Length(max=200)])

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = [("", _l("Välj kategori"))] + [
            (str(c.id), c.name) for c in categories
        ]
        self._category_ids = {str(c.id) for c in categories}

    def validate_category(self, field):
        if field.data not in self._category_ids:
            raise ValidationError(_l("Välj en av kategorierna i listan."))

    def validate_relation(self, field):
        if field.data not in {value for value, _label in relation_choices()}:
            raise ValidationError(_l("Välj din relation till företaget."))

    def validate_org_number(self, field):
        checked(swedish.normalise_org_number, field.data)

    def validate_postal_code(self, field):
        checked(swedish.normalise_postal_code, field.data)

    def validate_contact_phone(self, field):
        checked(swedish.normalise_phone, field.data)

    def validate_nominator_phone(self, field):
        if field.data:
            checked(swedish.normalise_phone, field.data)

    def validate_website(self, field):
        try:
            swedish.normalise_website(field.data)
        except swedish.InvalidValue as error:
            raise ValidationError(WEBSITE_MESSAGE) from error

    def cleaned(self) -> dict:
        """The nomination's values, normalised for storing."""
        phone = self.nominator_phone.data
        return {
            "company_name": self.company_name.data.strip(),
            "org_number": swedish.normalise_org_number(self.org_number.data),
            "address": self.address.data.strip(),
            "postal_code": swedish.normalise_postal_code(self.postal_code.data),
            "website": swedish.normalise_website(self.website.data),
            "contact_name": self.contact_name.data.strip(),
            "contact_email": self.contact_email.data.strip(),
            "contact_phone": swedish.normalise_phone(self.contact_phone.data),
            "motivation": self.motivation.data.strip(),
            "nominator_name": self.nominator_name.data.strip(),
            "nominator_email": self.nominator_email.data.strip(),
            "nominator_phone": swedish.normalise_phone(phone) if phone else None,
            "relation": Relation(self.relation.data),
        }
