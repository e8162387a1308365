"""`flask units ...`: councils and company boards from the command line."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from app.core.cli import Failure
from app.extensions import db
from app.units import services
from app.units.models import Unit, UnitKind


@click.group("units")
def cli():
    """Manage units (district councils and company boards)."""


@cli.command("create")
@click.argument("slug")
@click.option("--name", required=True, help="Full name, e.g. 'Bromma stadsdelsnämnd'.")
@click.option("--short-name", default="", help="For headings, e.g. 'Bromma'; defaults to the name.")
@click.option("--kind", type=click.Choice([k.value for k in UnitKind]), default="council")
@with_appcontext
def create(slug: str, name: str, short_name: str, kind: str):
    """Create a unit with the public address SLUG (e.g. bromma)."""
    try:
        unit = services.create_unit(None, slug, name, short_name, UnitKind(kind))
    except services.UnitError as error:
        raise Failure(str(error)) from error
    db.session.commit()
    click.echo(f"Skapade {unit.name} ({unit.slug}).")


@cli.command("list")
@with_appcontext
def list_units():
    """List every unit with its slug."""
    for unit in db.session.scalars(select(Unit).order_by(Unit.name)):
        click.echo(f"{unit.slug:30} {unit.kind.value:14} {unit.name}")
