"""Titles Torget gives events itself; pure, no Flask or database."""

from __future__ import annotations

#: The title of an event imported without one (SUMMARY is optional in RFC 5545); the
#: organiser's list flags it so that someone gives it a real title.
UNTITLED = "Namnlöst evenemang (rubrik saknades i filen)"
