"""Who may see and change an event's registrations; pure predicates."""

from __future__ import annotations

from app.accounts.permissions import is_signed_in
from app.events.models import Event
from app.events.permissions import can_manage_event


def can_manage_registrations(user, event: Event) -> bool:
    """The people who manage the event manage its registrations (personal data)."""
    return can_manage_event(user, event)


def knows_of_event(user, event: Event) -> bool:
    """Staff of the event's unit and city officers; for others the page does not exist."""
    if not is_signed_in(user):
        return False
    return user.is_city_officer or bool(user.roles_in(event.unit_id))
