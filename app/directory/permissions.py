"""Who may manage venues and organisations; pure predicates over loaded objects."""

from __future__ import annotations

from app.accounts.permissions import arranges_events, arranging_unit_ids, is_signed_in


def can_manage_directory(user) -> bool:
    """Those who arrange events add and use venues and organisations (each unit edits only
    its own, see `can_edit_entry`)."""
    return arranges_events(user)


def can_edit_entry(user, owner_unit_id: int | None) -> bool:
    """The owning unit's organisers and admins, and site admins, edit a shared entry."""
    if not is_signed_in(user):
        return False
    return user.is_site_admin or (
        owner_unit_id is not None and owner_unit_id in arranging_unit_ids(user)
    )


def owner_for_new_entry(user) -> int | None:
    """The unit that owns what `user` adds: their (first) unit; none for a site admin."""
    units = arranging_unit_ids(user)
    return min(units) if units else None
