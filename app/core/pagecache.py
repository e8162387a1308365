"""Public pages for anonymous visitors, answered from memory while the data is unchanged.

A view decorated with `cached` renders once per key and data version; later anonymous
GETs get the stored body without a query. Correctness comes first:

- Only anonymous GETs: no login (`_user_id`), no remember-me cookie, nothing in the
  session but the CSRF token and Flask-Login's bookkeeping. A flashed message, a
  receipt, a signed-in user: the view runs as usual and nothing is stored.
- The key: host, path, query string, language and today's date in Stockholm.
- The version: the generation of the `pages` scope (`app.core.generations`), which goes
  up after every commit that changed a row the public pages may show, in this process,
  for this host's workers and, with Redis, for every host.
- Time: a page lives at most `PAGE_CACHE_SECONDS` (default 60), so dates that end
  leave the lists within that time; a view names exact moments with `valid_until`
  (the award's ceremony: winners must not show a second early).
- The body is stored with the CSRF token replaced by a placeholder; each answer
  carries the visitor's own token, a weak ETag and `Cache-Control: private, no-cache`,
  so a browser revalidates and gets a 304 while its copy and token are current.

Tests leave the cache off (`PAGE_CACHE`, default: on outside testing) except where
they turn it on.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from flask import Flask, current_app, g, make_response, request, session
from flask_wtf.csrf import generate_csrf

from app.core import generations
from app.core.i18n import select_locale
from app.core.lru import LRU
from app.core.swedish import STOCKHOLM
from app.db import utcnow
from app.extensions import limiter

#: The generation scope of the public pages (wired in `app/wiring.py`).
SCOPE = "pages"
#: Session keys that do not change what an anonymous visitor sees.
NEUTRAL_SESSION_KEYS = frozenset({"csrf_token", "_fresh", "_id", "_permanent"})
#: Stands for the visitor's CSRF token in a stored body; no page can contain it.
PLACEHOLDER = f"__torget-csrf-{secrets.token_hex(12)}__".encode()


@dataclass(frozen=True)
class Page:
    version: tuple
    body: bytes
    digest: str
    content_type: str
    has_token: bool
    #: (clock, moment) pairs: the page is stale once any clock reaches its moment.
    moments: tuple
    expires: float

    def is_fresh(self, version: tuple) -> bool:
        if version != self.version or time.monotonic() >= self.expires:
            return False
        return all(clock() < moment for clock, moment in self.moments)


class PageCache:
    """One application's stored pages."""

    def __init__(self, app: Flask):
        self.pages = LRU(int(app.config.get("PAGE_CACHE_SIZE", 300)))


def init_app(app: Flask) -> None:
    """Give the app its page cache; its generation scope is wired beside it."""
    app.extensions["pagecache"] = PageCache(app)
    # No cached page limits its GETs; skipping the limiter's bookkeeping on them saves
    # a fifth of a hit's time.
    limiter.request_filter(_is_page_read)


def _is_page_read() -> bool:
    view = current_app.view_functions.get(request.endpoint)
    return request.method in ("GET", "HEAD") and getattr(view, "page_cached", False)


def is_enabled(app: Flask) -> bool:
    return "pagecache" in app.extensions and app.config.get("PAGE_CACHE", not app.testing)


def clear(app: Flask) -> None:
    """Forget every stored page of `app`."""
    app.extensions["pagecache"].pages.clear()
    generations.forget_reads(app)


def current_version() -> tuple:
    """The generation the stored pages are checked against."""
    return generations.current(SCOPE)


# --- answering -------------------------------------------------------------------


def valid_until(moment: datetime | None, clock: Callable[[], datetime] = utcnow) -> None:
    """Declare, while rendering, that the page changes when `clock()` reaches `moment`."""
    if moment is not None and "pagecache_moments" in g and clock() < moment:
        g.pagecache_moments.append((clock, moment))


def cached(view):
    """Serve the view's page from the cache to anonymous visitors (see the module)."""

    @functools.wraps(view)
    def answer(**kwargs):
        if not _is_cacheable_request():
            return view(**kwargs)
        state = current_app.extensions["pagecache"]
        key = request_key()
        version = current_version()
        hit = state.pages.get(key)
        if hit is not None and hit.is_fresh(version):
            return respond(hit)
        g.pagecache_moments = []
        response = make_response(view(**kwargs))
        page = _page_of(response, version)
        if page is None:
            return response
        state.pages.put(key, page)
        return respond(page)

    answer.page_cached = True
    return answer


def request_key() -> tuple:
    """What an anonymous page depends on besides the data."""
    today = datetime.now(STOCKHOLM).date()
    # Not the Host: every absolute address on a page comes from PUBLIC_BASE_URL.
    return (request.path, request.query_string, select_locale(), today)


def _is_cacheable_request() -> bool:
    app = current_app._get_current_object()
    if request.method not in ("GET", "HEAD") or not is_enabled(app):
        return False
    if app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies:
        return False
    return NEUTRAL_SESSION_KEYS.issuperset(session.keys())


def _page_of(response, version: tuple) -> Page | None:
    """The response as a page to store, or None when it must not be shared."""
    user = g.get("_login_user")
    if (
        response.status_code != 200
        or response.mimetype != "text/html"
        or response.direct_passthrough
        or "Set-Cookie" in response.headers
        or (user is not None and user.is_authenticated)
        or not NEUTRAL_SESSION_KEYS.issuperset(session.keys())
    ):
        return None
    body = response.get_data()
    token = g.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
    if token:
        body = body.replace(token.encode(), PLACEHOLDER)
    seconds = float(current_app.config.get("PAGE_CACHE_SECONDS", 60))
    return Page(
        version=version,
        body=body,
        digest=hashlib.blake2b(body, digest_size=12).hexdigest(),
        content_type=response.content_type,
        has_token=bool(token),
        moments=tuple(g.pagecache_moments),
        expires=time.monotonic() + seconds,
    )


def respond(page: Page):
    """The page with this visitor's CSRF token, or 304 when the browser's copy is current."""
    body, etag = page.body, page.digest
    if page.has_token:
        body = body.replace(PLACEHOLDER, generate_csrf().encode())
        etag += _token_tag()
    if request.if_none_match.contains_weak(etag):
        response = current_app.response_class(status=304)
    else:
        response = current_app.response_class(body, content_type=page.content_type)
    response.set_etag(etag, weak=True)
    # Each answer holds the visitor's own CSRF token: browsers may keep it, proxies not.
    response.headers["Cache-Control"] = "private, no-cache"
    response.vary.add("Cookie")
    return response


def _token_tag() -> str:
    """A part of the ETag that changes with the session's token and before it expires."""
    field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    limit = current_app.config.get("WTF_CSRF_TIME_LIMIT") or 0
    period = int(time.time() // (limit / 2)) if limit else 0
    raw = f"{session.get(field, '')}:{period}".encode()
    return "-" + hashlib.blake2b(raw, digest_size=6).hexdigest()
