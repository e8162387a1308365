"""Forms of the report: opening a period, its header, an answer, reopening, the template."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
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
from wtforms.widgets import CheckboxInput, ListWidget

from app.core import swedish
from app.core.fields import checked
from app.core.forms import BaseForm
from app.reports.periods import PeriodKind
from app.reports.services import MAX_ANSWER


def no_nul(form, field):
    """NUL bytes cannot be stored in PostgreSQL text; refuse them with a message."""
    if field.data and "\x00" in str(field.data):
        raise ValidationError(_l("Texten innehåller ett otillåtet tecken."))


class OpenPeriodForm(BaseForm):
    unit = SelectField(_l("Enhet"), coerce=int, validators=[InputRequired(_l("Välj en enhet."))])
    year = IntegerField(
        _l("År"),
        validators=[
            InputRequired(_l("Fyll i ett år.")),
            NumberRange(2000, 2100, _l("Året ska vara mellan 2000 och 2100.")),
        ],
    )
    kind = SelectField(
        _l("Period"),
        choices=[
            (PeriodKind.T1.value, _l("T1 (januari–april)")),
            (PeriodKind.T2.value, _l("T2 (januari–augusti)")),
            (PeriodKind.VB.value, _l("VB (hela året)")),
        ],
        validators=[InputRequired(_l("Välj en period."))],
    )
    deadline = DateField(
        _l("Sista dag att lämna in"),
        validators=[Optional()],
        description=_l("Till exempel 2022-09-12."),
    )


class PeriodForm(BaseForm):
    deadline = DateField(_l("Sista dag att lämna in"), validators=[Optional()])
    contact_name = StringField(
        _l("Kontaktperson"), validators=[Length(max=200), no_nul], filters=[str.strip]
    )
    contact_phone = StringField(
        _l("Telefon"),
        validators=[Length(max=20, message=_l("Högst 20 tecken.")), no_nul],
        filters=[lambda v: v.strip() if v else v],
    )

    def validate_contact_phone(self, field):
        if field.data:
            checked(swedish.normalise_phone, field.data)

    contact_email = EmailField(
        _l("E-post"),
        validators=[
            Optional(),
            Email(_l("Skriv en giltig e-postadress, till exempel namn@example.org.")),
            Length(max=254),
        ],
    )


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        # Evidence can disappear between loading and saving (a cancelled date);
        # unknown keys are ignored rather than refused.
        pass


class AnswerForm(BaseForm):
    text = TextAreaField(
        _l("Ert svar"),
        validators=[
            Length(max=MAX_ANSWER, message=_l("Svaret får vara högst 50 000 tecken.")),
            no_nul,
        ],
        description=_l("Det här är texten som hamnar i rapporten. Utkastet ändrar den aldrig."),
    )
    version = HiddenField()
    included = MultiCheckboxField(_l("Underlag som ingår i utkastet"), choices=[])

    def validate_version(self, field):
        if not (field.data or "").isdigit() or len(field.data) > 9:
            raise ValidationError(_l("Formuläret saknar versionsnummer. Ladda om sidan."))


class TakeDraftForm(BaseForm):
    version = HiddenField()


class ReopenForm(BaseForm):
    reason = TextAreaField(
        _l("Varför öppnas rapporten igen?"),
        validators=[
            InputRequired(_l("Skriv varför rapporten öppnas igen.")),
            Length(max=2000),
            no_nul,
        ],
    )


class QuestionForm(BaseForm):
    focus_area = SelectField(
        _l("Fokusområde"), coerce=int, validators=[InputRequired(_l("Välj ett fokusområde."))]
    )
    text = TextAreaField(
        _l("Fråga"),
        validators=[
            InputRequired(_l("Skriv frågan.")),
            Length(max=2000, message=_l("Frågan får vara högst 2 000 tecken.")),
            no_nul,
        ],
    )


class CopyQuestionsForm(BaseForm):
    """Copy last year's questions; a button only."""
