"""Named queries for venues and organisations."""

from __future__ import annotations

from sqlalchemy import Select, select

from app.directory.models import Organisation, SlugAlias, Venue
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
    """True when another row of `model` has `slug`, now or as an earlier address."""
    query = select(model.id).where(model.slug == slug)
    if except_id is not None:
        query = query.where(model.id != except_id)
    if db.session.scalar(query.limit(1)) is not None:
        return True
    alias = select(SlugAlias.target_id).where(
        SlugAlias.kind == kind_of(model), SlugAlias.slug == slug
    )
    target = db.session.scalar(alias)
    return target is not None and target != except_id


def kind_of(model) -> str:
    return "venue" if model is Venue else "organisation"


def current_slug(model, slug: str) -> str | None:
    """The slug a row that once had `slug` has now, if `slug` is an earlier address."""
    target = db.session.scalar(
        select(SlugAlias.target_id).where(SlugAlias.kind == kind_of(model), SlugAlias.slug == slug)
    )
    return db.session.scalar(select(model.slug).where(model.id == target)) if target else None
