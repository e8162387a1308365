"""`flask users ...`: accounts from the command line."""

from __future__ import annotations

import secrets

import click
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from app.accounts import mail, services
from app.accounts.models import Role, TokenPurpose
from app.audit.services import record
from app.core.cli import Failure
from app.extensions import db
from app.mailing import sending
from app.units.models import Unit


def _is_email(value: str) -> bool:
    """True for a syntactically valid address (no DNS lookup) of at most 254 characters."""
    if len(value) > 254:
        return False
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


@click.group("users")
def cli():
    """Manage user accounts."""


@cli.command("create")
@click.argument("email")
@click.option("--unit", "unit_slug", default=None, help="The unit's slug, e.g. hagersten-alvsjo.")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=None)
@click.option("--site-admin", is_flag=True, help="Manages every unit, user and template.")
@click.option("--city-officer", is_flag=True, help="Reads every unit (stadsledningskontoret).")
@click.option("--name", default="", help="Full name; defaults to the e-mail's local part.")
@click.option(
    "--password",
    default=None,
    help="Development only. Omit it: in production the person gets a link to choose one.",
)
@with_appcontext
def create(email, unit_slug, role, site_admin, city_officer, name, password):
    """Create a user with a role in a unit (or a site-wide right), or add it to an existing user."""
    if (unit_slug is None) != (role is None) or not (unit_slug or site_admin or city_officer):
        raise Failure("Ange både --unit och --role, eller --site-admin eller --city-officer.")
    if password and current_app.config["ENV_NAME"] == "production":
        raise Failure("I produktion väljer personen sitt lösenord själv: utelämna --password.")
    unit = db.session.scalar(select(Unit).where(Unit.slug == unit_slug)) if unit_slug else None
    if unit_slug and unit is None:
        raise Failure(f"Ingen enhet med slug '{unit_slug[:100]}'.")
    if not _is_email(email):
        raise Failure(f"'{email[:100]}' är ingen e-postadress.")
    user, created, generated = _find_or_create(email, name, password)
    if unit is not None:
        services.add_membership(None, user, unit.id, Role(role))
    _grant_flags(user, site_admin, city_officer)
    db.session.commit()
    if unit is not None:
        click.echo(f"{email} är {role} i {unit.name}.")
    if generated:
        click.echo(f"Lösenord: {generated}")
    elif created and not password:
        _invite(user)


def _find_or_create(email: str, name: str, password: str | None):
    """The user, whether it is new, and a generated password to print (development only)."""
    user = services.find_user(email)
    if user is not None:
        click.echo(f"{email} finns redan; lägger till behörigheten.")
        return user, False, None
    generated = None
    if not password and current_app.config["ENV_NAME"] != "production":
        password = generated = secrets.token_urlsafe(12)
    user = services.create_user(None, email, name or email.split("@")[0], password)
    click.echo(f"Skapade {email}.")
    return user, True, generated


def _invite(user) -> None:
    """Mail the new account its invitation, and print the link for the operator."""
    link = mail.new_link(user, TokenPurpose.INVITATION)
    queued = mail.queue_link(user, TokenPurpose.INVITATION, link)
    db.session.commit()
    click.echo(f"Länk för att välja lösenord (gäller i sju dagar): {link}")
    if not sending.send_now([queued]):
        click.echo("E-postmeddelandet kunde inte skickas nu; `flask mail send-due` försöker igen.")


def _grant_flags(user, site_admin: bool, city_officer: bool) -> None:
    for flag, wanted, label in (
        ("is_site_admin", site_admin, "systemadministratör"),
        ("is_city_officer", city_officer, "stadsövergripande läsare"),
    ):
        if wanted and not getattr(user, flag):
            setattr(user, flag, True)
            record(None, "user.grant", user, right=flag)
            click.echo(f"{user.email} är {label}.")
