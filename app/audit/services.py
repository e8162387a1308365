"""Writing the audit log."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from app.audit.models import AuditEntry
from app.extensions import db

if TYPE_CHECKING:
    from app.accounts.models import User

logger = logging.getLogger(__name__)


def record(
    actor: User | None,
    action: str,
    obj: Any = None,
    unit_id: int | None = None,
    **details: Any,
) -> AuditEntry:
    """Add an audit entry for `action` on `obj` by `actor`; the caller commits."""
    entry = AuditEntry(
        actor_id=actor.id if actor is not None else None,
        unit_id=unit_id if unit_id is not None else getattr(obj, "unit_id", None),
        action=action,
        object_type=type(obj).__name__ if obj is not None else "",
        object_id=str(getattr(obj, "id", "") or ""),
        details=details,
    )
    db.session.add(entry)
    logger.info(
        "%s by %s on %s %s %s",
        action,
        actor.email if actor is not None else "-",
        entry.object_type,
        entry.object_id,
        details or "",
    )
    return entry
