"""Builders for registration tests: an open event, a registration posted through the form,
the rows it left."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from app.core.swedish import STOCKHOLM
from app.extensions import db
from app.registrations.models import Registration
from tests.conftest import post


def in_days(days: int, hour: int = 8) -> datetime:
    return (datetime.now(STOCKHOLM) + timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


def open_event(make_event, unit, **overrides):
    """A published event taking registrations, by default a one-off in three days."""
    start = overrides.pop("starts_at", in_days(3))
    values = {
        "title": "Frukostmöte om kompetens",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "registration_enabled": True,
        "capacity": 2,
        "waiting_list": True,
    }
    values.update(overrides)
    return make_event(unit, **values)


def register(client, event, **fields):
    """POST the registration form as a browser would (CSRF from the event page)."""
    data = {"name": "Anna Andersson", "email": "anna@example.org", "organisation": "Annas Bageri"}
    data.update(fields)
    return post(client, f"/events/{event.id}/register", data, token_from=f"/events/{event.id}")


def registrations(app, event_id: int | None = None) -> list[Registration]:
    with app.app_context():
        query = select(Registration).order_by(Registration.id)
        if event_id is not None:
            query = query.where(Registration.event_id == event_id)
        rows = db.session.scalars(query).all()
        db.session.expunge_all()
        return rows
