"""An accessibility report waiting for an answer, for the write matrix."""

from __future__ import annotations

from app.pages.services import report_problem


def extend(world) -> None:
    report = report_problem("/events/", "Knappen går inte att nå med tangentbordet.", "")
    world.objects.update(accessibility_report=report)
