"""`flask awards`: phase transitions by the dates, and retention of contact details."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from app.awards import clock, services
from app.awards import retention as gallring
from app.extensions import db


@click.group("awards")
def cli():
    """Årets lokala företag: phases and retention."""


@cli.command("advance")
@with_appcontext
def advance():
    """Store the phase each cycle's dates give (window closed, ceremony started); logged."""
    changes = services.advance_by_dates(clock.now())
    db.session.commit()
    for cycle, before, after in changes:
        click.echo(f"{cycle.title}: {before} → {after}")
    click.echo(f"{len(changes)} omgångar bytte fas.")


@cli.command("retention")
@click.option("--dry-run", is_flag=True, help="Show what would be removed; change nothing.")
@with_appcontext
def retention(dry_run: bool):
    """Remove nominators' and contact persons' e-mail and phone after the retention period."""
    now = clock.now()
    due = gallring.retention_due(now)
    for cycle, nominations in due:
        verb = "skulle rensas" if dry_run else "rensade"
        click.echo(
            f"{cycle.title}: {len(nominations)} nomineringar {verb} "
            "(e-post och telefon till nominerande och kontaktpersoner)."
        )
        if not dry_run:
            gallring.apply_retention(cycle, nominations, now)
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    if not due:
        click.echo("Inget att rensa.")
