"""What a feed contains: the filter, the select builders and loading into FeedEvents.

A feed loads in a fixed number of queries whatever its size: one light query for
(id, sequence, updated_at) of every event in the feed, then, for the events whose
VEVENT text is not cached, one query for their columns (venue, organiser and unit
joined) and one for their moved and cancelled dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Select, String, and_, exists, func, or_, select, type_coerce
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
    """(id, sequence, updated_at as stored) of every event in the feed, in feed order.

    `updated_at` is read as the database gives it (text on SQLite, a datetime on
    PostgreSQL): it only keys the text cache, and parsing thousands of timestamps on
    every rebuild would cost more than the rebuild itself. `parse_stamp` reads one.
    """
    return (
        select(Event.id, Event.sequence, type_coerce(Event.updated_at, String))
        .where(*conditions(feed))
        .order_by(Event.starts_at, Event.id)
    )


def parse_stamp(value) -> datetime | None:
    """A stored `updated_at` from `stamps` as an aware UTC datetime."""
    if value is None or isinstance(value, datetime):
        return value.astimezone(UTC) if value is not None else None
    parsed = datetime.fromisoformat(value)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def version() -> Select:
    """A cheap fingerprint of all events: the count catches deletions, the max changes."""
    return select(func.count(Event.id), func.max(Event.updated_at))


def _venue_columns(venue) -> list:
    return [
        venue.name.label("venue_name"),
        venue.address.label("venue_address"),
        venue.postal_code.label("venue_postal_code"),
        venue.latitude.label("venue_latitude"),
        venue.longitude.label("venue_longitude"),
    ]


EVENT_COLUMNS = (
    Event.id, Event.uid, Event.title, Event.description, Event.kind, Event.theme, Event.status,
    Event.cancel_reason, Event.all_day, Event.starts_at, Event.ends_at, Event.rrule, Event.rdates,
    Event.sequence, Event.created_at, Event.updated_at,
)  # fmt: skip


def event_rows(feed: FeedFilter, ids: list[int] | None) -> Select:
    """The columns a VEVENT needs, with venue, organiser and unit joined.

    Plain columns rather than ORM objects: a feed reads thousands of rows and
    building objects would cost more than writing the iCalendar text.
    """
    organiser = aliased(Organisation)
    query = (
        select(
            *EVENT_COLUMNS,
            *_venue_columns(Venue),
            organiser.name.label("organiser_name"),
            Unit.name.label("unit_name"),
            Unit.contact_email.label("unit_email"),
        )
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
        select(
            Occurrence.event_id,
            Occurrence.original_start,
            Occurrence.starts_at,
            Occurrence.ends_at,
            Occurrence.is_cancelled,
            Occurrence.reason,
            *_venue_columns(Venue),
        )
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
    for row in db.session.execute(event_rows(feed, by_id)):
        if row.id in wanted:
            events[row.id] = to_feed_event(row, base_url)
    for row in db.session.execute(exception_rows(feed, by_id)):
        if row.event_id in events:
            events[row.event_id].exceptions.append(to_exception(row))
    return events


_STATUS = {EventStatus.PUBLISHED: "CONFIRMED", EventStatus.CANCELLED: "CANCELLED"}


def to_feed_event(row, base_url: str) -> FeedEvent:
    """An event row (see `event_rows`) as the pure builder's record."""
    return FeedEvent(
        uid=row.uid,
        title=row.title,
        description=row.description or "",
        url=f"{base_url}events/{row.id}",
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        all_day=row.all_day,
        rrule=row.rrule,
        rdates=[datetime.fromisoformat(v) for v in row.rdates or ()],
        sequence=row.sequence,
        status=_STATUS.get(row.status, "TENTATIVE"),
        cancel_reason=row.cancel_reason or "",
        created_at=row.created_at,
        updated_at=row.updated_at,
        location=place(row),
        geo=geo(row),
        organizer_name=row.organiser_name or row.unit_name or "",
        organizer_email=row.unit_email or "",
        categories=[c for c in (KIND_LABELS.get(row.kind, ""), row.theme) if c],
    )


def to_exception(row) -> FeedException:
    return FeedException(
        original_start=row.original_start,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        is_cancelled=row.is_cancelled,
        reason=row.reason or "",
        location=place(row),
        geo=geo(row),
    )


def place(row) -> str:
    """'Liljeholmstorget, Liljeholmstorget 1, 117 61 Stockholm' from a row's venue columns."""
    if not row.venue_name:
        return ""
    town = f"{row.venue_postal_code} Stockholm" if row.venue_postal_code else ""
    return ", ".join(p for p in (row.venue_name, row.venue_address, town) if p)


def geo(row) -> tuple[float, float] | None:
    if row.venue_latitude is None or row.venue_longitude is None:
        return None
    return (row.venue_latitude, row.venue_longitude)
