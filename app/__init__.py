"""Torget: events, the award "Årets lokala företag" and the business report.

The factory lives in `app.factory`; importing the package imports nothing else, so the
pure modules (recurrence, scoring, drafting ...) load without Flask or a database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.factory import create_app

__all__ = ["create_app"]


def __getattr__(name: str):
    """`from app import create_app`, loaded only when asked for."""
    if name == "create_app":
        from app.factory import create_app

        return create_app
    raise AttributeError(f"module 'app' has no attribute {name!r}")
