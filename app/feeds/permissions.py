"""Who may import into a unit and who gets a private feed; pure predicates."""

from __future__ import annotations

from app.accounts.models import Role
from app.accounts.permissions import has_role, is_signed_in, is_staff


def can_import(user, unit_id: int) -> bool:
    """The unit's organisers and admins import partners' calendars into it."""
    return has_role(user, unit_id, Role.ORGANISER, Role.ADMIN)


def can_have_private_feed(user) -> bool:
    """Staff (a role in a unit, or a city officer) get a private feed with drafts."""
    return is_signed_in(user) and user.is_active and is_staff(user)


def draft_unit_ids(user) -> tuple[int, ...]:
    """The units whose drafts a user's private feed includes."""
    return tuple(sorted({m.unit_id for m in user.memberships}))
