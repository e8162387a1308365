"""Who may do what with accounts; pure predicates over loaded objects."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.accounts.models import Role

if TYPE_CHECKING:
    from app.accounts.models import User


def is_signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated)


def has_role(user, unit_id: int, *roles: Role) -> bool:
    """True when `user` holds one of `roles` in the unit."""
    return is_signed_in(user) and bool(user.roles_in(unit_id) & set(roles))


def is_staff(user) -> bool:
    """Anyone with a membership, a city officer or a site admin."""
    return is_signed_in(user) and (
        bool(user.memberships) or user.is_city_officer or user.is_site_admin
    )


#: Roles whose holders arrange their unit's events (and so keep the shared directory).
ARRANGING_ROLES = (Role.ORGANISER, Role.ADMIN)


def arranging_unit_ids(user) -> set[int]:
    """The units where `user` is an organiser or admin."""
    if not is_signed_in(user):
        return set()
    return {m.unit_id for m in user.memberships if m.role in ARRANGING_ROLES}


def arranges_events(user) -> bool:
    """Who has the organisers' pages and keeps the shared directory: an organiser or admin
    of some unit, or a site admin (who looks after every unit's events)."""
    return is_signed_in(user) and (bool(arranging_unit_ids(user)) or user.is_site_admin)


def can_manage_users(user) -> bool:
    """Site admins and unit admins manage accounts (unit admins only in their units)."""
    return is_signed_in(user) and (
        user.is_site_admin or any(m.role == Role.ADMIN for m in user.memberships)
    )


def admin_unit_ids(user) -> set[int]:
    """The units whose memberships `user` may change."""
    return {m.unit_id for m in user.memberships if m.role == Role.ADMIN}


def can_manage_membership(user: User, unit_id: int) -> bool:
    return is_signed_in(user) and (user.is_site_admin or unit_id in admin_unit_ids(user))


def can_edit_user(actor: User, target: User) -> bool:
    """A site admin edits anyone; a unit admin edits the accounts their unit owns, as long
    as every role the account holds is in units they administer.

    Ownership, not the roles alone, decides: an account without roles would otherwise be
    inside every admin's units, and one of them could take it over before someone else
    gave it a role.
    """
    if not is_signed_in(actor):
        return False
    if actor.is_site_admin:
        return True
    if target.is_site_admin or target.is_city_officer:
        return False
    mine = admin_unit_ids(actor)
    theirs = {m.unit_id for m in target.memberships}
    return target.owner_unit_id in mine and theirs <= mine
