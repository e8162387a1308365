"""What organisers do with events: verbs that take the actor, flush, log; never commit.

Every change to an event, one of its dates or its rule sets `updated_at`, raises the
iCalendar SEQUENCE once the event has been published (so calendar programs replace
their copy), rebuilds the derived dates and writes the audit log.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.audit.services import record
from app.core import formatting, wiring
from app.core.swedish import STOCKHOLM
from app.db import utcnow
from app.directory.models import Organisation, Venue
from app.events import queries, recurrence
from app.events.attendance import Change, EventChange, attendance, coming_dates
from app.events.models import (
    Event,
    EventKind,
    EventPartner,
    EventStatus,
    Occurrence,
    OccurrenceChange,
    Outcome,
    PartnerRole,
    SupportKind,
)
from app.events.occurrences import original_starts, rebuild_occurrences
from app.extensions import db
from app.policy.models import FocusArea, ReportQuestion

logger = logging.getLogger(__name__)


class EventError(ValueError):
    """A broken rule; `field` names the form field the message belongs beside."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass
class EventValues:
    """Everything the event form edits, already parsed."""

    title: str
    kind: EventKind
    starts_at: datetime
    ends_at: datetime
    description: str = ""
    theme: str = ""
    all_day: bool = False
    rrule: str | None = None
    venue_id: int | None = None
    organiser_id: int | None = None
    support_kind: SupportKind | None = None
    support_note: str = ""
    partners: list[tuple[int, PartnerRole]] = field(default_factory=list)
    focus_area_ids: list[int] = field(default_factory=list)
    question_ids: list[int] = field(default_factory=list)
    registration_enabled: bool = False
    capacity: int | None = None
    waiting_list: bool = True
    registration_closes_at: datetime | None = None


@dataclass
class OutcomeValues:
    """What the outcome form records for one held date."""

    attendance: int | None = None
    companies: int | None = None
    summary: str = ""
    needs: list[str] = field(default_factory=list)
    needs_note: str = ""
    follow_ups: str = ""
    follow_up_unit: str = ""
    partner_ids: list[int] = field(default_factory=list)


def touch(actor, event: Event, dates_changed: bool = True) -> None:
    """Mark a change: timestamp, author, SEQUENCE once published, fresh dates."""
    event.updated_at = utcnow()
    event.updated_by_id = actor.id if actor is not None else None
    if event.published_at is not None:
        event.sequence = (event.sequence or 0) + 1
    db.session.flush()
    if dates_changed:
        rebuild_occurrences(event)


#: The event's own columns that the form edits (and a duplicate copies).
COPIED = (
    "title",
    "kind",
    "starts_at",
    "ends_at",
    "description",
    "theme",
    "all_day",
    "rrule",
    "venue_id",
    "organiser_id",
    "support_kind",
    "support_note",
    "registration_enabled",
    "capacity",
    "waiting_list",
    "registration_closes_at",
)


def _apply(event: Event, values: EventValues) -> None:
    for name in COPIED:
        setattr(event, name, getattr(values, name))
    roles = dict(values.partners)
    event.partners = [
        EventPartner(organisation_id=org_id, role=role) for org_id, role in roles.items()
    ]
    event.focus_areas = _by_ids(FocusArea, values.focus_area_ids)
    event.questions = _by_ids(ReportQuestion, values.question_ids)


def _by_ids(model, ids: list[int]) -> list:
    if not ids:
        return []
    return list(db.session.scalars(select(model).where(model.id.in_(set(ids)))))


def _check(values: EventValues, event: Event | None = None) -> None:
    if values.ends_at <= values.starts_at:
        raise EventError(_l("Slutet måste komma efter starten."), "end_time")
    if values.rrule:
        try:
            recurrence.expand(values.rrule, values.starts_at)
        except recurrence.RecurrenceError as error:
            raise EventError(str(error), "rrule") from None
    if values.venue_id and db.session.get(Venue, values.venue_id) is None:
        raise EventError(_l("Platsen finns inte. Välj en plats i listan."), "venue")
    if event is not None:
        _keep_dates_in_use(event, expand_values(values), "start_date")
    if event is not None and values.capacity is not None:
        confirmed = attendance().most_confirmed(event.id)
        if values.capacity < confirmed:
            raise EventError(
                _l(
                    "Antalet platser kan inte vara lägre än de %(n)d bekräftade "
                    "anmälningarna till ett av datumen.",
                    n=confirmed,
                ),
                "capacity",
            )


def expand_values(values: EventValues) -> list[datetime]:
    """The original starts the form's values give (already checked to expand)."""
    return recurrence.expand(values.rrule, values.starts_at)


def _keep_dates_in_use(event: Event, starts: list[datetime], field: str) -> None:
    """Refuse a change that would drop dates with outcomes or registrations."""
    extra = {datetime.fromisoformat(value).astimezone(UTC) for value in event.rdates or ()}
    lost = queries.dates_in_use(event.id) - extra - {s.astimezone(UTC) for s in starts}
    if lost:
        raise EventError(
            _l(
                "Ändringen skulle ta bort %(n)d datum som har utfall eller anmälningar. "
                "Flytta eller ställ in enskilda datum i stället.",
                n=len(lost),
            ),
            field,
        )


