"""Registrations as events see them: the `app.events.attendance.Attendance` that
`app/wiring.py` wires, so events never import this package."""

from __future__ import annotations

from app.events.attendance import Change, EventChange
from app.registrations import mail
from app.registrations.queries import coming_counts, held_dates, most_confirmed
from app.registrations.services import promote_to_capacity

__all__ = ["after_change", "coming_counts", "held_dates", "most_confirmed"]


def after_change(actor, change: EventChange) -> list:
    """Fill places a raised capacity freed, then queue the notices the change means."""
    event = change.event
    if change.kind == Change.EVENT_CHANGED:
        promoted = promote_to_capacity(actor, event) if change.capacity_raised else []
        letters = mail.promotions(promoted) + mail.edit_notices(event, change.before)
    else:
        letters = mail.change_notices(event, change.kind, change.reason, change.starts)
    return mail.queue(letters)
