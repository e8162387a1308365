"""Who may see and change events; pure predicates over loaded objects."""

from __future__ import annotations

from app.accounts.permissions import ARRANGING_ROLES, has_role, is_signed_in
from app.events.models import Event, EventStatus


def is_public(event: Event) -> bool:
    """Published events, and events cancelled after publishing (shown as cancelled)."""
    return event.status == EventStatus.PUBLISHED or (
        event.status == EventStatus.CANCELLED and event.published_at is not None
    )


def can_manage_events(user, unit_id: int) -> bool:
    """The unit's organisers and admins create and change its events."""
    return has_role(user, unit_id, *ARRANGING_ROLES)


def can_manage_event(user, event: Event) -> bool:
    return can_manage_events(user, event.unit_id)


def can_see_event(user, event: Event) -> bool:
    """The public sees public events; staff of the unit and city officers also see drafts."""
    if is_public(event):
        return True
    if not is_signed_in(user):
        return False
    return user.is_city_officer or bool(user.roles_in(event.unit_id))
