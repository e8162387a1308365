"""Forms of the award: the public nomination, screening, jäv, scores and decisions."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from app.awards import validation
from app.awards.models import Aggregation, ConflictGround, Phase, Relation
from app.core.forms import BaseForm

MOTIVATION_MIN, MOTIVATION_MAX = 50, 3000
WEBSITE_MESSAGE = _l("Skriv en webbadress, till exempel kafesolberga.se eller https://example.se.")


def relation_choices() -> list[tuple[str, str]]:
    labels = {
        Relation.SELF: _l("Jag nominerar mitt eget företag"),
        Relation.CUSTOMER: _l("Kund"),
        Relation.EMPLOYEE: _l("Anställd"),
        Relation.BUSINESS_PARTNER: _l("Samarbetspartner"),
        Relation.NEIGHBOUR: _l("Granne eller boende i området"),
        Relation.OTHER: _l("Annan relation"),
    }
    return [(str(k), v) for k, v in labels.items()]


def ground_labels() -> dict[str, str]:
    """Förvaltningslagen 16 §, the five grounds in plain Swedish."""
    return {
        ConflictGround.OWN_INTEREST: _l(
            "Saken angår mig själv eller en närstående (16 § 1 förvaltningslagen)"
        ),
        ConflictGround.SIGNIFICANT_EFFECT: _l(
            "Jag eller en närstående påverkas i betydande mån av beslutet (16 § 2)"
        ),
        ConflictGround.REPRESENTATIVE: _l(
            "Jag eller en närstående är eller har varit ställföreträdare eller ombud (16 § 3)"
        ),
        ConflictGround.OTHER_AUTHORITY: _l(
            "Jag har medverkat i saken hos en annan myndighet (16 § 4)"
        ),
        ConflictGround.SPECIAL_CIRCUMSTANCE: _l(
            "En annan särskild omständighet kan rubba förtroendet för min opartiskhet (16 § 5)"
        ),
    }


def phase_labels() -> dict[str, str]:
    return {
        Phase.DRAFT: _l("Utkast"),
        Phase.NOMINATIONS_OPEN: _l("Nominering öppen"),
        Phase.SCREENING: _l("Granskning"),
        Phase.JUDGING: _l("Juryns bedömning"),
        Phase.DECIDED: _l("Beslutad (under embargo)"),
        Phase.ANNOUNCED: _l("Tillkännagiven"),
        Phase.ARCHIVED: _l("Arkiverad"),
    }


def aggregation_labels() -> dict[str, str]:
    """The ranking's method named as `scoring` computes it: each juror's score of a candidate
    is the weighted mean of the criteria, and the cycle combines jurors' scores by the mean
    (a weighted mean all through) or the median."""
    return {
        Aggregation.MEAN: _l("viktat medelvärde"),
        Aggregation.MEDIAN: _l("median av juryledamöternas viktade medelvärden"),
    }


#: The form base (control characters refused, file parts only for file fields).
CleanForm = BaseForm


def _required(message):
    return InputRequired(message)


class NominationForm(CleanForm):
    category = SelectField(
        _l("Kategori"), validate_choice=False, validators=[_required(_l("Välj en kategori."))]
    )
    company_name = StringField(
        _l("Företagets namn"),
        validators=[_required(_l("Fyll i företagets namn.")), Length(max=200)],
    )
    org_number = StringField(
        _l("Organisationsnummer"),
        description=_l("Tio siffror, till exempel 556036-0793."),
        validators=[_required(_l("Fyll i organisationsnumret.")), Length(max=20)],
    )
    address = StringField(
        _l("Företagets besöksadress"),
        validators=[_required(_l("Fyll i företagets adress.")), Length(max=300)],
    )
    postal_code = StringField(
        _l("Postnummer"),
        description=_l("Till exempel 117 43."),
        validators=[_required(_l("Fyll i postnumret.")), Length(max=10)],
    )
    #: Text, not type="url": people write `kafesolberga.se`, and https:// is added for them.
    website = StringField(
        _l("Webbplats"),
        render_kw={"inputmode": "url"},
        validators=[Optional(), Length(max=validation.WEBSITE_MAX, message=WEBSITE_MESSAGE)],
    )
    contact_name = StringField(
        _l("Kontaktperson på företaget"),
        validators=[_required(_l("Fyll i kontaktpersonens namn.")), Length(max=200)],
    )
    contact_email = EmailField(
        _l("Kontaktpersonens e-post"),
        validators=[
            _required(_l("Fyll i kontaktpersonens e-post.")),
            Length(max=254),
            Email(_l("Skriv en giltig e-postadress, till exempel namn@example.org.")),
        ],
    )
    contact_phone = StringField(
        _l("Kontaktpersonens telefon"),
        validators=[_required(_l("Fyll i kontaktpersonens telefonnummer.")), Length(max=30)],
    )
    motivation = TextAreaField(
        _l("Motivering"),
        description=_l("Varför ska företaget få priset? Mellan 50 och 3 000 tecken."),
        validators=[
            _required(_l("Skriv en motivering.")),
            Length(
                min=MOTIVATION_MIN,
                max=MOTIVATION_MAX,
                message=_l("Motiveringen ska vara mellan 50 och 3 000 tecken."),
            ),
        ],
    )
    nominator_name = StringField(
        _l("Ditt namn"), validators=[_required(_l("Fyll i ditt namn.")), Length(max=200)]
    )
    nominator_email = EmailField(
        _l("Din e-post"),
        description=_l("Hit skickar vi ett kvitto på nomineringen."),
        validators=[
            _required(_l("Fyll i din e-postadress.")),
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
        validators=[_required(_l("Välj din relation till företaget."))],
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
        _normalise(validation.normalise_org_number, field)

    def validate_postal_code(self, field):
        _normalise(validation.normalise_postal_code, field)

    def validate_contact_phone(self, field):
        _normalise(validation.normalise_phone, field)

    def validate_nominator_phone(self, field):
        if field.data:
            _normalise(validation.normalise_phone, field)

    def validate_website(self, field):
        try:
            validation.normalise_website(field.data)
        except validation.InvalidValue as error:
            raise ValidationError(WEBSITE_MESSAGE) from error

    def cleaned(self) -> dict:
        """The nomination's values, normalised for storing."""
        phone = self.nominator_phone.data
        return {
            "company_name": self.company_name.data.strip(),
            "org_number": validation.normalise_org_number(self.org_number.data),
            "address": self.address.data.strip(),
            "postal_code": validation.normalise_postal_code(self.postal_code.data),
            "website": validation.normalise_website(self.website.data),
            "contact_name": self.contact_name.data.strip(),
            "contact_email": self.contact_email.data.strip(),
            "contact_phone": validation.normalise_phone(self.contact_phone.data),
            "motivation": self.motivation.data.strip(),
            "nominator_name": self.nominator_name.data.strip(),
            "nominator_email": self.nominator_email.data.strip(),
            "nominator_phone": validation.normalise_phone(phone) if phone else None,
            "relation": Relation(self.relation.data),
        }


