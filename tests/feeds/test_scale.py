"""`flask demo scale`: the benchmarks' city, with dates as Torget itself derives them."""

from __future__ import annotations

from sqlalchemy import func, select

from app.events.models import Event, Occurrence, OccurrenceChange
from app.events.occurrences import rebuild_occurrences
from app.extensions import db
from app.units.models import Unit

ARGS = ["demo", "scale", "--events", "60", "--series", "6", "--units", "3", "--venues", "4"]


def snapshot(app):
    with app.app_context():
        return (
            db.session.scalar(select(func.count(Unit.id))),
            db.session.scalar(select(func.count(Event.id))),
            db.session.scalar(select(func.count(Event.id)).where(Event.rrule.is_not(None))),
            db.session.scalar(select(func.count(OccurrenceChange.id))),
            db.session.scalar(select(func.count(Occurrence.id))),
        )


def dates(event_id):
    rows = db.session.scalars(
        select(Occurrence)
        .where(Occurrence.event_id == event_id)
        .order_by(Occurrence.original_start)
    )
    return [
        (o.original_start, o.starts_at, o.ends_at, o.venue_id, o.is_moved, o.is_cancelled)
        for o in rows
    ]


def test_scale_builds_a_city_and_runs_again(app, runner):
    result = runner.invoke(args=ARGS)
    assert result.exit_code == 0, result.output
    assert "60 evenemang (6 serier)" in result.output
    first = snapshot(app)
    assert first[:4] == (3, 60, 6, 12)
    assert runner.invoke(args=ARGS).exit_code == 0
    assert snapshot(app) == first  # the second run replaces the first


def test_scale_dates_equal_rebuild_occurrences(app, runner):
    runner.invoke(args=ARGS)
    with app.app_context():
        series = db.session.scalars(select(Event).where(Event.rrule.is_not(None))).all()
        assert series
        for event in series:
            before = dates(event.id)
            rebuild_occurrences(event)
            assert dates(event.id) == before
        db.session.rollback()


def test_scale_refuses_bad_numbers(runner):
    result = runner.invoke(args=["demo", "scale", "--events", "5", "--series", "9"])
    assert result.exit_code == 1 and result.output.startswith("Fel: ")
