"""`flask pages retention`: accessibility reports are deleted a year after they were handled."""

from __future__ import annotations

from datetime import timedelta

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from app.db import utcnow
from app.extensions import db
from app.pages import services
from app.pages.models import AccessibilityReport

#: The privacy notice promises deletion 12 months after a report is handled.
KEEP_HANDLED = timedelta(days=365)


@click.group("pages")
def cli():
    """Public pages: the accessibility reports' retention."""


@cli.command("retention")
@click.option("--dry-run", is_flag=True, help="Only count what would be deleted.")
@with_appcontext
def retention(dry_run: bool):
    """Delete accessibility reports handled more than 12 months ago."""
    cutoff = utcnow() - KEEP_HANDLED
    due = db.session.scalars(
        select(AccessibilityReport).where(AccessibilityReport.handled_at < cutoff)
    ).all()
    if dry_run:
        click.echo(f"{len(due)} rapporter skulle tas bort.")
        return
    services.delete_reports(due)
    db.session.commit()
    click.echo(f"{len(due)} rapporter är borttagna.")
