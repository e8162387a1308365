"""`flask registrations retention`: personal data removed 12 months after the date."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from app.db import utcnow
from app.extensions import db
from app.registrations import services


@click.group("registrations")
def cli():
    """Registrations for events."""


@cli.command("retention")
@click.option("--dry-run", is_flag=True, help="Only count what would be removed.")
@with_appcontext
def retention(dry_run: bool):
    """Remove names and e-mail addresses of registrations for dates over 12 months ago."""
    due = db.session.scalars(services.due_for_retention(utcnow())).all()
    if dry_run:
        click.echo(f"{len(due)} anmälningar skulle gallras.")
        return
    count = services.apply_retention(list(due))
    db.session.commit()
    click.echo(f"{count} anmälningar är gallrade: namn, e-post och organisation borttagna.")