def create_event(actor, unit_id: int, values: EventValues) -> Event:
    """A new draft event in the unit; its dates are derived at once."""
    _check(values)
    event = Event(
        unit_id=unit_id,
        uid=f"{uuid.uuid4().hex}@torget",
        status=EventStatus.DRAFT,
        created_by_id=actor.id if actor else None,
    )
    db.session.add(event)
    _apply(event, values)
    db.session.flush()
    touch(actor, event)
    record(actor, "event.create", event, title=event.title)
    return event


def _require_active(event: Event) -> None:
    if event.status == EventStatus.CANCELLED:
        raise EventError(_l("Evenemanget är inställt och kan inte ändras."))


def when_change_refused(actor, event: Event) -> str:
    """Why `actor` may not change when `event` happens, or "".

    Features that depend on when an event happens may refuse: the award waits for its
    ceremony, and moving, cancelling or retiming that event would move the winners'
    embargo, which only the award's administrator may do. Guards are wired in the
    application's wiring (`app/wiring.py`), so events need not know the award.
    """
    for guard in wiring.of().event_date_guards:
        reason = guard(actor, event)
        if reason:
            return reason
    return ""


def _guard_when(actor, event: Event, field: str | None = None) -> None:
    reason = when_change_refused(actor, event)
    if reason:
        raise EventError(reason, field)


def _changes_when(event: Event, values: EventValues) -> bool:
    return (event.starts_at, event.ends_at, event.all_day, event.rrule) != (
        values.starts_at,
        values.ends_at,
        values.all_day,
        values.rrule,
    )


def update_event(actor, event: Event, values: EventValues) -> EventChange:
    """Save the form's changes; returns the change for those who follow the event
    (`attendance.announce`): the dates as they were, and whether there are more places."""
    _require_active(event)
    _check(values, event)
    if _changes_when(event, values):
        _guard_when(actor, event, "start_date")
    old_capacity = event.capacity
    before = coming_dates(event)
    _apply(event, values)
    touch(actor, event)
    record(actor, "event.update", event, title=event.title, sequence=event.sequence)
    return EventChange(
        event,
        Change.EVENT_CHANGED,
        before=before,
        capacity_raised=is_raised(old_capacity, event.capacity),
    )


def is_raised(old: int | None, new: int | None) -> bool:
    """True when a capacity of `new` places gives more room than `old` (None: no limit)."""
    return old is not None and (new is None or new > old)


def publish_event(actor, event: Event) -> Event:
    """Make a draft public."""
    if event.status != EventStatus.DRAFT:
        raise EventError(_l("Bara ett utkast kan publiceras."))
    # The first public version is SEQUENCE 0; only later changes raise it.
    touch(actor, event, dates_changed=False)
    event.status = EventStatus.PUBLISHED
    event.published_at = utcnow()
    record(actor, "event.publish", event)
    return event


def cancel_event(actor, event: Event, reason: str) -> Event:
    """Cancel the whole event; the reason is shown publicly."""
    if event.status == EventStatus.CANCELLED:
        raise EventError(_l("Evenemanget är redan inställt."))
    _guard_when(actor, event, "reason")
    event.status = EventStatus.CANCELLED
    event.cancel_reason = reason
    touch(actor, event, dates_changed=False)
    record(actor, "event.cancel", event, reason=reason)
    return event


def duplicate_event(actor, event: Event) -> Event:
    """A draft copy of the event with a new UID, without per-date changes."""
    values = EventValues(
        **{name: getattr(event, name) for name in COPIED},
        partners=[(p.organisation_id, p.role) for p in event.partners],
        focus_area_ids=[a.id for a in event.focus_areas],
        question_ids=[q.id for q in event.questions],
    )
    values.title = f"{event.title} (kopia)"[:200]
    copy = create_event(actor, event.unit_id, values)
    record(actor, "event.duplicate", copy, source_id=event.id)
    return copy


def series_start(event: Event, original: datetime) -> datetime:
    """`original` if it is a date of the event's series; raises EventError otherwise."""
    if original not in original_starts(event):
        raise EventError(_l("Datumet ingår inte i serien."), "date")
    return original


def _change_for(actor, event: Event, original: datetime) -> OccurrenceChange:
    _require_active(event)
    series_start(event, original)
    _guard_when(actor, event, "date")
    for change in event.changes:
        if change.original_start == original:
            return change
    change = OccurrenceChange(event_id=event.id, original_start=original)
    event.changes.append(change)
    return change


