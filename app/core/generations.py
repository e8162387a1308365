"""The caches' change counters: one generation per scope, counted by one set of listeners.

A cache stores what it built together with the generation of its scope, and throws it away
when the generation has moved. A scope names the tables whose rows its cache shows:

- `pages`: every table but those no public page shows (sign-ins, the audit log);
- `directory`: venues, organisations and units, which the feeds print into every event
  although those rows carry no timestamp of their own.

After a commit that changed a row of a scope's tables, through the unit of work or a bulk
statement, the scope's generation goes up in three places: in this process, in a stamp file
that the workers of one host share (its modification time), and in Redis under
`torget:generation:<scope>` when `CACHE_REDIS_URL` is set, so that every host sees it. A
rollback counts nothing. `current(scope)` reads the shared parts at most once per
`GENERATION_TTL` seconds (default 1), so a storm of cached answers costs no file or network
read; a worker sees its own change at once.

A slow or absent Redis costs a request a fifth of a second at most, and the caches fall back
to this host's counters.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

logger = logging.getLogger(__name__)

KEY = "torget.generations"
REDIS_PREFIX = "torget:generation:"
#: Session info: the tables changed since the last commit.
_CHANGED = "generations_changed"
#: Stands for a bulk statement whose table is unknown: every scope counts it.
ANY_TABLE = "*"


@dataclass(frozen=True)
class Scope:
    name: str
    #: Whether a change to this table may change what the scope's cache shows.
    shows: Callable[[str], bool]


def tables(*names: str) -> Callable[[str], bool]:
    """A scope that shows exactly these tables."""
    chosen = frozenset(names)
    return lambda table: table == ANY_TABLE or table in chosen


def all_tables_but(*names: str) -> Callable[[str], bool]:
    """A scope that shows every table except these."""
    left_out = frozenset(names)
    return lambda table: table not in left_out


@dataclass
class _Counter:
    local: int = 0
    shared: tuple = (None, None)
    read_at: float = float("-inf")


@dataclass
class Generations:
    """One application's scopes and what it knows of their generations."""

    scopes: dict[str, Scope]
    folder: Path
    database: str
    counters: dict[str, _Counter] = field(default_factory=dict)

    def stamp(self, scope: str) -> Path:
        return self.folder / f"generation-{scope}-{self.database}.stamp"

    def counter(self, scope: str) -> _Counter:
        return self.counters.setdefault(scope, _Counter())


def init_app(app: Flask, scopes: Iterable[Scope]) -> None:
    """Give the app its scopes and count changes in every session (the listeners once)."""
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    uri = app.config.get("SQLALCHEMY_DATABASE_URI", "")
    app.extensions[KEY] = Generations(
        scopes={scope.name: scope for scope in scopes},
        folder=Path(app.instance_path),
        database=hashlib.sha256(uri.encode()).hexdigest()[:12],
    )
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "do_orm_execute", _after_bulk)
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_soft_rollback", _after_soft_rollback)


def _state() -> Generations | None:
    return current_app.extensions.get(KEY) if current_app else None


def current(scope: str) -> tuple:
    """(this process's, this host's, Redis's) generation of `scope`."""
    state = _state()
    if state is None:
        return (0, None, None)
    counter = state.counter(scope)
    now = time.monotonic()
    if now - counter.read_at >= float(current_app.config.get("GENERATION_TTL", 1.0)):
        counter.shared = (_read_stamp(state.stamp(scope)), _read_redis(scope))
        counter.read_at = now
    return (counter.local, *counter.shared)


def bump(scope: str) -> None:
    """Count one committed change of `scope`: here, for this host's workers, and in Redis."""
    state = _state()
    if state is None:
        return
    counter = state.counter(scope)
    counter.local += 1
    counter.read_at = float("-inf")  # this worker sees its own change at once
    path = state.stamp(scope)
    try:
        path.touch()
        stamp_ns = time.time_ns()  # explicit: the file system's own clock may be coarse
        os.utime(path, ns=(stamp_ns, stamp_ns))
    except OSError:
        logger.warning("the generation stamp %s cannot be written", path)
    client = redis_client()
    if client is not None:
        try:
            client.incr(REDIS_PREFIX + scope)
        except Exception:
            logger.warning("Redis is unreachable; other hosts see the change later")


def forget_reads(app: Flask) -> None:
    """Read the shared generations again on the next request (after a cache is emptied)."""
    state = app.extensions.get(KEY)
    for counter in state.counters.values() if state else ():
        counter.read_at = float("-inf")


def redis_client():
    """The app's Redis client for the caches, made on first use; None without
    `CACHE_REDIS_URL`. Short timeouts: a slow Redis must not hold a request."""
    url = current_app.config.get("CACHE_REDIS_URL") if current_app else ""
    if not url:
        return None
    found = current_app.extensions.get("torget.redis")
    if found is None:
        import redis

        found = current_app.extensions["torget.redis"] = redis.Redis.from_url(
            url, socket_timeout=0.2, socket_connect_timeout=0.2
        )
    return found


def _read_stamp(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def _read_redis(scope: str) -> int | None:
    client = redis_client()
    if client is None:
        return None
    try:
        return int(client.get(REDIS_PREFIX + scope) or 0)
    except Exception:
        logger.warning("Redis is unreachable; the caches use this host's generation")
        return None


# --- the listeners ---------------------------------------------------------------


def _table_of(obj) -> str:
    table = getattr(obj, "__table__", None)
    return table.name if table is not None else ANY_TABLE


def _after_flush(session: Session, context) -> None:
    changed = {_table_of(obj) for obj in (*session.new, *session.dirty, *session.deleted)}
    if changed:
        session.info.setdefault(_CHANGED, set()).update(changed)


def _after_bulk(state) -> None:
    # UPDATE/DELETE/INSERT statements bypass the unit of work and its flush.
    if state.is_insert or state.is_update or state.is_delete:
        mapper = state.bind_mapper
        table = mapper.local_table.name if mapper is not None else ANY_TABLE
        state.session.info.setdefault(_CHANGED, set()).add(table)


def _after_commit(session: Session) -> None:
    changed = session.info.pop(_CHANGED, None)
    state = _state() if changed else None
    if state is None:
        return
    for scope in state.scopes.values():
        if any(scope.shows(table) for table in changed):
            bump(scope.name)


def _after_soft_rollback(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:  # the outermost transaction: nothing was kept
        session.info.pop(_CHANGED, None)
