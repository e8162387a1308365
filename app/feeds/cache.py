"""Caches for thousands of polling calendar programs; in process, one per worker.

Two levels:
- `event_texts`: each event's VEVENT text against (event id, SEQUENCE, updated_at,
  base URL). Every service that changes an event, its dates or its changes sets
  `updated_at`, so after one change a feed rebuild writes one event, not all of them.
- `feeds`: each whole feed (body, ETag, Last-Modified) against a version that every
  worker checks with one indexed query: the number of events and the latest
  `updated_at`. An event deleted or unpublished changes the count or the maximum,
  so no stale feed survives it; renamed venues, organisers and units count through
  the `directory` generation (`app.core.generations`). The version query's answer is reused for
  `FEED_VERSION_TTL` seconds (default 1) so that a storm of conditional requests
  costs no query at all; a change shows on the next poll after that second.

Many simultaneous requests for the same feed after a change build it once per
worker: the first takes the feed key's lock, the others wait on it and find the new
body. The ETag is a hash of the body, so every worker gives the same bytes the same
strong ETag and a client moving between workers still gets its 304.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.core.lru import LRU


@dataclass(frozen=True)
class CachedFeed:
    version: Any
    body: bytes
    etag: str
    last_modified: datetime | None
    #: The Last-Modified header, formatted once.
    last_modified_http: str | None = None


#: The generation scope of rows that feeds print but that carry no timestamp.
DIRECTORY = "directory"
#: VEVENT text per (event id, sequence, updated_at, base URL); enough for a city.
event_texts = LRU(50_000)
#: Whole feeds per feed key.
feeds = LRU(2_000)
_locks: dict = {}
_locks_guard = threading.Lock()
_version: dict = {"value": None, "at": 0.0}
#: The directory generation this worker's event texts were written under.
seen_generation: dict = {"value": None}


def lock_for(key) -> threading.Lock:
    """One lock per feed key, created on first use."""
    with _locks_guard:
        lock = _locks.get(key)
        if lock is None:
            if len(_locks) > 10_000:
                _locks.clear()
            lock = _locks[key] = threading.Lock()
        return lock


def current_version(read: Callable[[], Any], ttl: float) -> Any:
    """The data version, read at most once per `ttl` seconds in this worker."""
    now = time.monotonic()
    if ttl > 0 and _version["value"] is not None and now - _version["at"] < ttl:
        return _version["value"]
    value = read()
    _version.update(value=value, at=now)
    return value


def last_version() -> Any:
    """The data version read last in this worker, however old (None before the first)."""
    return _version["value"]


def get_or_build(key, version, build: Callable[[], CachedFeed]) -> CachedFeed:
    """The cached feed for `key` at `version`, building it once under the key's lock."""
    hit = feeds.get(key)
    if hit is not None and hit.version == version:
        return hit
    with lock_for(key):
        hit = feeds.get(key)
        if hit is not None and hit.version == version:
            return hit
        built = build()
        feeds.put(key, built)
        return built


def clear() -> None:
    """Forget everything (tests, and after bulk loads)."""
    event_texts.clear()
    feeds.clear()
    _version.update(value=None, at=0.0)
    seen_generation["value"] = None
