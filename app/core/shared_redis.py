"""The one Redis client the caches share (page cache and feeds), if `CACHE_REDIS_URL` is set.

Short timeouts: a slow or absent Redis must cost a request a fifth of a second at most, and
each cache falls back to this host's own counter.
"""

from __future__ import annotations

from flask import current_app

KEY = "torget_redis"


def client():
    """The app's Redis client, made on first use; None without `CACHE_REDIS_URL`."""
    url = current_app.config.get("CACHE_REDIS_URL") if current_app else ""
    if not url:
        return None
    found = current_app.extensions.get(KEY)
    if found is None:
        import redis

        found = current_app.extensions[KEY] = redis.Redis.from_url(
            url, socket_timeout=0.2, socket_connect_timeout=0.2
        )
    return found
