"""Small factories for the public event tests (venues, organisations, Stockholm times)."""

from __future__ import annotations

from datetime import datetime
from itertools import count

from app.core.swedish import STOCKHOLM
from app.directory.models import Organisation, OrganisationKind, Venue
from app.extensions import db
from tests.conftest import saved

_n = count(1)


def local(*parts: int) -> datetime:
    """An aware Stockholm datetime: local(2022, 12, 9, 9, 0)."""
    return datetime(*parts, tzinfo=STOCKHOLM)


def make_venue(app, **values) -> Venue:
    n = next(_n)
    values = {"name": f"Plats {n}", "slug": f"plats-{n}", **values}
    with app.app_context():
        venue = Venue(**values)
        db.session.add(venue)
        return saved(venue)


def make_organisation(app, **values) -> Organisation:
    n = next(_n)
    values = {
        "name": f"Organisation {n}",
        "slug": f"organisation-{n}",
        "kind": OrganisationKind.BUSINESS_ASSOCIATION,
        **values,
    }
    with app.app_context():
        organisation = Organisation(**values)
        db.session.add(organisation)
        return saved(organisation)
