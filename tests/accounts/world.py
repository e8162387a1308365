"""Account objects for the write matrix: a spare user with a role to take away, a reset link."""

from __future__ import annotations

from app.accounts import services as accounts
from app.accounts.models import Role, TokenPurpose
from app.db import utcnow
from app.extensions import db
from app.mailing.models import OutgoingMail
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
    failed = OutgoingMail(
        to="spare@example.org", subject="Kvitto", body="Text", unit_id=world.unit.id,
        attempts=5, last_error="OSError: connection refused", failed_at=utcnow(),
    )  # fmt: skip
    db.session.add(failed)
    db.session.flush()
    world.objects.update(failed_mail=failed)
