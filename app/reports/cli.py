"""`flask reports`: open a period and refresh its drafts from the command line."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from app.core.cli import Failure
from app.extensions import db
from app.reports import services
from app.reports.models import ReportPeriod
from app.reports.periods import PeriodKind, parse_kind
from app.units.models import Unit


@click.group("reports")
def cli():
    """The business report: periods and drafts."""


def _unit_and_kind(unit_slug: str, kind: str) -> tuple[Unit, PeriodKind]:
    unit = db.session.scalar(select(Unit).where(Unit.slug == unit_slug))
    if unit is None:
        raise Failure(f"Enheten {unit_slug!r} finns inte.")
    parsed = parse_kind(kind)
    if parsed is None:
        raise Failure("Perioden ska vara t1, t2 eller vb.")
    return unit, parsed


@cli.command("open")
@click.argument("unit_slug")
@click.argument("year", type=click.IntRange(2000, 2100))
@click.argument("kind")
@with_appcontext
def open_period(unit_slug: str, year: int, kind: str):
    """Open UNIT_SLUG's period KIND (t1, t2, vb) for YEAR, with drafted answers."""
    unit, parsed = _unit_and_kind(unit_slug, kind)
    try:
        period = services.open_period(None, unit, year, parsed, None)
    except services.ReportError as error:
        raise Failure(str(error)) from error
    db.session.commit()
    click.echo(
        f"{unit.name}: {parsed.value.upper()} {year} är öppnad med {len(period.answers)} svar."
    )


@cli.command("regenerate")
@click.argument("unit_slug")
@click.argument("year", type=click.IntRange(2000, 2100))
@click.argument("kind")
@with_appcontext
def regenerate(unit_slug: str, year: int, kind: str):
    """Refresh the drafts of a period from the evidence now; answers are not touched."""
    unit, parsed = _unit_and_kind(unit_slug, kind)
    period = db.session.scalar(
        select(ReportPeriod).filter_by(unit_id=unit.id, year=year, kind=parsed)
    )
    if period is None:
        raise Failure(f"{unit.name} har ingen period {parsed.value.upper()} {year}.")
    changed = services.regenerate(None, period)
    db.session.commit()
    click.echo(f"{changed} utkast ändrades.")
