"""`flask feeds import`: read a partner's .ics file into a unit's events."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from app.core.cli import Failure
from app.directory.models import Organisation
from app.extensions import db
from app.feeds import importer, services
from app.units.models import Unit


@click.group("feeds")
def cli():
    """Calendar feeds: import partners' iCalendar files."""


@cli.command("import")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--unit", "unit_slug", required=True, help="The unit the events belong to (slug).")
@click.option("--organisation", "organisation_slug", help="The organiser of every event (slug).")
@click.option("--draft", is_flag=True, help="Import as drafts instead of published events.")
@click.option("--dry-run", is_flag=True, help="Show what would happen without saving anything.")
@with_appcontext
def import_file(
    path: Path, unit_slug: str, organisation_slug: str | None, draft: bool, dry_run: bool
):
    """Import every VEVENT of PATH into the unit; re-importing updates by UID."""
    unit = db.session.scalar(select(Unit).where(Unit.slug == unit_slug))
    if unit is None:
        raise Failure(f"Enheten {unit_slug} finns inte.")
    organisation = None
    if organisation_slug:
        organisation = db.session.scalar(
            select(Organisation).where(Organisation.slug == organisation_slug)
        )
        if organisation is None:
            raise Failure(f"Organisationen {organisation_slug} finns inte.")
    parsed = read(path)
    result = services.import_calendar(None, unit, parsed, organisation, as_draft=draft)
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    report(result, dry_run)


def read(path: Path) -> importer.ParsedCalendar:
    """The parsed file, or a one-line refusal."""
    try:
        with path.open("rb") as handle:
            data = handle.read(importer.MAX_BYTES + 1)
    except OSError as error:
        raise Failure(f"Filen kan inte öppnas: {error.strerror or error}.") from None
    try:
        return importer.parse(data)
    except importer.UnreadableCalendar as error:
        raise Failure(str(error)) from None


def report(result: services.ImportResult, dry_run: bool) -> None:
    """Print the counts and every skipped event with its reason."""
    prefix = "Provläsning, inget sparat: " if dry_run else ""
    click.echo(
        f"{prefix}{result.created} nya, {result.updated} uppdaterade, "
        f"{result.unchanged} oförändrade, {len(result.skipped)} överhoppade."
    )
    for skipped in result.skipped:
        click.echo(
            f"  Hoppade över {skipped.title or '(utan rubrik)'} [{skipped.uid}]: {skipped.reason}"
        )
