"""Who may read and change reports; pure predicates over loaded objects."""

from __future__ import annotations

from app.accounts.models import Role
from app.accounts.permissions import has_role, is_signed_in


def can_edit_reports(user, unit_id: int) -> bool:
    """The unit's officers and admins open, draft, edit and submit its reports."""
    return has_role(user, unit_id, Role.OFFICER, Role.ADMIN)


def can_read_reports(user, unit_id: int) -> bool:
    """Editors, and city officers who read every unit's reports."""
    return can_edit_reports(user, unit_id) or (is_signed_in(user) and user.is_city_officer)


def can_edit_questions(user, unit_id: int) -> bool:
    """Site admins and the unit's admins keep the report template."""
    return is_signed_in(user) and (user.is_site_admin or has_role(user, unit_id, Role.ADMIN))


def can_read_city(user) -> bool:
    """The city executive office reads the compilation across units."""
    return is_signed_in(user) and bool(user.is_city_officer)


def can_use_reports(user) -> bool:
    """Whether the menu shows the reports entry."""
    if not is_signed_in(user):
        return False
    if user.is_city_officer or user.is_site_admin:
        return True
    return any(m.role in (Role.OFFICER, Role.ADMIN) for m in user.memberships)
