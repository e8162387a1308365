"""Answering feed requests: the cache key, the data version, ETag and 304."""

from __future__ import annotations

import functools
import logging
from datetime import date

from flask import current_app, request
from sqlalchemy.exc import OperationalError

from app.core import generations
from app.core.i18n import select_locale
from app.core.urls import base_url
from app.extensions import db
from app.feeds import cache, export, queries
from app.feeds.queries import FeedFilter

logger = logging.getLogger(__name__)

CONTENT_TYPE = "text/calendar; charset=utf-8"
#: How long browsers and shared caches may keep a feed without asking again.
MAX_AGE = 900


def request_key(owner: int | None = None) -> tuple:
    """The feed cache key: the address asked for, the site, the language, the day."""
    return (request.path, request.query_string, base_url(), select_locale(), owner, date.today())


def data_version():
    """The events' version, read at most once per FEED_VERSION_TTL seconds per worker."""
    ttl = float(current_app.config.get("FEED_VERSION_TTL", 1.0))
    try:
        return cache.current_version(read_version, ttl)
    except OperationalError:
        # The database is down: the feeds this worker built are the latest anyone can know,
        # so calendar programs keep getting them. A feed never built gets the 503 page.
        last = cache.last_version()
        if last is None:
            raise
        db.session.rollback()
        logger.warning("database unavailable; feeds served from this worker's cache")
        return last


def read_version() -> tuple:
    """Events' count and latest change, and the directory's generation.

    A new generation means a venue, organiser or unit changed: every event text
    that printed one may be stale, so this worker forgets them all.
    """
    count, latest = db.session.execute(queries.version()).one()
    current = generations.current(cache.DIRECTORY)
    if cache.seen_generation.get("value") not in (None, current):
        cache.event_texts.clear()
    cache.seen_generation["value"] = current
    return (count, latest, current)


def public_feed(view):
    """Answer from the feed cache before the view loads anything; the view runs on a miss.

    A cached public feed was built after the view's checks at the same data version,
    and anything that could change those checks (unpublishing, deleting) changes the
    version, so the hit needs neither a query nor a check.
    """

    @functools.wraps(view)
    def answer(**kwargs):
        hit = cache.feeds.get(request_key())
        if hit is not None and hit.version == data_version():
            return respond(hit, private=False)
        return view(**kwargs)

    return answer


def serve(feed: FeedFilter, name, private: bool = False, owner: int | None = None):
    """The feed from the cache (or built once), answering conditional requests with 304."""
    base, version = base_url(), data_version()
    build = lambda: export.build(feed, name, base, version)  # noqa: E731
    return respond(cache.get_or_build(request_key(owner), version, build), private)


def respond(cached: cache.CachedFeed, private: bool):
    """200 with the body, or 304 when the client's copy is current."""
    headers = [
        ("ETag", cached.etag),
        ("Cache-Control", f"{'private' if private else 'public'}, max-age={MAX_AGE}"),
    ]
    if cached.last_modified_http:
        headers.append(("Last-Modified", cached.last_modified_http))
    if not_modified(cached):
        return current_app.response_class(status=304, headers=headers)
    return current_app.response_class(cached.body, headers=headers, content_type=CONTENT_TYPE)


def not_modified(cached: cache.CachedFeed) -> bool:
    """If-None-Match wins; If-Modified-Since counts only without it."""
    if "If-None-Match" in request.headers:
        return request.if_none_match.contains_weak(cached.etag.strip('"'))
    if "If-Modified-Since" not in request.headers or cached.last_modified is None:
        return False
    since = request.if_modified_since
    return bool(since and cached.last_modified.replace(microsecond=0) <= since)
