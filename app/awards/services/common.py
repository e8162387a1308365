"""What the award's verbs share: the errors they raise and the readings of a cycle's state
(its phase, deadline, embargo and ceremony) that pages and guards ask for too."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from app.awards.models import (
    AwardCycle,
    Phase,
)
from app.awards.permissions import can_administer
from app.awards.phases import (
    Deadline,
    at_least,
    closes_early,
    effective_phase,
    may_show_winners,
)
from app.awards.phases import nomination_deadline as _deadline
from app.events.models import EventStatus
from app.extensions import db


class AwardError(Exception):
    """A broken award rule; `status` is what the view answers (400, 403, 404, 409)."""

    def __init__(self, message: str, status: int = 409):
        super().__init__(message)
        self.status = status


class NeedsConfirmation(AwardError):
    """The change is allowed, but only once the person has confirmed its consequence."""

    def __init__(self, message: str):
        super().__init__(message, 400)


def ceremony_start(cycle: AwardCycle) -> datetime | None:
    """When the ceremony will actually start, or None while none is to be held.

    The ceremony is the linked event's first date as it stands now: moved if it was
    moved. A draft or cancelled event, a cancelled date or a deleted event is no ceremony,
    and the embargo holds until another is linked or the administrator lifts it.
    Reads `cycle.ceremony.occurrences`: load them with `queries.with_ceremony()`.
    """
    event = cycle.ceremony
    if event is None or event.status != EventStatus.PUBLISHED:
        return None
    for occurrence in event.occurrences:
        if occurrence.original_start == event.starts_at:
            return None if occurrence.is_cancelled else occurrence.starts_at
    return None


def phase_of(cycle: AwardCycle, now: datetime) -> Phase:
    """The cycle's phase at `now`, dates included."""
    if cycle.phase == Phase.DECIDED and winners_public(cycle, now):
        return Phase.ANNOUNCED
    return effective_phase(cycle.phase, cycle.nominations_close_at, None, now)


def is_decided(cycle: AwardCycle) -> bool:
    """A decided cycle (announced and archived too) is the jury's history: read, never
    changed. The dates never move a cycle into it, so the stored phase says it."""
    return at_least(cycle.phase, Phase.DECIDED)


def nomination_deadline(cycle: AwardCycle, now: datetime) -> Deadline:
    """The call's one deadline: the cycle page, the form, the home page, the administrator's
    page and the protocol all state this, in the words of `awards/_deadline.html`."""
    return _deadline(
        phase_of(cycle, now),
        cycle.nominations_open_at,
        cycle.nominations_close_at,
        cycle.nominations_closed_at,
        now,
    )


def early_close_preview(cycle: AwardCycle, now: datetime) -> Deadline | None:
    """The deadline the public will see if the administrator closes the call now; None when
    a phase change now would not close it early."""
    if not closes_early(cycle.phase, Phase.SCREENING, cycle.nominations_close_at, now):
        return None
    return _deadline(
        Phase.SCREENING, cycle.nominations_open_at, cycle.nominations_close_at, now, now
    )


def winners_public(cycle: AwardCycle, now: datetime) -> bool:
    """May the winners be shown now? Pages, feeds, report facts, drafts, exports and the
    city compilation all ask this, and only this."""
    return may_show_winners(cycle.phase, ceremony_start(cycle), cycle.embargo_lifted_at, now)


def embargo_moment(cycle: AwardCycle) -> datetime | None:
    """When the winners become public by the clock alone (for caches), if they will."""
    return cycle.embargo_lifted_at or ceremony_start(cycle)


def ceremony_protected_by(event) -> AwardCycle | None:
    """A decided cycle whose winners wait for this event, if any."""
    return db.session.scalar(
        select(AwardCycle).where(
            AwardCycle.ceremony_event_id == event.id,
            AwardCycle.phase.in_((Phase.DECIDED, Phase.ANNOUNCED, Phase.ARCHIVED)),
        )
    )


def ceremony_guard(actor, event) -> str:
    """Why `actor` may not change when `event` happens: it is a decided cycle's ceremony,
    and moving it moves the winners' embargo, which is the award administrator's call."""
    cycle = ceremony_protected_by(event)
    if cycle is None or can_administer(actor, cycle.unit_id):
        return ""
    return _(
        "Evenemanget är prisutdelning för %(title)s och vinnarna offentliggörs när det "
        "börjar. Bara utmärkelsens administratör kan flytta det, ändra tiden eller ställa in det.",
        title=cycle.title,
    )
