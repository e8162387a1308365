"""Who may do what with the award; pure predicates over loaded objects."""

from __future__ import annotations

from app.accounts.models import Role
from app.accounts.permissions import has_role, is_signed_in
from app.awards.models import ConflictDeclaration, ConflictRuling


def can_administer(user, unit_id: int) -> bool:
    """The unit's award administrators and admins run its cycles."""
    return has_role(user, unit_id, Role.AWARD_ADMIN, Role.ADMIN)


def administers_any(user) -> bool:
    """Runs some unit's award: the award's menu entry shows."""
    return is_signed_in(user) and any(can_administer(user, m.unit_id) for m in user.memberships)


def is_juror(user) -> bool:
    return is_signed_in(user) and any(m.role == Role.JUROR for m in user.memberships)


def is_assigned(user, category_id: int, assigned_category_ids: set[int]) -> bool:
    """True when the juror is assigned to the category."""
    return is_signed_in(user) and category_id in assigned_category_ids


def is_cleared(declaration: ConflictDeclaration | None) -> bool:
    """A juror may score and see others' scores once they declared no conflict, or the
    administrator ruled that the declared conflict is none (förvaltningslagen 18 §)."""
    if declaration is None:
        return False
    return not declaration.has_conflict or declaration.ruling == ConflictRuling.REJECTED


def is_blocked(declaration: ConflictDeclaration | None) -> bool:
    """A declared conflict not (yet) ruled away keeps the juror out."""
    return declaration is not None and not is_cleared(declaration)


def can_decide(user, unit_id: int, partner_decides: bool, partner_id, blocked: bool) -> bool:
    """The administrator decides, or the category's partner jurors where the cycle says so."""
    if can_administer(user, unit_id):
        return True
    if not partner_decides or blocked or not is_signed_in(user):
        return False
    return any(
        m.role == Role.JUROR and m.unit_id == unit_id and m.organisation_id == partner_id
        for m in user.memberships
    )
