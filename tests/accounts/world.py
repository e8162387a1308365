"""Account objects for the write matrix: a spare user with a role to take away, a reset link."""

from __future__ import annotations

from app.accounts import services as accounts
from app.accounts.models import Role, TokenPurpose
from tests.world import PASSWORD


def extend(world) -> None:
    """A unit organiser no role signs in as, so taking their role or password harms no one."""
    spare = accounts.create_user(
        None, "spare@example.org", "Reserv Organisatör", PASSWORD, owner_unit_id=world.unit.id
    )
    membership = accounts.add_membership(None, spare, world.unit.id, Role.ORGANISER, None)
    world.users["spare"] = spare
    world.objects.update(spare_membership=membership)
    world.values["reset_token"] = accounts.issue_token(spare, TokenPurpose.RESET)
