"""Building a feed from the database through the per-event text cache."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from werkzeug.http import http_date

from app.extensions import db
from app.feeds import cache, ical, queries
from app.feeds.queries import FeedFilter


def build(
    feed: FeedFilter, name: Callable[[], str], base_url: str, version: Any
) -> cache.CachedFeed:
    """The feed's body, ETag and Last-Modified; serialises only events not cached."""
    rows = db.session.execute(queries.stamps(feed)).all()
    keys = {event_id: (event_id, seq, updated, base_url) for event_id, seq, updated in rows}
    texts = {event_id: cache.event_texts.get(key) for event_id, key in keys.items()}
    missing = [event_id for event_id, text in texts.items() if text is None]
    if missing:
        for event_id, event in queries.load_events(feed, missing, base_url).items():
            texts[event_id] = ical.vevent(event)
            cache.event_texts.put(keys[event_id], texts[event_id])
    blocks = [texts[event_id] for event_id, _, _ in rows if texts.get(event_id)]
    body = ical.calendar(name(), blocks).encode("utf-8")
    last_modified = queries.parse_stamp(max((updated for _, _, updated in rows), default=None))
    return cache.CachedFeed(
        version=version,
        body=body,
        etag='"' + hashlib.sha256(body).hexdigest()[:40] + '"',
        last_modified=last_modified,
        last_modified_http=http_date(last_modified) if last_modified else None,
    )
