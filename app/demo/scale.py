"""`flask demo scale`: a city-scale database for benchmarks, written with bulk inserts.

45 units, 10,000 events of which 500 are weekly series (each with one moved and one
cancelled date), spread from a year back to a year ahead, about 20,000 dates. Rows
go in with one multi-row INSERT per table and batch, not through the ORM's unit of
work, so the whole city takes seconds. Everything it makes has a slug starting with
`skala-`; running it again first removes the previous run's rows.
"""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import delete, insert, select

from app.core.cli import Failure
from app.core.swedish import STOCKHOLM
from app.db import utcnow
from app.directory.models import Organisation, OrganisationKind, Venue
from app.events.models import Event, EventKind, EventStatus, Occurrence, OccurrenceChange
from app.events.recurrence import expand
from app.extensions import db
from app.units.models import Unit, UnitKind

PREFIX = "skala-"
BATCH = 2000
KINDS = list(EventKind)


@click.command("scale")
@click.option("--events", default=10_000, show_default=True, help="Events in all.")
@click.option("--series", default=500, show_default=True, help="Of which weekly series.")
@click.option("--units", default=45, show_default=True, help="Units to spread them over.")
@click.option("--venues", default=300, show_default=True, help="Venues to hold them.")
@click.option("--seed", default=2022, show_default=True, help="Random seed (same seed, same city).")
@with_appcontext
def scale(events: int, series: int, units: int, venues: int, seed: int):
    """Fill the database with a city's worth of events for benchmarks."""
    if current_app.config["ENV_NAME"] == "production":
        raise Failure("Skaldata laddas inte i produktion (TORGET_ENV=production).")
    if not 0 <= series <= events or units < 1 or venues < 1 or events > 200_000:
        raise Failure("Ange 0 ≤ series ≤ events ≤ 200000 och minst en enhet och en plats.")
    started = time.monotonic()
    remove_previous()
    made = build_city(events, series, units, venues, random.Random(seed))
    db.session.commit()
    click.echo(
        f"{made['events']} evenemang ({series} serier), {made['occurrences']} datum, "
        f"{units} enheter, {venues} platser på {time.monotonic() - started:.1f} s."
    )


def remove_previous() -> None:
    """Delete the rows of an earlier run (events and dates go with their units)."""
    unit_ids = select(Unit.id).where(Unit.slug.startswith(PREFIX))
    db.session.execute(delete(Occurrence).where(Occurrence.unit_id.in_(unit_ids)))
    event_ids = select(Event.id).where(Event.unit_id.in_(unit_ids))
    db.session.execute(delete(OccurrenceChange).where(OccurrenceChange.event_id.in_(event_ids)))
    db.session.execute(delete(Event).where(Event.unit_id.in_(unit_ids)))
    db.session.execute(delete(Unit).where(Unit.slug.startswith(PREFIX)))
    db.session.execute(delete(Venue).where(Venue.slug.startswith(PREFIX)))
    db.session.execute(delete(Organisation).where(Organisation.slug.startswith(PREFIX)))


def build_city(n_events: int, n_series: int, n_units: int, n_venues: int, rng) -> dict:
    """Insert units, venues, organisations, events, changes and dates; returns counts."""
    unit_ids = bulk(Unit, [unit_row(i) for i in range(n_units)], "slug")
    venue_ids = bulk(Venue, [venue_row(i, rng) for i in range(n_venues)], "slug")
    org_ids = bulk(Organisation, [org_row(i) for i in range(max(n_units * 2, 1))], "slug")
    now = utcnow().replace(minute=0, second=0, microsecond=0)
    rows = [
        event_row(i, i < n_series, now, rng, unit_ids, venue_ids, org_ids) for i in range(n_events)
    ]
    event_ids = bulk(Event, rows, "uid")
    changes, occurrences = [], []
    for event_id, row in zip(event_ids, rows, strict=True):
        event_changes = series_changes(event_id, row, venue_ids, rng) if row["rrule"] else []
        changes.extend(event_changes)
        occurrences.extend(dates_of(event_id, row, event_changes))
    bulk(OccurrenceChange, changes)
    bulk(Occurrence, occurrences)
    return {"events": len(event_ids), "occurrences": len(occurrences)}


def bulk(model, rows: list[dict], key: str | None = None) -> list[int]:
    """Insert rows in batches; with `key`, the new ids in the order of `rows`.

    The ids are read back by the rows' unique key in one query: RETURNING with a
    guaranteed order makes SQLAlchemy fall back to slower batches on some drivers.
    """
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(model), rows[start : start + BATCH])
    if key is None:
        return []
    column = getattr(model, key)
    found = dict(
        db.session.execute(select(column, model.id).where(column.startswith(PREFIX))).all()
    )
    return [found[row[key]] for row in rows]


