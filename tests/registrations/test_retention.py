"""`flask registrations retention`: names and e-mail addresses go 12 months after the date."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.db import utcnow
from app.extensions import db
from app.registrations.models import Registration, RegistrationStatus


def _register(app, event, start, n, **values):
    with app.app_context():
        db.session.add(
            Registration(
                event_id=event.id,
                occurrence_start=start,
                name=f"Person {n}",
                email=f"person{n}@example.org",
                organisation="Exempelbolaget AB",
                status=RegistrationStatus.CONFIRMED,
                cancel_token_hash=f"{n:064d}",
                attended=True,
                **values,
            )
        )
        db.session.commit()


def _rows(app):
    with app.app_context():
        return db.session.scalars(select(Registration).order_by(Registration.id)).all()


def test_retention_removes_personal_data_of_old_dates_only(app, runner, unit, make_event):
    old_start = utcnow() - timedelta(days=400)
    old = make_event(unit, starts_at=old_start, ends_at=old_start + timedelta(hours=2))
    recent_start = utcnow() - timedelta(days=30)
    recent = make_event(unit, starts_at=recent_start, ends_at=recent_start + timedelta(hours=2))
    _register(app, old, old.starts_at, 1)
    _register(app, recent, recent.starts_at, 2)

    dry = runner.invoke(args=["registrations", "retention", "--dry-run"])
    assert dry.exit_code == 0 and "1 anmälningar skulle gallras" in dry.output
    assert [r.email for r in _rows(app)] == ["person1@example.org", "person2@example.org"]

    result = runner.invoke(args=["registrations", "retention"])
    assert result.exit_code == 0 and "1 anmälningar är gallrade" in result.output
    first, second = _rows(app)
    assert (first.name, first.email, first.organisation) == ("", "", "")
    assert first.status == RegistrationStatus.CONFIRMED and first.attended
    assert second.email == "person2@example.org" and second.name == "Person 2"
    with app.app_context():
        entry = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "registration.retention")
        ).one()
        assert entry.details == {"count": 1}

    again = runner.invoke(args=["registrations", "retention"])
    assert "0 anmälningar är gallrade" in again.output
