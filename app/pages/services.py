"""Storing accessibility problem reports."""

from __future__ import annotations

from app.audit.services import record
from app.db import utcnow
from app.extensions import db
from app.pages.models import AccessibilityReport


def clean_text(value: str | None) -> str:
    """Text as typed, without NUL bytes and other control characters (tabs and newlines kept)."""
    if not value:
        return ""
    return "".join(c for c in value if c in "\t\n\r" or ord(c) >= 32).strip()


def report_problem(page: str, description: str, contact_email: str) -> AccessibilityReport:
    """Store a visitor's report of an accessibility problem."""
    report = AccessibilityReport(
        page=clean_text(page),
        description=clean_text(description),
        contact_email=clean_text(contact_email),
    )
    db.session.add(report)
    db.session.flush()
    record(None, "accessibility.report", report)
    return report


def mark_handled(actor, report: AccessibilityReport) -> None:
    report.handled_at = utcnow()
    report.handled_by_id = actor.id
    record(actor, "accessibility.handled", report)


def delete_reports(reports: list[AccessibilityReport]) -> None:
    """Delete reports whose retention time is over; the audit log keeps only the count."""
    for report in reports:
        db.session.delete(report)
    db.session.flush()
    if reports:
        record(None, "accessibility.retention", None, deleted=len(reports))
