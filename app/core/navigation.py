"""The main menu, the landing page after sign-in and the profile page's blocks.

What they hold is wired per application in `app/wiring.py` (see `app.core.wiring`).
"""

from __future__ import annotations

from flask import request, url_for
from flask_login import current_user

from app.core import wiring


def main_nav(minimal: bool = False) -> list[dict]:
    """The entries to show; on error pages only those that need no user."""
    items = []
    for entry in wiring.of().menu:
        if entry.visible is not None and (minimal or not entry.visible(current_user)):
            continue
        url = url_for(entry.endpoint)
        current = request.path == url or (url != "/" and request.path.startswith(url))
        items.append({"label": entry.label(), "url": url, "current": current})
    return items


def landing_page(user) -> str | None:
    """The page a person's work starts on: the first of their role's pages, by priority
    (an organiser's events, a juror's candidates, an officer's reports), or None."""
    mine = [
        entry
        for entry in wiring.of().menu
        if entry.landing is not None and entry.visible is not None and entry.visible(user)
    ]
    return url_for(min(mine, key=lambda e: e.landing).endpoint) if mine else None


def profile_sections() -> list:
    """The profile page's feature blocks for the current user."""
    return [s for s in (section() for section in wiring.of().profile_sections) if s]
