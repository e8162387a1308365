"""What a feed contains: the filter, the select builders and loading into FeedEvents.

A feed loads in a fixed number of queries whatever its size: one light query for
(id, sequence, updated_at) of every event in the feed, then, for the events whose
VEVENT text is not cached, one query for their columns (venue, organiser and unit
joined) and one for their moved and cancelled dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import aliased

from app.directory.models import Organisation, Venue
from app.events.models import Event, EventKind, EventPartner, EventStatus, Occurrence
from app.events.recurrence import local_day_bounds
from app.extensions import db
from app.feeds.ical import KIND_LABELS, FeedEvent, FeedException
from app.units.models import Unit

#: A public feed reaches this far back unless `from` asks for more.
WINDOW = timedelta(days=365)
#: Above this many uncached events, load by the feed's filter instead of by id.
MAX_IDS = 500


@dataclass(frozen=True)
class FeedFilter:
    """Which events a feed holds; every field narrows it."""

    unit_id: int | None = None
    venue_id: int | None = None
    organisation_id: int | None = None
    event_id: int | None = None
    kind: EventKind | None = None
    #: First and last local day asked for; None means the default window / no end.
    from_day: date | None = None
    to_day: date | None = None
    #: Private feeds: drafts of these units are included too.
    draft_unit_ids: tuple[int, ...] = ()
    #: Private feeds of a city officer: drafts of every unit.
    all_drafts: bool = False
    #: The single-event download ignores the window.
    whole: bool = False

    def key(self) -> tuple:
        """Part of the cache key; the window moves with the day."""
        return (*(getattr(self, f) for f in self.__dataclass_fields__), date.today())


def window_start(feed: FeedFilter, today: date | None = None) -> datetime | None:
    """The earliest end a date may have: a year back, or earlier when `from` asks."""
    if feed.whole:
        return None
    today = today or datetime.now(UTC).date()
    default = today - WINDOW
    day = feed.from_day if feed.from_day is not None else default
    return local_day_bounds(day)[0]


def visible(feed: FeedFilter):
    """Published events, events cancelled after publishing, and the allowed drafts."""
    public = or_(
        Event.status == EventStatus.PUBLISHED,
        and_(Event.status == EventStatus.CANCELLED, Event.published_at.is_not(None)),
    )
    if feed.all_drafts:
        return Event.status.is_not(None)
    if feed.draft_unit_ids:
        return or_(public, Event.unit_id.in_(feed.draft_unit_ids))
    return public


def conditions(feed: FeedFilter) -> list:
    """The WHERE clauses of a feed over Event."""
    where = [visible(feed)]
    if feed.event_id is not None:
        where.append(Event.id == feed.event_id)
    if feed.unit_id is not None:
        where.append(Event.unit_id == feed.unit_id)
    if feed.kind is not None:
        where.append(Event.kind == feed.kind)
    if feed.organisation_id is not None:
        partner = exists().where(
            EventPartner.event_id == Event.id,
            EventPartner.organisation_id == feed.organisation_id,
        )
        where.append(or_(Event.organiser_id == feed.organisation_id, partner))
    dates = _date_conditions(feed)
    if dates:
        where.append(exists().where(Occurrence.event_id == Event.id, *dates))
    return where


def _date_conditions(feed: FeedFilter) -> list:
    dates = []
    start = window_start(feed)
    if start is not None:
        dates.append(Occurrence.ends_at > start)
    if feed.to_day is not None:
        dates.append(Occurrence.starts_at < local_day_bounds(feed.to_day)[1])
    if feed.venue_id is not None:
        dates.append(Occurrence.venue_id == feed.venue_id)
    return dates


def stamps(feed: FeedFilter) -> Select:
    """(id, sequence, updated_at) of every event in the feed, in feed order."""
    return (
        select(Event.id, Event.sequence, Event.updated_at)
        .where(*conditions(feed))
        .order_by(Event.starts_at, Event.id)
    )


def version() -> Select:
    """A cheap fingerprint of all events: the count catches deletions, the max changes."""
    return select(func.count(Event.id), func.max(Event.updated_at))


def event_rows(feed: FeedFilter, ids: list[int] | None) -> Select:
    """The columns a VEVENT needs, with venue, organiser and unit joined."""
    organiser = aliased(Organisation)
    query = (
        select(Event, Venue, organiser.name, Unit.name, Unit.contact_email)
        .join(Unit, Unit.id == Event.unit_id)
        .outerjoin(Venue, Venue.id == Event.venue_id)
        .outerjoin(organiser, organiser.id == Event.organiser_id)
    )
    if ids is not None:
        return query.where(Event.id.in_(ids))
    return query.where(*conditions(feed))


def exception_rows(feed: FeedFilter, ids: list[int] | None) -> Select:
    """Moved and cancelled dates of the events, with the venue of each date."""
    query = (
        select(Occurrence, Venue)
        .outerjoin(Venue, Venue.id == Occurrence.venue_id)
        .where(or_(Occurrence.is_moved, Occurrence.is_cancelled))
        .order_by(Occurrence.event_id, Occurrence.original_start)
    )
    if ids is not None:
        return query.where(Occurrence.event_id.in_(ids))
    inner = select(Event.id).where(*conditions(feed))
    return query.where(Occurrence.event_id.in_(inner))


def load_events(feed: FeedFilter, ids: list[int], base_url: str) -> dict[int, FeedEvent]:
    """FeedEvents for these ids of the feed, in two queries."""
    by_id = None if len(ids) > MAX_IDS else ids
    wanted = set(ids)
    events: dict[int, FeedEvent] = {}
    for event, venue, organiser, unit_name, email in db.session.execute(
        event_rows(feed, by_id)
    ).tuples():
        if event.id in wanted:
            events[event.id] = to_feed_event(event, venue, organiser or unit_name, email, base_url)
    for occurrence, venue in db.session.execute(exception_rows(feed, by_id)).tuples():
        if occurrence.event_id in events:
            events[occurrence.event_id].exceptions.append(to_exception(occurrence, venue))
    return events


def to_feed_event(event: Event, venue, organiser: str, email: str, base_url: str) -> FeedEvent:
    """An Event row as the pure builder's record."""
    status = {"published": "CONFIRMED", "cancelled": "CANCELLED"}.get(event.status, "TENTATIVE")
    return FeedEvent(
        uid=event.uid,
        title=event.title,
        description=event.description or "",
        url=f"{base_url}events/{event.id}",
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        all_day=event.all_day,
        rrule=event.rrule,
        rdates=[datetime.fromisoformat(v) for v in event.rdates or ()],
        sequence=event.sequence,
        status=status,
        cancel_reason=event.cancel_reason or "",
        created_at=event.created_at,
        updated_at=event.updated_at,
        location=place(venue),
        geo=geo(venue),
        organizer_name=organiser or "",
        organizer_email=email or "",
        categories=[c for c in (KIND_LABELS.get(event.kind, ""), event.theme) if c],
    )


def to_exception(occurrence: Occurrence, venue) -> FeedException:
    return FeedException(
        original_start=occurrence.original_start,
        starts_at=occurrence.starts_at,
        ends_at=occurrence.ends_at,
        is_cancelled=occurrence.is_cancelled,
        reason=occurrence.reason or "",
        location=place(venue),
        geo=geo(venue),
    )


def place(venue) -> str:
    """'Liljeholmstorget, Liljeholmstorget 1, 117 61 Stockholm'."""
    if venue is None:
        return ""
    town = " ".join(p for p in (venue.postal_code, "Stockholm" if venue.postal_code else "") if p)
    return ", ".join(p for p in (venue.name, venue.address, town) if p)


def geo(venue) -> tuple[float, float] | None:
    if venue is None or venue.latitude is None or venue.longitude is None:
        return None
    return (venue.latitude, venue.longitude)
