"""Named selects for the admin pages."""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from app.accounts.models import Membership, User
from app.pages.models import AccessibilityReport


def users_visible_to(actor: User) -> Select:
    """Every user for a site admin; for a unit admin, the users with a role in their units
    and the accounts their units own (an invited account may have no role yet)."""
    query = (
        select(User)
        .options(selectinload(User.memberships).selectinload(Membership.unit))
        .order_by(User.name)
    )
    if not actor.is_site_admin:
        units = [m.unit_id for m in actor.memberships if m.role.value == "admin"]
        query = query.where(
            User.memberships.any(Membership.unit_id.in_(units)) | User.owner_unit_id.in_(units)
        )
    return query


def accessibility_reports() -> Select:
    return select(AccessibilityReport).order_by(AccessibilityReport.received_at.desc())
