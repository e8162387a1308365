"""Who may read and keep a unit's business dialogue; pure predicates over loaded objects.

Contacts and needs name people and companies: the unit's organisers, officers and admins
work with them, and site admins may look after them. The city officer reads figures in the
report, never the persons; another unit's staff see nothing of this unit's dialogue.
"""

from __future__ import annotations

from app.accounts.models import Role
from app.accounts.permissions import has_role, is_signed_in

DIALOGUE_ROLES = (Role.ORGANISER, Role.OFFICER, Role.ADMIN)


def can_keep_dialogue(user, unit_id: int) -> bool:
    """Read and change the unit's contacts and needs."""
    return is_signed_in(user) and (user.is_site_admin or has_role(user, unit_id, *DIALOGUE_ROLES))


def dialogue_unit_ids(user) -> set[int]:
    """The units whose dialogue `user` keeps through a role (site admins: none by role)."""
    if not is_signed_in(user):
        return set()
    return {m.unit_id for m in user.memberships if m.role in DIALOGUE_ROLES}


def keeps_any_dialogue(user) -> bool:
    """Whether the menu shows the dialogue."""
    return is_signed_in(user) and (user.is_site_admin or bool(dialogue_unit_ids(user)))
