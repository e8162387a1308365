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


#: At most this many organisations answer a search.
SEARCH_LIMIT = 20


def search_organisations(text: str, limit: int = SEARCH_LIMIT) -> Select:
    """Organisations whose name holds `text` or whose number starts with its digits; those
    whose name starts with it first."""
    text = text.strip()[:100]
    digits = "".join(ch for ch in text if ch.isdigit())
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    by_name = Organisation.name.ilike(f"%{escaped}%", escape="\\")
    matches = by_name
    if len(digits) >= 4 and len(digits) >= len(text.replace("-", "").replace(" ", "")):
        number = f"{digits[:6]}-{digits[6:]}" if len(digits) > 6 else digits
        matches = by_name | Organisation.org_number.startswith(number)
    starts = Organisation.name.ilike(f"{escaped}%", escape="\\")
    return (
        select(Organisation)
        .where(matches)
        .order_by(starts.desc(), Organisation.name, Organisation.id)
        .limit(limit)
    )


def find_organisation(text: str) -> tuple[Organisation | None, list[Organisation]]:
    """The one organisation `text` names (its number, or its name exactly or in part), else
    None and the candidates (none, or several)."""
    text = text.strip()
    digits = "".join(ch for ch in text if ch.isdigit())
    candidates = db.session.scalars(search_organisations(text, limit=6)).all()
    exact = [
        o for o in candidates
        if o.name.casefold() == text.casefold()
        or (digits and (o.org_number or "").replace("-", "") == digits)
    ]  # fmt: skip
    if len(exact) == 1:
        return exact[0], []
    if len(candidates) == 1:
        return candidates[0], []
    return None, list(candidates)
