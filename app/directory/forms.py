"""Forms for venues and organisations."""

from __future__ import annotations

import math

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import InputRequired, Length, Optional, Regexp, ValidationError

from app.core import swedish
from app.core.fields import checked
from app.core.forms import BaseForm
from app.directory.models import OrganisationKind

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_MESSAGE = _l("Bara små bokstäver a–z, siffror och bindestreck, till exempel alvsjo-torg.")
KIND_LABELS = {
    OrganisationKind.CITY_ADMINISTRATION: _l("Förvaltning i staden"),
    OrganisationKind.CITY_COMPANY: _l("Stadens bolag"),
    OrganisationKind.PARTNER: _l("Partner"),
    OrganisationKind.BUSINESS_ASSOCIATION: _l("Företagarförening eller nätverk"),
    OrganisationKind.PROPERTY_OWNER: _l("Fastighetsägare"),
    OrganisationKind.ASSOCIATION: _l("Förening"),
    OrganisationKind.COMPANY: _l("Företag"),
}


def _required(message):
    return InputRequired(message)


def slug_field(label):
    return StringField(
        label,
        validators=[
            _required(_l("Fyll i en kortadress.")),
            Length(max=100, message=_l("Högst 100 tecken.")),
            Regexp(SLUG, message=SLUG_MESSAGE),
        ],
        description=_l("Används i adresser som folk sparar; ändra den helst inte."),
    )


def name_field(label):
    return StringField(
        label,
        validators=[
            _required(_l("Fyll i ett namn.")),
            Length(max=200, message=_l("Högst 200 tecken.")),
        ],
    )


class CoordinateField(StringField):
    """A decimal degree; comma or point; checked against a range."""

    def __init__(self, label, low: float, high: float, **kwargs):
        super().__init__(label, validators=[Optional()], **kwargs)
        self.low, self.high = low, high

    def post_validate(self, form, validation_stopped):
        if not self.data or self.errors:
            return
        try:
            value = float(self.data.replace(",", ".").strip())
        except ValueError:
            value = math.nan
        if len(self.data) > 30 or not math.isfinite(value) or not self.low <= value <= self.high:
            self.errors.append(
                _l("Ange ett tal mellan %(low)s och %(high)s.", low=self.low, high=self.high)
            )

    def number(self) -> float | None:
        """The coordinate as a float, or None when left empty."""
        return float(self.data.replace(",", ".").strip()) if self.data else None


class VenueForm(BaseForm):
    name = name_field(_l("Namn"))
    slug = slug_field(_l("Kortadress"))
    address = StringField(
        _l("Gatuadress"), validators=[Length(max=300, message=_l("Högst 300 tecken."))]
    )
    postal_code = StringField(
        _l("Postnummer"),
        validators=[
            Optional(),
            Length(max=20, message=_l("Skriv postnumret som NNN NN, till exempel 125 30.")),
        ],
        description=_l("NNN NN, till exempel 125 30."),
    )
    district_area = StringField(
        _l("Stadsdelsområde"), validators=[Length(max=100, message=_l("Högst 100 tecken."))]
    )
    latitude = CoordinateField(
        _l("Latitud"), -90, 90, description=_l("Valfritt, till exempel 59,2786.")
    )
    longitude = CoordinateField(
        _l("Longitud"), -180, 180, description=_l("Valfritt, till exempel 18,0106.")
    )

    def validate_postal_code(self, field):
        field.data = checked(swedish.normalise_postal_code, field.data)


class OrganisationForm(BaseForm):
    name = name_field(_l("Namn"))
    slug = slug_field(_l("Kortadress"))
    kind = SelectField(
        _l("Slag"), choices=[(k.value, v) for k, v in KIND_LABELS.items()], validate_choice=False
    )
    org_number = StringField(
        _l("Organisationsnummer"),
        validators=[Optional(), Length(max=20, message=_l("Skriv numret som NNNNNN-NNNN."))],
        description=_l("Valfritt, NNNNNN-NNNN."),
    )
    #: Text, not type="url": people write `example.org`, and https:// is added for them.
    website = StringField(
        _l("Webbplats"),
        render_kw={"inputmode": "url"},
        validators=[Optional(), Length(max=300, message=_l("Högst 300 tecken."))],
    )

    def validate_kind(self, field):
        if field.data not in {k.value for k in OrganisationKind}:
            raise ValidationError(_l("Välj ett slag i listan."))

    def validate_org_number(self, field):
        field.data = checked(swedish.normalise_org_number, field.data)

    def validate_website(self, field):
        field.data = checked(swedish.normalise_website, field.data)


class ListImportForm(BaseForm):
    file = FileField(
        _l("Organisationslista (.csv)"),
        description=_l(
            "Första raden namnger kolumnerna: namn, organisationsnummer, slag, webbplats. "
            "Bara namn krävs. Högst 2 MB."
        ),
        validators=[FileRequired(_l("Välj en .csv-fil att läsa in."))],
    )
    dry_run = BooleanField(
        _l("Provläs bara: visa vad som skulle hända utan att spara något"), default=True
    )
