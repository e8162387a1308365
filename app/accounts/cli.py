"""`flask users ...`: accounts from the command line."""

from __future__ import annotations

import secrets

import click
from email_validator import EmailNotValidError, validate_email
from flask.cli import with_appcontext
from sqlalchemy import select

from app.accounts import services
from app.accounts.models import Role
from app.core.cli import Failure
from app.extensions import db
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
@click.option("--unit", "unit_slug", required=True, help="The unit's slug, e.g. hagersten-alvsjo.")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--name", default="", help="Full name; defaults to the e-mail's local part.")
@click.option("--password", default=None, help="Omit to generate one and print it.")
@with_appcontext
def create(email: str, unit_slug: str, role: str, name: str, password: str | None):
    """Create a user with a role in a unit, or add the role to an existing user."""
    unit = db.session.scalar(select(Unit).where(Unit.slug == unit_slug))
    if unit is None:
        raise Failure(f"Ingen enhet med slug '{unit_slug}'.")
    if not _is_email(email):
        raise Failure(f"'{email[:100]}' är ingen e-postadress.")
    user = services.find_user(email)
    generated = None
    if user is None:
        generated = password or secrets.token_urlsafe(12)
        user = services.create_user(None, email, name or email.split("@")[0], generated)
        click.echo(f"Skapade {email}.")
    else:
        click.echo(f"{email} finns redan; lägger till rollen.")
    services.add_membership(None, user, unit.id, Role(role))
    db.session.commit()
    click.echo(f"{email} är {role} i {unit.name}.")
    if generated and not password:
        click.echo(f"Lösenord: {generated}")
