"""Named queries for venues and organisations."""

from __future__ import annotations

from sqlalchemy import Select, select

from app.directory.models import Organisation, Venue
from app.extensions import db


def venues() -> Select:
    """Every venue by name."""
    return select(Venue).order_by(Venue.name, Venue.id)


def organisations() -> Select:
    """Every organisation by name."""
    return select(Organisation).order_by(Organisation.name, Organisation.id)


def venue_choices() -> list[tuple[int, str]]:
    """(id, name) of every venue, for a select."""
    return [(v.id, v.name) for v in db.session.scalars(venues())]


def organisation_choices() -> list[tuple[int, str]]:
    """(id, name) of every organisation, for a select."""
    return [(o.id, o.name) for o in db.session.scalars(organisations())]


def slug_taken(model, slug: str, except_id: int | None = None) -> bool:
    """True when another row of `model` already has `slug`."""
    query = select(model.id).where(model.slug == slug)
    if except_id is not None:
        query = query.where(model.id != except_id)
    return db.session.scalar(query.limit(1)) is not None
