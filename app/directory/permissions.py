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
    """Organisers and admins of any unit, and site admins, edit venues and organisations."""
    return is_signed_in(user) and (bool(managed_unit_ids(user)) or user.is_site_admin)
