"""Who may manage venues and organisations; pure predicates over loaded objects."""

from __future__ import annotations

from app.accounts.models import Role
from app.accounts.permissions import is_signed_in

#: Roles whose holders arrange events and so keep the shared directory up to date.
ARRANGING_ROLES = (Role.ORGANISER, Role.ADMIN)


def managed_unit_ids(user) -> set[int]:
    """The units whose events `user` arranges (organiser or admin there)."""
    if not is_signed_in(user):
        return set()
    return {m.unit_id for m in user.memberships if m.role in ARRANGING_ROLES}


def can_manage_directory(user) -> bool:
    """Organisers and admins of any unit, and site admins, add and use venues and
    organisations (each unit edits only its own, see `can_edit_entry`)."""
    return is_signed_in(user) and (bool(managed_unit_ids(user)) or user.is_site_admin)


def can_edit_entry(user, owner_unit_id: int | None) -> bool:
    """The owning unit's organisers and admins, and site admins, edit a shared entry."""
    if not is_signed_in(user):
        return False
    return user.is_site_admin or (
        owner_unit_id is not None and owner_unit_id in managed_unit_ids(user)
    )


def owner_for_new_entry(user) -> int | None:
    """The unit that owns what `user` adds: their (first) unit; none for a site admin."""
    units = managed_unit_ids(user)
    return min(units) if units else None