def _normalise(function, field) -> None:
    try:
        function(field.data)
    except validation.InvalidValue as error:
        raise ValidationError(_l(str(error))) from error


class PhaseForm(CleanForm):
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


class LiftEmbargoForm(CleanForm):
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


def screening_form(criteria, data=None):
    """A form with a check and a note per general criterion, then the verdict."""

    class ScreeningForm(CleanForm):
        eligible = RadioField(
            _l("Uppfyller kandidaten kriterierna?"),
            choices=[("yes", _l("Ja, kandidaten går vidare")), ("no", _l("Nej"))],
            validators=[_required(_l("Välj ja eller nej."))],
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


class MergeForm(CleanForm):
    other = SelectField(_l("Slå ihop med"), coerce=int, validate_choice=False)


class AssignJurorForm(CleanForm):
    user = SelectField(_l("Juryledamot"), coerce=int, validate_choice=False)
    substitute_for = SelectField(_l("Ersätter"), coerce=int, validate_choice=False)


class RulingForm(CleanForm):
    ruling = RadioField(
        _l("Beslut om jäv"),
        choices=[
            ("confirmed", _l("Jäv föreligger – juryledamoten deltar inte")),
            ("rejected", _l("Inget jäv – juryledamoten får delta")),
        ],
        validators=[_required(_l("Välj ett beslut."))],
    )
    note = TextAreaField(_l("Motivering"), validators=[Optional(), Length(max=2000)])


class DeclarationForm(CleanForm):
    has_conflict = RadioField(
        _l("Har du jäv mot kandidaten?"),
        choices=[("no", _l("Nej, jag har inget jäv")), ("yes", _l("Ja, jag anmäler jäv"))],
        validators=[_required(_l("Svara ja eller nej."))],
    )
    ground = SelectField(_l("Jävsgrund"), validate_choice=False)
    note = TextAreaField(_l("Beskrivning"), validators=[Optional(), Length(max=2000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.ground.choices = [("", _l("Välj grund om du anmäler jäv"))] + [
            (str(k), v) for k, v in ground_labels().items()
        ]

    def validate_ground(self, field):
        if self.has_conflict.data == "yes" and field.data not in {str(g) for g in ConflictGround}:
            raise ValidationError(_l("Välj vilken jävsgrund som gäller."))


def scale_text(criterion):
    """What the ends of the scale mean. Criteria have no anchors of their own, so the scale
    means the same for every criterion: how far the candidate meets it."""
    return _l(
        "%(low)s = uppfyller inte kriteriet, %(high)s = uppfyller kriteriet helt.",
        low=criterion.scale_min,
        high=criterion.scale_max,
    )


def score_form(criteria, data=None):
    """A value and a comment per criterion; the hint says what the scale's ends mean."""

    class ScoreForm(CleanForm):
        pass

    for c in criteria:
        message = _l(
            "Ge ett heltal mellan %(low)s och %(high)s.", low=c.scale_min, high=c.scale_max
        )
        hint = f"{c.description} {scale_text(c)}" if c.description else scale_text(c)
        setattr(
            ScoreForm,
            f"score_{c.id}",
            IntegerField(
                c.name,
                description=hint,
                validators=[InputRequired(message), NumberRange(c.scale_min, c.scale_max, message)],
            ),
        )
        setattr(
            ScoreForm,
            f"comment_{c.id}",
            TextAreaField(_l("Kommentar"), validators=[Optional(), Length(max=2000)]),
        )
    return ScoreForm(data=data)


class DecisionForm(CleanForm):
    candidate = SelectField(_l("Vinnare"), coerce=int, validate_choice=False)
    citation = TextAreaField(
        _l("Juryns motivering"),
        validators=[
            _required(_l("Skriv juryns motivering.")),
            Length(max=3000, message=_l("Motiveringen får vara högst 3 000 tecken.")),
        ],
    )


class ReopenForm(CleanForm):
    reason = TextAreaField(
        _l("Varför öppnas beslutet?"),
        validators=[_required(_l("Skriv varför beslutet öppnas igen.")), Length(max=2000)],
    )
