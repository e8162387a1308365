"""Security headers on every response; staff pages never cached."""

from __future__ import annotations

from flask import Flask, Response, current_app, g, request
from werkzeug.http import dump_options_header, parse_options_header

from app.db import sqlite_begin_mode

CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def _begin_mode() -> None:
    # Safe requests only read: let their SQLite transactions begin DEFERRED so
    # readers do not queue behind the write lock.
    sqlite_begin_mode.set("DEFERRED" if request.method in SAFE_METHODS else "IMMEDIATE")


def _one_charset(response: Response) -> None:
    # A view that names the charset in its mimetype ("text/csv; charset=utf-8") gets it
    # twice, as Werkzeug appends the app's charset to every text type: keep one.
    value = response.headers.get("Content-Type", "")
    if value.count("charset=") > 1:
        mimetype, options = parse_options_header(value)
        response.headers["Content-Type"] = dump_options_header(mimetype, options)


def _headers(response: Response) -> Response:
    _one_charset(response)
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    response.headers.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if current_app.config["SESSION_COOKIE_SECURE"]:
        # Served over TLS (everywhere but development): browsers should never try plain HTTP.
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    user = getattr(g, "_login_user", None)  # only if this request already loaded it
    signed_in = user is not None and user.is_authenticated
    cache = response.headers.get("Cache-Control", "")
    if (signed_in or request.method not in SAFE_METHODS) and not cache.startswith("public"):
        # Staff pages and answers to forms carry personal data: never store them.
        response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    app.before_request(_begin_mode)
    app.after_request(_headers)
