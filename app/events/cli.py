"""`flask events ...`: maintenance of the derived dates."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from app.core.cli import Failure
from app.events.models import Event
from app.events.occurrences import rebuild_occurrences
from app.events.recurrence import RecurrenceError
from app.extensions import db


@click.group("events")
def cli():
    """Events and their dates."""


@cli.command("rebuild-occurrences")
@click.option("--event", "event_id", type=int, help="Only this event (its id).")
@with_appcontext
def rebuild(event_id: int | None):
    """Derive every event's dates again from its rule and per-date changes."""
    query = select(Event).order_by(Event.id)
    if event_id is not None:
        query = query.where(Event.id == event_id)
    events = db.session.scalars(query).all()
    if event_id is not None and not events:
        raise Failure(f"Evenemang {event_id} finns inte.")
    dates = 0
    for event in events:
        try:
            dates += len(rebuild_occurrences(event))
        except RecurrenceError as error:
            db.session.rollback()
            raise Failure(f"Evenemang {event.id} har en ogiltig regel: {error}") from None
    db.session.commit()
    click.echo(f"{len(events)} evenemang, {dates} datum uppdaterade.")