def move_date(
    actor,
    event: Event,
    original: datetime,
    starts_at: datetime,
    ends_at: datetime,
    venue_id: int | None,
    reason: str,
) -> OccurrenceChange:
    """Give one date a new time and/or venue; the reason is shown publicly."""
    if ends_at <= starts_at:
        raise EventError(_l("Slutet måste komma efter starten."), "end_time")
    if venue_id and db.session.get(Venue, venue_id) is None:
        raise EventError(_l("Platsen finns inte. Välj en plats i listan."), "venue")
    _refuse_overlap(event, original, starts_at, ends_at)
    change = _change_for(actor, event, original)
    change.starts_at, change.ends_at = starts_at, ends_at
    change.venue_id = venue_id or None
    change.is_cancelled, change.reason = False, reason
    _stamp(actor, change)
    touch(actor, event)
    record(actor, "event.move_date", event, date=original.isoformat(), to=starts_at.isoformat())
    return change


def _refuse_overlap(event: Event, original: datetime, starts_at: datetime, ends_at: datetime):
    """A date may not be moved onto another date of the same event: the public page would
    list the same time twice, each with its own seats. Cancel one of them instead."""
    for other in event.occurrences:
        if other.original_start == original or other.is_cancelled:
            continue
        if other.starts_at < ends_at and starts_at < other.ends_at:
            raise EventError(
                _l(
                    "Evenemanget har redan ett datum då: %(when)s. Välj en annan tid, "
                    "eller ställ in ett av datumen.",
                    when=formatting.when(
                        other.starts_at, other.ends_at, event.all_day, str(get_locale() or "sv")
                    ),
                ),
                "new_date",
            )


def cancel_date(actor, event: Event, original: datetime, reason: str) -> OccurrenceChange:
    """Cancel one date with a reason shown publicly."""
    change = _change_for(actor, event, original)
    change.is_cancelled, change.reason = True, reason
    _stamp(actor, change)
    touch(actor, event)
    record(actor, "event.cancel_date", event, date=original.isoformat(), reason=reason)
    return change


def restore_date(actor, event: Event, original: datetime) -> None:
    """Undo every change to one date: back to the rule's time and venue."""
    _require_active(event)
    series_start(event, original)
    _guard_when(actor, event, "date")
    change = next((c for c in event.changes if c.original_start == original), None)
    if change is None:
        raise EventError(_l("Datumet är inte ändrat."), "date")
    event.changes.remove(change)
    touch(actor, event)
    record(actor, "event.restore_date", event, date=original.isoformat())


def _stamp(actor, change: OccurrenceChange) -> None:
    change.updated_at = utcnow()
    change.updated_by_id = actor.id if actor is not None else None


def end_series(actor, event: Event, last_day: date) -> Event:
    """End a series after `last_day` (local); the dates after it disappear."""
    _require_active(event)
    if not event.rrule:
        raise EventError(_l("Evenemanget är ingen serie med upprepningsregel."), "last_day")
    first = event.starts_at.astimezone(STOCKHOLM).date()
    if last_day < first:
        raise EventError(_l("Sista dagen kan inte ligga före seriens första datum."), "last_day")
    _guard_when(actor, event, "last_day")
    rule = recurrence.with_until(event.rrule, last_day)
    _keep_dates_in_use(event, recurrence.expand(rule, event.starts_at), "last_day")
    event.rrule = rule
    touch(actor, event)
    record(actor, "event.end_series", event, last_day=last_day.isoformat(), rrule=event.rrule)
    return event


def held_date(event: Event, original: datetime) -> Occurrence:
    """The occurrence for `original` if it has been held; raises EventError otherwise."""
    series_start(event, original)
    occurrence = next((o for o in event.occurrences if o.original_start == original), None)
    held = (
        occurrence is not None
        and event.status != EventStatus.CANCELLED  # a draft that was held has an outcome too
        and not occurrence.is_cancelled
        and occurrence.ends_at < utcnow()
    )
    if not held:
        raise EventError(_l("Utfall kan bara registreras för datum som har genomförts."), "date")
    return occurrence


#: What an outcome records, as the form and the service name it.
OUTCOME_FIELDS = (
    "attendance",
    "companies",
    "summary",
    "needs",
    "needs_note",
    "follow_ups",
    "follow_up_unit",
)


def record_outcome(actor, event: Event, original: datetime, values: OutcomeValues) -> Outcome:
    """Record or update what a held date achieved."""
    held_date(event, original)
    outcome = db.session.scalar(
        select(Outcome).where(Outcome.event_id == event.id, Outcome.occurrence_start == original)
    )
    action = "outcome.update"
    if outcome is None:
        outcome = Outcome(event_id=event.id, occurrence_start=original, recorded_by_id=actor.id)
        db.session.add(outcome)
        action = "outcome.record"
    for name in OUTCOME_FIELDS:
        setattr(outcome, name, getattr(values, name))
    outcome.partners = _by_ids(Organisation, values.partner_ids)
    outcome.updated_at = utcnow()
    db.session.flush()
    record(
        actor, action, outcome, unit_id=event.unit_id, event_id=event.id, date=original.isoformat()
    )
    return outcome


def all_day_span(first: date, last: date) -> tuple[datetime, datetime]:
    """UTC start and exclusive end of whole local days `first` to `last`."""
    return (
        recurrence.local_day_bounds(first)[0],
        recurrence.local_day_bounds(last)[1],
    )
