"""Absolute addresses that leave the request: always from `PUBLIC_BASE_URL`, never the Host.

A link in a mail, a feed address to subscribe to, a calendar entry's URL or a document
outlives the request that made it. Built from the request, such a link follows whatever
Host header the client sent (`Host: evil.example` would mail a reset link to another
site). Built from configuration, it always names Torget's own public address.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app


class BaseUrlError(ValueError):
    """The configured public address is not an absolute http(s) URL."""


def split_base(base: str) -> tuple[str, str, str]:
    """(scheme, host[:port], path prefix) of a public base URL; raises BaseUrlError."""
    parts = urlsplit(base.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise BaseUrlError(f"PUBLIC_BASE_URL must be an absolute http(s) address, not {base!r}.")
    return parts.scheme, parts.netloc, parts.path.rstrip("/")


def public_host(base: str) -> str:
    """The host name (without port) of a public base URL, for the trusted-host check."""
    return urlsplit(base.strip()).hostname or ""


def base_url() -> str:
    """The public address with a trailing slash."""
    scheme, netloc, prefix = split_base(current_app.config["PUBLIC_BASE_URL"])
    return f"{scheme}://{netloc}{prefix}/"


def external_url(endpoint: str, **values) -> str:
    """The absolute public URL of an endpoint, built from configuration only."""
    scheme, netloc, prefix = split_base(current_app.config["PUBLIC_BASE_URL"])
    adapter = current_app.url_map.bind(netloc, script_name=prefix or "/", url_scheme=scheme)
    return adapter.build(endpoint, values, force_external=True)


def webcal(url: str) -> str:
    """The webcal:// form of an http(s) feed address, which calendar programs subscribe to."""
    return "webcal://" + url.split("://", 1)[-1]
