"""The seam between events and whoever takes part in them.

Events do not know about registrations: a change to an event is announced as an
`EventChange`, and the feature wired as the event's attendance (`Wiring.attendance` in
`app/wiring.py`, today `app.registrations.attendance`) answers what events need to ask
of it: which dates people hold, how many places are taken, and the mails a change
sends. Without one wired, events work alone: nobody holds a date, nothing is sent.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from app.core import wiring
from app.db import utcnow
from app.events.models import Event


class Change(enum.StrEnum):
    """What happened to the dates a change is about."""

    EVENT_CANCELLED = "event_cancelled"
    DATE_CANCELLED = "date_cancelled"
    DATE_MOVED = "date_moved"
    #: A moved or cancelled date back at the rule's time and place.
    DATE_RESTORED = "date_restored"
    #: The whole event edited: a new place or end time for the dates, maybe more places.
    EVENT_CHANGED = "event_changed"


#: The changes after which the date takes place, so a confirmed place gets the new time.
NEW_TIME = (Change.DATE_MOVED, Change.DATE_RESTORED, Change.EVENT_CHANGED)


@dataclass(frozen=True)
class Was:
    """A date's time and place before a change, for a notice to show beside the new."""

    starts_at: datetime
    ends_at: datetime
    venue: object


@dataclass(frozen=True)
class EventChange:
    """One change a service made to an event, for the features that follow the event."""

    event: Event
    kind: Change
    reason: str = ""
    #: Original starts of the dates concerned; None: every coming date not cancelled.
    starts: tuple[datetime, ...] | None = None
    #: For an edit: each coming date's time and place before it (`coming_dates`).
    before: dict[datetime, Was] = field(default_factory=dict)
    #: For an edit: the event now has more places than before.
    capacity_raised: bool = False


def coming_dates(event: Event) -> dict[datetime, Was]:
    """Each coming, not cancelled date's time and place, to compare after an edit."""
    now = utcnow()
    return {
        o.original_start: Was(o.starts_at, o.ends_at, o.venue)
        for o in event.occurrences
        if o.ends_at > now and not o.is_cancelled
    }


class Attendance(Protocol):
    """What events ask of the feature that takes registrations."""

    def held_dates(self, event_id: int) -> set[datetime]:
        """Original starts someone holds a place or a queue number on."""

    def most_confirmed(self, event_id: int) -> int:
        """The largest number of confirmed places on any one date."""

    def coming_counts(self, event_ids: list[int], now: datetime) -> dict[int, tuple[int, int]]:
        """Per event: (places taken, people waiting) on its dates not yet ended."""

    def after_change(self, actor, change: EventChange) -> list:
        """Do what the change means for the people (fill raised capacity, queue their
        notices) and return the queued mails, to send after the commit."""


class NoAttendance:
    """Events without registrations: nobody holds anything, nobody is told."""

    def held_dates(self, event_id: int) -> set[datetime]:
        return set()

    def most_confirmed(self, event_id: int) -> int:
        return 0

    def coming_counts(self, event_ids: list[int], now: datetime) -> dict[int, tuple[int, int]]:
        return {}

    def after_change(self, actor, change: EventChange) -> list:
        return []


def attendance() -> Attendance:
    """The running application's attendance, or one that holds nothing."""
    return wiring.of().attendance or NoAttendance()


def announce(actor, change: EventChange) -> list:
    """Tell the attendance about `change`; returns the mails it queued."""
    return attendance().after_change(actor, change)
