"""The main menu: features register entries; each entry decides whether it shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import request, url_for
from flask_login import current_user


@dataclass(frozen=True)
class NavEntry:
    label: Callable[[], str]
    endpoint: str
    #: Shown only when this returns True for the current user; None = always.
    visible: Callable[[object], bool] | None = None
    #: Where a person with this entry lands after signing in, lowest first; None = never.
    landing: int | None = None


ENTRIES: list[NavEntry] = []


def register(label, endpoint: str, visible=None, landing: int | None = None) -> None:
    """Add an entry to the main menu (idempotent per endpoint)."""
    if all(entry.endpoint != endpoint for entry in ENTRIES):
        ENTRIES.append(NavEntry(label, endpoint, visible, landing))


def landing_page(user) -> str | None:
    """The page a person's work starts on: the first of their role's pages, by priority
    (an organiser's events, a juror's candidates, an officer's reports), or None."""
    mine = [
        entry
        for entry in ENTRIES
        if entry.landing is not None and entry.visible is not None and entry.visible(user)
    ]
    return url_for(min(mine, key=lambda e: e.landing).endpoint) if mine else None


def main_nav(minimal: bool = False) -> list[dict]:
    """The entries to show; on error pages only those that need no user."""
    items = []
    for entry in ENTRIES:
        if entry.visible is not None and (minimal or not entry.visible(current_user)):
            continue
        url = url_for(entry.endpoint)
        current = request.path == url or (url != "/" and request.path.startswith(url))
        items.append({"label": entry.label(), "url": url, "current": current})
    return items


#: Functions returning (template, context) for a block of the profile page, or None.
PROFILE_SECTIONS: list = []


def profile_sections() -> list:
    """The profile page's feature blocks for the current user."""
    return [s for s in (section() for section in PROFILE_SECTIONS) if s]
