"""Importing calendars into a unit and issuing private feed tokens; flush, never commit.

Imported events are published by default: the partner has already published them
in its own calendar, and a re-import must not hide them again. The organiser may
import them as drafts instead (`--draft`, or the form's checkbox) to review first.
An event Torget created itself is never overwritten by an import with its UID.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass, field

from sqlalchemy import select

from app.accounts.models import User
from app.audit.services import record
from app.db import utcnow
from app.directory.models import Organisation, Venue
from app.events.models import Event, EventKind, EventStatus, OccurrenceChange
from app.events.occurrences import rebuild_occurrences
from app.events.services import when_change_refused
from app.extensions import db
from app.feeds.importer import ImportedEvent, ParsedCalendar, Skipped
from app.units.models import Unit

logger = logging.getLogger(__name__)


@dataclass
class ImportResult:
    """What an import did: counts and the skipped events with their reasons."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def issue_feed_token(actor: User) -> str:
    """A new private feed token for `actor`; the old one stops working. Returns it once."""
    token = secrets.token_urlsafe(32)
    actor.feed_token_hash = token_hash(token)
    record(actor, "feed.token_issued", actor)
    db.session.flush()
    return token


def revoke_feed_token(actor: User) -> None:
    """Turn the private feed off."""
    actor.feed_token_hash = None
    record(actor, "feed.token_revoked", actor)
    db.session.flush()


def user_for_token(token: str) -> User | None:
    """The active user whose private feed this token opens."""
    if not token or len(token) > 200:
        return None
    user = db.session.scalar(select(User).where(User.feed_token_hash == token_hash(token)))
    return user if user is not None and user.is_active else None


def import_calendar(
    actor: User | None,
    unit: Unit,
    parsed: ParsedCalendar,
    organisation: Organisation | None = None,
    as_draft: bool = False,
) -> ImportResult:
    """Create or update the unit's events from a parsed file, by UID; flushes."""
    result = ImportResult(skipped=list(parsed.skipped))
    uids = [event.uid for event in parsed.events]
    existing = {e.uid: e for e in db.session.scalars(select(Event).where(Event.uid.in_(uids)))}
    venues = {v.name.strip().lower(): v for v in db.session.scalars(select(Venue))}
    for imported in parsed.events:
        event = existing.get(imported.uid)
        reason = conflict(event, unit)
        if reason:
            result.skipped.append(Skipped(imported.uid, imported.title, reason))
            continue
        values = event_values(imported, venues, organisation, as_draft)
        if event is None:
            create_event(actor, unit, imported, values, venues)
            result.created += 1
        elif same(event, values, change_values(imported, venues)):
            result.unchanged += 1
        elif refused := when_change_refused(actor, event):
            result.skipped.append(Skipped(imported.uid, imported.title, refused))
        else:
            update_event(actor, event, imported, values, venues)
            result.updated += 1
    record(
        actor,
        "feed.imported",
        unit,
        unit_id=unit.id,
        created=result.created,
        updated=result.updated,
        unchanged=result.unchanged,
        skipped=len(result.skipped),
    )
    return result


def conflict(event: Event | None, unit: Unit) -> str:
    """Why an existing event with the same UID may not be overwritten, or ''."""
    if event is None:
        return ""
    if event.unit_id != unit.id:
        return "UID finns redan hos en annan enhet"
    if event.source != "import":
        return "evenemanget skapades i Torget och skrivs inte över av en import"
    return ""


def venue_for(location: str, venues: dict[str, Venue]) -> Venue | None:
    """The venue named first in LOCATION ("Liljeholmstorget, Liljeholmstorget 1, ...")."""
    return venues.get(location.split(",")[0].strip().lower()) if location else None


def event_values(imported: ImportedEvent, venues, organisation, as_draft: bool) -> dict:
    """The Event columns an imported event sets."""
    venue = venue_for(imported.location, venues)
    description = imported.description
    if imported.location and venue is None:
        description = f"{description}\n\nPlats: {imported.location}".strip()
    status = EventStatus.CANCELLED if imported.cancelled else EventStatus.PUBLISHED
    return {
        "title": imported.title,
        "description": description,
        "kind": EventKind(imported.kind),
        "status": EventStatus.DRAFT if as_draft else status,
        "all_day": imported.all_day,
        "starts_at": imported.starts_at,
        "ends_at": imported.ends_at,
        "rrule": imported.rrule,
        "rdates": [d.isoformat() for d in sorted(imported.rdates)],
        "venue_id": venue.id if venue else None,
        "organiser_id": organisation.id if organisation else None,
    }


def change_values(imported: ImportedEvent, venues) -> list[dict]:
    """The per-date changes as OccurrenceChange columns, sorted by date."""
    rows = []
    for change in sorted(imported.changes, key=lambda c: c.original_start):
        venue = venue_for(change.location, venues)
        rows.append(
            {
                "original_start": change.original_start,
                "starts_at": change.starts_at,
                "ends_at": change.ends_at,
                "venue_id": venue.id if venue else None,
                "is_cancelled": change.is_cancelled,
            }
        )
    return rows


def create_event(actor, unit: Unit, imported: ImportedEvent, values: dict, venues) -> Event:
    """A new imported event with its changes and dates."""
    now = utcnow()
    event = Event(unit_id=unit.id, uid=imported.uid, source="import", sequence=0, **values)
    event.created_by_id = event.updated_by_id = actor.id if actor else None
    event.created_at = event.updated_at = now
    if event.status != EventStatus.DRAFT:
        event.published_at = now
    db.session.add(event)
    db.session.flush()
    for row in change_values(imported, venues):
        db.session.add(
            OccurrenceChange(event_id=event.id, updated_by_id=event.updated_by_id, **row)
        )
    db.session.flush()
    db.session.refresh(event, ["changes"])
    rebuild_occurrences(event)
    record(actor, "event.imported", event, uid=event.uid)
    return event


def update_event(actor, event: Event, imported: ImportedEvent, values: dict, venues) -> None:
    """Apply a re-imported event that differs from what is stored."""
    changes = change_values(imported, venues)
    for key, value in values.items():
        setattr(event, key, value)
    event.changes.clear()
    db.session.flush()
    for row in changes:
        event.changes.append(OccurrenceChange(updated_by_id=actor.id if actor else None, **row))
    if event.published_at is None and event.status != EventStatus.DRAFT:
        event.published_at = utcnow()
    if event.published_at is not None:
        event.sequence += 1
    event.updated_at = utcnow()
    event.updated_by_id = actor.id if actor else None
    db.session.flush()
    rebuild_occurrences(event)
    record(actor, "event.import_updated", event, uid=event.uid)


def same(event: Event, values: dict, changes: list[dict]) -> bool:
    """True when the stored event already says what the file says."""
    if any(getattr(event, key) != value for key, value in values.items()):
        return False
    stored = [
        {
            "original_start": c.original_start,
            "starts_at": c.starts_at,
            "ends_at": c.ends_at,
            "venue_id": c.venue_id,
            "is_cancelled": c.is_cancelled,
        }
        for c in sorted(event.changes, key=lambda c: c.original_start)
    ]
    return stored == changes
