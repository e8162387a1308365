"""The shared factories build what they promise."""

from datetime import datetime, timedelta

from sqlalchemy import select

from app.core.swedish import STOCKHOLM
from app.events.models import Occurrence
from app.extensions import db


def test_make_event_builds_a_series_with_a_moved_and_a_cancelled_date(app, unit, make_event):
    first = datetime(2022, 6, 11, 11, 0, tzinfo=STOCKHOLM)
    event = make_event(
        unit,
        title="Sommar på torget",
        starts_at=first,
        ends_at=first + timedelta(hours=4),
        rrule="FREQ=WEEKLY;UNTIL=20220827",
        changes=[
            {"original_start": first + timedelta(weeks=1), "is_cancelled": True, "reason": "Regn"},
            {
                "original_start": first + timedelta(weeks=2),
                "starts_at": first + timedelta(weeks=2, days=1),
                "ends_at": first + timedelta(weeks=2, days=1, hours=4),
            },
        ],
    )
    with app.app_context():
        rows = db.session.scalars(
            select(Occurrence)
            .where(Occurrence.event_id == event.id)
            .order_by(Occurrence.original_start)
        ).all()
    assert len(rows) == 12
    assert rows[1].is_cancelled and rows[1].reason == "Regn"
    assert rows[2].is_moved and rows[2].starts_at == (first + timedelta(weeks=2, days=1))
    assert all(r.starts_at.astimezone(STOCKHOLM).hour == 11 for r in rows)
