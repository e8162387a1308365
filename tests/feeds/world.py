"""Objects the feed routes need in the access matrix: a venue, a series, a draft, a token.

Beside that, the builders tests call: places and demo-like events for feed tests
(one-offs, series across daylight saving, changes).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.core.swedish import STOCKHOLM
from app.directory.models import Organisation, OrganisationKind, Venue
from app.events.models import Event, EventKind, EventStatus
from app.events.occurrences import rebuild_occurrences
from app.extensions import db
from app.feeds.services import token_hash
from tests.conftest import saved


def local(year, month, day, hour=0, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


def make_places(app):
    """The Liljeholmstorget venue (with coordinates) and an organiser."""
    with app.app_context():
        venue = Venue(
            name="Liljeholmstorget",
            slug="liljeholmstorget",
            address="Liljeholmstorget 1",
            postal_code="117 61",
            latitude=59.3105,
            longitude=18.0228,
        )
        hall = Venue(name="Älvsjö bibliotek", slug="alvsjo-bibliotek", address="Älvsjö torg 1")
        org = Organisation(
            name="Liljeholmens företagsgrupp",
            slug="liljeholmens-foretagsgrupp",
            kind=OrganisationKind.BUSINESS_ASSOCIATION,
        )
        db.session.add_all([venue, hall, org])
        return saved(venue, hall, org)


def demo_like(app, make_event, unit) -> dict:
    """Every shape of event Torget has, dated around today so the window holds them."""
    venue, hall, org = make_places(app)
    year = datetime.now(STOCKHOLM).year
    summer = local(year, 6, 4, 16)
    while summer.weekday() != 3:  # Thursdays
        summer += timedelta(days=1)
    moved_from = summer + timedelta(weeks=3)
    cancelled = summer + timedelta(weeks=5)
    events = {
        "dialogue": make_event(
            unit,
            title="Företagsdialog med mingelmässa",
            kind=EventKind.FAIR,
            starts_at=local(year, 12, 9, 9),
            ends_at=local(year, 12, 9, 15, 30),
            venue_id=venue.id,
            organiser_id=org.id,
            description="Dialog om trygghet, kompetens och lokaler.",
        ),
        "summer": make_event(
            unit,
            title="Sommar på torget",
            kind=EventKind.SQUARE_EVENT,
            starts_at=summer,
            ends_at=summer + timedelta(hours=3),
            rrule=f"FREQ=WEEKLY;UNTIL={year}0831",
            venue_id=venue.id,
            changes=[
                {
                    "original_start": moved_from,
                    "starts_at": moved_from + timedelta(days=1, hours=1),
                    "ends_at": moved_from + timedelta(days=1, hours=4),
                    "venue_id": hall.id,
                    "reason": "Regn väntas",
                },
                {"original_start": cancelled, "is_cancelled": True, "reason": "Midsommar"},
            ],
        ),
        "breakfast": make_event(
            unit,
            title="Frukostmöte: Kompetensförsörjning",
            theme="Kompetensförsörjning",
            starts_at=local(year, 2, 3, 8),
            ends_at=local(year, 2, 3, 9, 30),
            rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=10",
            venue_id=hall.id,
        ),
        "monthly": make_event(
            unit,
            title="Företagarträff",
            kind=EventKind.MEETING,
            starts_at=local(year, 9, 4, 18),
            ends_at=local(year, 9, 4, 20),
            rrule=f"FREQ=MONTHLY;BYDAY=1FR;UNTIL={year + 1}0301T235959",
            rdates=[local(year, 12, 22, 18).astimezone(STOCKHOLM).isoformat()],
        ),
        "fair": make_event(
            unit,
            title="Älvsjömässan",
            kind=EventKind.FAIR,
            all_day=True,
            starts_at=local(year, 10, 10),
            ends_at=local(year, 10, 12),
        ),
        "called_off": make_event(
            unit,
            title="Invigning av torget",
            kind=EventKind.INAUGURATION,
            status=EventStatus.CANCELLED,
            cancel_reason="Bygget är försenat",
            starts_at=local(year, 11, 2, 11),
            ends_at=local(year, 11, 2, 12),
        ),
        "draft": make_event(
            unit,
            title="Hemligt utkast",
            status=EventStatus.DRAFT,
            starts_at=local(year, 11, 5, 11),
            ends_at=local(year, 11, 5, 12),
        ),
    }
    return {"venue": venue, "hall": hall, "org": org, **events}


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
