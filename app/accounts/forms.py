"""Forms for signing in, resetting passwords and managing users."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import (
    Email,
    EqualTo,
    InputRequired,
    Length,
    StopValidation,
)

from app.accounts.models import Role
from app.core.forms import BaseForm

MIN_PASSWORD = 12


class LoginForm(BaseForm):
    email = EmailField(
        _l("E-post"),
        validators=[
            InputRequired(_l("Fyll i din e-postadress.")),
            Length(max=254, message=_l("Högst 254 tecken.")),
        ],
    )
    password = PasswordField(
        _l("Lösenord"),
        validators=[
            InputRequired(_l("Fyll i ditt lösenord.")),
            Length(max=1000, message=_l("Högst 1 000 tecken.")),
        ],
    )
    remember = BooleanField(_l("Kom ihåg mig på den här datorn i 14 dagar"))


class ResetRequestForm(BaseForm):
    email = EmailField(
        _l("E-post"),
        validators=[
            InputRequired(_l("Fyll i din e-postadress.")),
            Email(_l("Skriv en giltig e-postadress, till exempel namn@example.org.")),
            Length(max=254, message=_l("Högst 254 tecken.")),
        ],
    )


class CurrentPasswordForm(BaseForm):
    # Declared before the new-password fields so that it comes first on the page and in
    # the error summary of ChangePasswordForm (WTForms orders fields by creation).
    current = PasswordField(
        _l("Nuvarande lösenord"),
        validators=[InputRequired(_l("Fyll i ditt nuvarande lösenord."))],
    )


class NewPasswordForm(BaseForm):
    password = PasswordField(
        _l("Nytt lösenord"),
        description=_l("Minst 12 tecken."),
        validators=[
            InputRequired(_l("Fyll i ett lösenord.")),
            Length(min=MIN_PASSWORD, max=1000, message=_l("Lösenordet måste ha minst 12 tecken.")),
        ],
    )
    confirm = PasswordField(
        _l("Upprepa lösenordet"),
        validators=[
            InputRequired(_l("Upprepa lösenordet.")),
            EqualTo("password", _l("Lösenorden är inte lika.")),
        ],
    )


class ChangePasswordForm(CurrentPasswordForm, NewPasswordForm):
    """The current password, then the new one twice."""


class UserForm(BaseForm):
    email = EmailField(
        _l("E-post"),
        validators=[
            InputRequired(_l("Fyll i en e-postadress.")),
            Email(_l("Skriv en giltig e-postadress, till exempel namn@example.org.")),
            Length(max=254, message=_l("Högst 254 tecken.")),
        ],
    )
    name = StringField(
        _l("Namn"),
        validators=[
            InputRequired(_l("Fyll i ett namn.")),
            Length(max=200, message=_l("Högst 200 tecken.")),
        ],
    )
    is_active = BooleanField(_l("Kontot är aktivt"), default=True)
    is_city_officer = BooleanField(_l("Stadsövergripande läsbehörighet (stadsledningskontoret)"))
    is_site_admin = BooleanField(_l("Systemadministratör"))


class NewUserForm(UserForm):
    """A new account: its owning unit when a unit admin makes it; the person sets the
    password through the invitation mailed to them."""

    unit = SelectField(_l("Enhet som kontot hör till"), coerce=int, validate_choice=False)

    def validate_unit(self, field):
        if field.data not in {value for value, _label in field.choices}:
            raise StopValidation(_l("Välj en av enheterna i listan."))


def role_label(role: Role) -> str:
    return str(ROLE_LABELS[role])


ROLE_LABELS = {
    Role.ADMIN: _l("Administratör"),
    Role.ORGANISER: _l("Arrangör"),
    Role.OFFICER: _l("Handläggare (rapport)"),
    Role.AWARD_ADMIN: _l("Administratör för utmärkelsen"),
    Role.JUROR: _l("Jurymedlem"),
}


class MembershipForm(BaseForm):
    unit = SelectField(_l("Enhet"), coerce=int, validators=[InputRequired(_l("Välj en enhet."))])
    role = SelectField(
        _l("Roll"),
        choices=[(r.value, ROLE_LABELS[r]) for r in Role],
        validators=[InputRequired(_l("Välj en roll."))],
    )
    organisation = SelectField(_l("Organisation (för jurymedlemmar)"), coerce=int, default=0)
