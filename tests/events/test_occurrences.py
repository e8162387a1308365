"""Deriving dates: rows are updated in place, so rebuilding an unchanged event writes nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from app.events import services
from app.events.models import Event, Occurrence, Outcome
from app.events.occurrences import rebuild_occurrences
from app.extensions import db
from tests.conftest import count_queries

START = datetime(2030, 6, 3, 6, 0, tzinfo=UTC)


def _rows(event_id: int) -> list[tuple]:
    query = (
        select(Occurrence)
        .where(Occurrence.event_id == event_id)
        .order_by(Occurrence.original_start)
    )
    return [(o.id, o.starts_at, o.venue_id, o.is_moved, o.is_cancelled, o.reason)
            for o in db.session.scalars(query)]  # fmt: skip


def test_rebuilding_an_unchanged_event_writes_nothing(app, make_event, unit):
    event = make_event(unit, starts_at=START, ends_at=START + timedelta(hours=1),
                       rrule="FREQ=WEEKLY;COUNT=6")  # fmt: skip
    with app.app_context():
        before = _rows(event.id)
        loaded = db.session.get(Event, event.id)
        loaded.changes  # noqa: B018 - load the relationship before counting
        with count_queries(app) as n:
            rebuild_occurrences(loaded)
        db.session.commit()
        assert _rows(event.id) == before
    assert n() == 1  # the one SELECT of the existing rows; no INSERT, UPDATE or DELETE


def test_move_then_restore_gives_back_the_same_dates(app, make_event, unit, organiser):
    event = make_event(unit, starts_at=START, ends_at=START + timedelta(hours=1),
                       rrule="FREQ=WEEKLY;COUNT=4")  # fmt: skip
    second = START + timedelta(days=7)
    with app.app_context():
        before = _rows(event.id)
        actor = db.session.get(type(organiser), organiser.id)
        loaded = db.session.get(Event, event.id)
        services.move_date(actor, loaded, second, second + timedelta(hours=3),
                           second + timedelta(hours=4), None, "Flyttat")  # fmt: skip
        moved = _rows(event.id)
        assert moved[1][1] == second + timedelta(hours=3) and moved[1][3]
        assert moved[1][0] == before[1][0]  # the same row, updated
        services.restore_date(actor, loaded, second)
        db.session.commit()
        assert _rows(event.id) == before


def test_ending_a_series_keeps_outcomes_of_earlier_dates(app, make_event, unit, organiser):
    past = datetime(2022, 6, 7, 6, 0, tzinfo=UTC)
    event = make_event(unit, starts_at=past, ends_at=past + timedelta(hours=1),
                       rrule="FREQ=WEEKLY;COUNT=5")  # fmt: skip
    with app.app_context():
        db.session.add(Outcome(event_id=event.id, occurrence_start=past, attendance=12))
        actor = db.session.get(type(organiser), organiser.id)
        loaded = db.session.get(Event, event.id)
        services.end_series(actor, loaded, date(2022, 6, 14))
        db.session.commit()
        assert len(_rows(event.id)) == 2
        assert db.session.scalars(select(Outcome.attendance)).all() == [12]
