"""Events for the access matrix: a published event, a draft, another unit's event.

Beside that, the builders tests call: venues, organisations and Stockholm times.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import count

from app.core.swedish import STOCKHOLM
from app.directory.models import Organisation, OrganisationKind, Venue
from app.events.models import Event, EventKind, EventStatus
from app.events.occurrences import rebuild_occurrences
from app.extensions import db
from app.registrations.models import Registration, RegistrationStatus
from app.registrations.services import hash_token
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


#: The secret in the world's cancel link.
CANCEL_TOKEN = "world-cancel-token-0123456789abcdef"


def _event(unit, title: str, status: EventStatus, **values) -> Event:
    start = (datetime.now(STOCKHOLM) + timedelta(days=3)).replace(
        hour=8, minute=0, second=0, microsecond=0
    )
    event = Event(
        unit_id=unit.id,
        title=title,
        kind=EventKind.BREAKFAST_MEETING,
        status=status,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        uid=f"{title.lower().replace(' ', '-')}@world.test",
        published_at=None if status == EventStatus.DRAFT else start - timedelta(days=10),
        **values,
    )
    db.session.add(event)
    db.session.flush()
    rebuild_occurrences(event)
    return event


def extend(world) -> None:
    published = _event(
        world.unit,
        "Öppet frukostmöte",
        EventStatus.PUBLISHED,
        registration_enabled=True,
        capacity=30,
    )
    draft = _event(world.unit, "Hemligt utkast", EventStatus.DRAFT)
    elsewhere = _event(world.other_unit, "Brommas frukost", EventStatus.PUBLISHED)
    registration = Registration(
        event_id=published.id,
        occurrence_start=published.starts_at,
        name="Anna Andersson",
        email="anna@example.org",
        status=RegistrationStatus.CONFIRMED,
        cancel_token_hash=hash_token(CANCEL_TOKEN),
    )
    db.session.add(registration)
    db.session.flush()
    world.objects.update(
        public_event=published,
        draft_event=draft,
        other_unit_event=elsewhere,
        registration=registration,
    )