def unit_row(i: int) -> dict:
    return {
        "name": f"Skalenhet {i + 1} stadsdelsnämnd",
        "short_name": f"Skalenhet {i + 1}",
        "slug": f"{PREFIX}enhet-{i + 1}",
        "kind": UnitKind.COUNCIL,
        "contact_email": f"enhet{i + 1}@skala.example.org",
    }


def venue_row(i: int, rng) -> dict:
    return {
        "name": f"Skaltorget {i + 1}",
        "slug": f"{PREFIX}torg-{i + 1}",
        "address": f"Skalgatan {i + 1}",
        "postal_code": f"1{i % 90 + 10:02d} {i % 90 + 10:02d}",
        "latitude": 59.2 + rng.random() * 0.2,
        "longitude": 17.9 + rng.random() * 0.3,
    }


def org_row(i: int) -> dict:
    return {
        "name": f"Skalföreningen {i + 1}",
        "slug": f"{PREFIX}forening-{i + 1}",
        "kind": OrganisationKind.ASSOCIATION,
    }


def event_row(i: int, is_series: bool, now: datetime, rng, unit_ids, venue_ids, org_ids) -> dict:
    """One event, a weekly series for the first `series` ones, at a local whole hour."""
    day = now + timedelta(days=rng.randint(-330, 380))
    local = day.astimezone(STOCKHOLM).replace(hour=rng.choice((8, 12, 16, 18)), minute=0)
    starts_at = local.astimezone(UTC)
    status = rng.choices(
        [EventStatus.PUBLISHED, EventStatus.DRAFT, EventStatus.CANCELLED], [92, 5, 3]
    )[0]
    return {
        "unit_id": unit_ids[i % len(unit_ids)],
        "title": f"{'Serie' if is_series else 'Evenemang'} {i + 1}: företagande i staden",
        "description": "Frukost, samtal och mingel för företagare.\nVälkommen!",
        "kind": KINDS[i % len(KINDS)],
        "theme": "Kompetensförsörjning" if i % 3 == 0 else "",
        "status": status,
        "published_at": None if status == EventStatus.DRAFT else starts_at - timedelta(days=30),
        "all_day": False,
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=2),
        "rrule": f"FREQ=WEEKLY;COUNT={rng.randint(8, 30)}" if is_series else None,
        "rdates": [],
        "venue_id": venue_ids[i % len(venue_ids)],
        "organiser_id": org_ids[i % len(org_ids)] if i % 2 else None,
        "uid": f"{PREFIX}{i + 1}@skala.torget",
        "sequence": 0,
        "source": "torget",
        "created_at": starts_at - timedelta(days=40),
        "updated_at": starts_at - timedelta(days=30),
    }


def series_changes(event_id: int, row: dict, venue_ids, rng) -> list[dict]:
    """The third date moved a day later to another venue; the fifth cancelled."""
    starts = expand(row["rrule"], row["starts_at"])
    moved, cancelled = starts[2], starts[4]
    return [
        {
            "event_id": event_id,
            "original_start": moved,
            "starts_at": moved + timedelta(days=1),
            "ends_at": moved + timedelta(days=1, hours=2),
            "venue_id": rng.choice(venue_ids),
            "is_cancelled": False,
            "reason": "Flyttat till en större lokal",
            "updated_at": row["updated_at"],
        },
        {
            "event_id": event_id,
            "original_start": cancelled,
            "starts_at": None,
            "ends_at": None,
            "venue_id": None,
            "is_cancelled": True,
            "reason": "Inställt på grund av väder",
            "updated_at": row["updated_at"],
        },
    ]


def dates_of(event_id: int, row: dict, changes: list[dict]) -> list[dict]:
    """Occurrence rows as `rebuild_occurrences` would derive them."""
    by_start = {change["original_start"]: change for change in changes}
    duration = row["ends_at"] - row["starts_at"]
    rows = []
    for original in expand(row["rrule"], row["starts_at"]):
        change = by_start.get(original, {})
        starts_at = change.get("starts_at") or original
        rows.append(
            {
                "event_id": event_id,
                "unit_id": row["unit_id"],
                "original_start": original,
                "starts_at": starts_at,
                "ends_at": change.get("ends_at") or starts_at + duration,
                "venue_id": change.get("venue_id") or row["venue_id"],
                "is_moved": bool(change.get("starts_at") or change.get("venue_id")),
                "is_cancelled": bool(change.get("is_cancelled")),
                "reason": change.get("reason", ""),
            }
        )
    return rows
