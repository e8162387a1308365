"""The award's notion of now, in one place so tests can freeze it."""

from __future__ import annotations

from datetime import datetime

from app.db import utcnow


def now() -> datetime:
    """The current time, aware UTC."""
    return utcnow()
