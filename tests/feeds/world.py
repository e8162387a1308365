"""Objects the feed routes need in the access matrix: a venue, a series, a draft, a token."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.core.swedish import STOCKHOLM
from app.directory.models import Organisation, OrganisationKind, Venue
from app.events.models import Event, EventKind, EventStatus
from app.events.occurrences import rebuild_occurrences
from app.extensions import db
from app.feeds.services import token_hash

#: The organiser's private feed token in the access matrix.
TOKEN = "access-matrix-feed-token"


def _event(world, uid: str, status: EventStatus, venue: Venue, org: Organisation) -> Event:
    start = datetime.now(STOCKHOLM).replace(hour=8, minute=0, second=0, microsecond=0)
    start += timedelta(days=7)
    event = Event(
        unit_id=world.unit.id,
        uid=uid,
        title=f"Flödestest {status.value}",
        kind=EventKind.SQUARE_EVENT,
        status=status,
        published_at=start - timedelta(days=30) if status != EventStatus.DRAFT else None,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        rrule="FREQ=WEEKLY;COUNT=4",
        venue_id=venue.id,
        organiser_id=org.id,
    )
    db.session.add(event)
    db.session.flush()
    rebuild_occurrences(event)
    return event


def extend(world) -> None:
    """A public weekly series and a draft in the unit; the organiser has a private feed."""
    venue = Venue(name="Flödestorget", slug="flodestorget")
    org = Organisation(
        name="Flödesföreningen", slug="flodesforeningen", kind=OrganisationKind.ASSOCIATION
    )
    db.session.add_all([venue, org])
    db.session.flush()
    world.objects.update(
        feeds_venue=venue,
        feeds_org=org,
        feeds_series=_event(world, "feeds-series@torget.test", EventStatus.PUBLISHED, venue, org),
        feeds_draft=_event(world, "feeds-draft@torget.test", EventStatus.DRAFT, venue, org),
    )
    world.users["organiser"].feed_token_hash = token_hash(TOKEN)
