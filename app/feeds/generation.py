"""A counter of changes to the places, organisers and units that feeds print.

Event texts embed a venue's name and address, an organiser's name and a unit's
contact; those rows carry no timestamp, so a rename would not reach a cached feed.
After a commit that changed any of them this counter goes up: in this process, and
in Redis when `REDIS_URL` is set so that every worker and host sees it. The feed
version includes it, and a worker that sees it move forgets its event texts.
"""

from __future__ import annotations

import logging

from sqlalchemy import event
from sqlalchemy.orm import Session

from app.core import shared_redis
from app.directory.models import Organisation, Venue
from app.units.models import Unit

logger = logging.getLogger(__name__)
KEY = "torget:feeds:directory-generation"
WATCHED = (Venue, Organisation, Unit)
_local = {"value": 0}


def current() -> int:
    """The generation: Redis's when configured and reachable, else this process's."""
    client = _redis()
    if client is not None:
        try:
            return int(client.get(KEY) or 0)
        except Exception:
            logger.warning("Redis is unreachable; feed versions use this process only")
    return _local["value"]


def bump() -> None:
    """Count one change to the directory."""
    _local["value"] += 1
    client = _redis()
    if client is not None:
        try:
            client.incr(KEY)
        except Exception:
            logger.warning(
                "Redis is unreachable; other workers see the change on their next restart"
            )


def _redis():
    return shared_redis.client()


def _after_flush(session: Session, context) -> None:
    changed = (*session.new, *session.dirty, *session.deleted)
    if any(isinstance(obj, WATCHED) for obj in changed):
        session.info["feeds_directory_changed"] = True


def _after_commit(session: Session) -> None:
    if session.info.pop("feeds_directory_changed", False):
        bump()


def install() -> None:
    """Watch every session for directory changes (once)."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_soft_rollback", _after_rollback_soft)


def _after_rollback_soft(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:  # the outermost transaction: nothing was kept
        session.info.pop("feeds_directory_changed", None)
