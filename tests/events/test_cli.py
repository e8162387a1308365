"""`flask events rebuild-occurrences`."""

from __future__ import annotations

from sqlalchemy import delete, func, select

from app.events.models import Event, Occurrence
from app.extensions import db


def _dates(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Occurrence))


def test_rebuilds_lost_dates(app, runner, make_event, unit):
    event = make_event(unit, rrule="FREQ=WEEKLY;COUNT=5")
    make_event(unit)
    with app.app_context():
        db.session.execute(delete(Occurrence))
        db.session.commit()
    result = runner.invoke(args=["events", "rebuild-occurrences"])
    assert result.exit_code == 0, result.output
    assert "2 evenemang, 6 datum uppdaterade." in result.output
    assert _dates(app) == 6
    result = runner.invoke(args=["events", "rebuild-occurrences", "--event", str(event.id)])
    assert "1 evenemang, 5 datum" in result.output and _dates(app) == 6


def test_unknown_event_and_broken_rule_fail_in_red(app, runner, make_event, unit):
    result = runner.invoke(args=["events", "rebuild-occurrences", "--event", "999"])
    assert result.exit_code != 0 and "Evenemang 999 finns inte." in result.output
    event = make_event(unit)
    with app.app_context():
        db.session.get(Event, event.id).rrule = "FREQ=WEEKLY"
        db.session.commit()
    result = runner.invoke(args=["events", "rebuild-occurrences"])
    assert result.exit_code != 0 and "ogiltig regel" in result.output
